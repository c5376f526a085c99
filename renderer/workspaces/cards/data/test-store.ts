import { addRxPlugin, createRxDatabase, type RxStorage } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { cpfCheckDigits } from '../../../../shared/rules';
import { documentIdOf, type CardProcess, type CardStageEvent, type DatabaseName } from '../../../../shared/schemas';
import { BOARD_SNAPSHOT_SCHEMA } from '../../../data/board-snapshot-schema';
import { COLLECTION_SCHEMAS } from '../../../data/collection-schemas';
import type { PlantaoDatabase } from '../../../data/open-store';

addRxPlugin(RxDBLocalDocumentsPlugin);

/** Unit tests' local store: the console's collection schemas (and the board snapshots) in memory, personal fields really encrypted. */
export async function openTestStore(collections: DatabaseName[], storage: RxStorage<unknown, unknown> = getRxStorageMemory() as unknown as RxStorage<unknown, unknown>): Promise<PlantaoDatabase> {
  const db = (await createRxDatabase({
    name: `cards-test-${crypto.randomUUID()}`,
    storage: wrappedKeyEncryptionCryptoJsStorage({ storage }),
    password: 'chave-do-armazenamento-local-0123456789',
    multiInstance: false,
    localDocuments: true,
  })) as unknown as PlantaoDatabase;
  await db.addCollections({ ...Object.fromEntries(collections.map((name) => [name, { schema: COLLECTION_SCHEMAS[name] }])), card_board_snapshots: { schema: BOARD_SNAPSHOT_SCHEMA } });
  return db;
}

export const cpfOf = (index: number) => {
  const base = String(100_000_000 + index * 7919).slice(-9);
  return base + cpfCheckDigits(base);
};

export const testCard = (index: number, birthDate = '1990-05-17', postId = 'posto-bh-centro'): CardProcess => ({
  type: 'card_process',
  schemaVersion: 1,
  protocol: `CI-2026-${String(index).padStart(8, '0')}`,
  postId,
  cardKind: 'cin',
  issuance: 'first',
  holder: { fullName: `Titular Número ${index}`, birthDate, sex: 'female', cpf: cpfOf(index) },
  cpfSituation: 'regular',
  fee: { status: 'free' },
  createdAt: '2026-03-01T10:00:00-03:00',
});

export const testEvent = (card: CardProcess, step: number, from: CardStageEvent['from'], to: CardStageEvent['to']): CardStageEvent => ({
  type: 'card_event',
  schemaVersion: 1,
  eventId: `event-${card.protocol.slice(-8)}-${step}`,
  protocol: card.protocol,
  postId: card.postId,
  from,
  to,
  at: `2026-03-0${2 + step}T10:00:00-03:00`,
  byUserId: 'carla.mendes',
  byName: 'Carla Mendes',
  workstationId: 'ws-test0001',
});

export const withIds = <T extends CardProcess | CardStageEvent>(docs: T[]) => docs.map((doc) => ({ ...doc, id: documentIdOf(doc) }));
