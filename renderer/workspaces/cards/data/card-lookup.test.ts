import { wrapRxStorageInstance, type RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { AccessLogEntrySchema, type CardProcess } from '../../../../shared/schemas';
import type { PlantaoDatabase } from '../../../data/open-store';
import { lookupActorOf, lookupCardsLogged } from './card-lookup';
import { cpfKey } from './cpf-index';
import { cpfOf, openTestStore, testCard as card, withIds } from './test-store';

/** The memory storage under the real encryption wrapper, counting every card read out of it (each one decrypted). */
function countingStorage(counter: { cardReads: number }): RxStorage<unknown, unknown> {
  const memory = getRxStorageMemory() as unknown as RxStorage<unknown, unknown>;
  return {
    ...memory,
    async createStorageInstance(params) {
      const instance = await memory.createStorageInstance(params);
      if (params.collectionName !== 'cards') return instance;
      return wrapRxStorageInstance(params.schema, instance, (doc) => doc, (doc) => {
        counter.cardReads += 1;
        return doc;
      });
    },
  };
}

const databases: PlantaoDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.close()));
});

async function openDatabase(counter: { cardReads: number }): Promise<PlantaoDatabase> {
  const db = await openTestStore(['cards', 'access_log'], countingStorage(counter));
  databases.push(db);
  return db;
}

const insert = (db: PlantaoDatabase, cards: CardProcess[]) => db.cards.bulkInsert(withIds(cards));
const actor = lookupActorOf({ userId: 'sara.lima', displayName: 'Sara Lima', roles: ['service_desk'], unitId: 'dv-mg-capital' }, 'ws-desk0001')!;
const loggedEntries = async (db: PlantaoDatabase) => (await db.access_log.find().exec()).map((doc) => AccessLogEntrySchema.parse(doc.toJSON()));

describe('service-desk card look-up', () => {
  it('finds by CPF and birth date through the keyed index, reading only the cards changed since and the hits', async () => {
    const counter = { cardReads: 0 };
    const db = await openDatabase(counter);
    await insert(db, Array.from({ length: 300 }, (_, offset) => card(offset + 1)));
    // The first look-up on this desk builds the index once.
    const first = await lookupCardsLogged(db, actor, { cpf: cpfOf(42), birthDate: '1990-05-17' });
    expect(first.ok && first.value.map((found) => found.protocol)).toEqual(['CI-2026-00000042']);

    await insert(db, [card(301), card(302, '1971-01-09')]);
    counter.cardReads = 0;
    const second = await lookupCardsLogged(db, actor, { cpf: cpfOf(302).replace(/^(\d{3})(\d{3})(\d{3})/, '$1.$2.$3-'), birthDate: '1971-01-09' });
    expect(second.ok && second.value.map((found) => found.protocol)).toEqual(['CI-2026-00000302']);
    // Two new cards caught up plus the one hit, not the 302 cards of the store.
    expect(counter.cardReads).toBeLessThanOrEqual(5);

    const wrongBirthDate = await lookupCardsLogged(db, actor, { cpf: cpfOf(7), birthDate: '1990-05-18' });
    expect(wrongBirthDate.ok && wrongBirthDate.value).toEqual([]);
    // The index keeps no CPF in the clear: the bucket holds the protocol under the CPF's keyed hash.
    const bucket = JSON.stringify((await db.getLocal(`card-cpf-index:${(await cpfKey(db, cpfOf(42))).slice(0, 2)}`))?.toJSON());
    expect(bucket).toContain('CI-2026-00000042');
    expect(bucket).not.toContain(cpfOf(42));
  });

  it('writes an access-log entry for every look-up, by protocol or CPF, found or not', async () => {
    const db = await openDatabase({ cardReads: 0 });
    await insert(db, [card(1), card(2)]);
    await lookupCardsLogged(db, actor, { protocol: 'ci-2026-00000001' });
    await lookupCardsLogged(db, actor, { protocol: 'CI-2026-00000099' });
    await lookupCardsLogged(db, actor, { cpf: cpfOf(2), birthDate: '1990-05-17' });
    await lookupCardsLogged(db, actor, { cpf: cpfOf(3), birthDate: '1990-05-17' });
    const entries = await loggedEntries(db);
    expect(entries.map((entry) => `${entry.action} ${entry.record.kind} ${entry.record.id}`).sort()).toEqual(
      ['lookup card CI-2026-00000001', 'lookup card protocolo:CI-2026-00000099', 'lookup card CI-2026-00000002', `lookup card cpf:***.${cpfOf(3).slice(3, 6)}.${cpfOf(3).slice(6, 9)}-**`].sort(),
    );
    expect(entries.every((entry) => entry.userId === 'sara.lima' && entry.role === 'service_desk' && entry.scopeId === 'dv-mg-capital')).toBe(true);
  });
});
