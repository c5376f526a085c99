import { createRxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { BOARD_SNAPSHOT_SCHEMA } from '../../../data/board-snapshot-schema';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveCardStage } from '../../../../shared/rules';
import { cardSearchKey } from '../../../../shared/rules/cards';
import type { PlantaoDatabase } from '../../../data/open-store';
import { deriveSealingKey, sealedStorage } from '../../../data/sealed-storage';
import { readBoardSnapshot, saveBoardSnapshot, type BoardSnapshot } from './board-snapshot';
import type { BoardCard } from './card-stage-index';
import { openTestStore, testCard, testEvent } from './test-store';

const databases: PlantaoDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.close()));
});

const rowOf = (index: number, steps: number): BoardCard => {
  const card = testCard(index);
  const moves = [testEvent(card, 0, 'pre_requested', 'fee_settled'), testEvent(card, 1, 'fee_settled', 'scheduled')].slice(0, steps);
  const derived = deriveCardStage(card, moves);
  return { card, derived, sinceDate: derived.since.slice(0, 10), searchKey: cardSearchKey(card) };
};

const snapshotOf = (rows: BoardCard[], lwt: number): BoardSnapshot => ({
  postId: 'posto-bh-centro',
  checkpoints: { cards: { id: 'card:x', lwt }, card_events: { id: 'event:y', lwt: lwt + 1 } },
  rows,
});

/** The console's sealed storage over memory, recording every document as it reaches the memory storage. */
function recordingSealedStorage(key: CryptoKey, written: string[]): RxStorage<unknown, unknown> {
  const memory = getRxStorageMemory() as unknown as RxStorage<unknown, unknown>;
  const recording: RxStorage<unknown, unknown> = Object.assign({}, memory, {
    async createStorageInstance(params: Parameters<typeof memory.createStorageInstance>[0]) {
      const instance = await memory.createStorageInstance(params);
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows, context) => {
        written.push(...rows.map((row) => JSON.stringify(row.document)));
        return bulkWrite(rows, context);
      };
      return instance;
    },
  });
  return sealedStorage(recording, key);
}

describe('board snapshot', () => {
  it('reads back what was saved, replaced on each save', async () => {
    const db = await openTestStore(['cards', 'card_events']);
    databases.push(db);
    expect(await readBoardSnapshot(db, 'posto-bh-centro')).toBeNull();

    await saveBoardSnapshot(db, snapshotOf([rowOf(1, 1), rowOf(2, 0)], 10));
    expect(await readBoardSnapshot(db, 'posto-bh-centro')).toEqual(snapshotOf([rowOf(1, 1), rowOf(2, 0)], 10));

    await saveBoardSnapshot(db, snapshotOf([rowOf(1, 2)], 20));
    await saveBoardSnapshot(db, snapshotOf([rowOf(1, 2), rowOf(3, 1)], 30));
    const read = await readBoardSnapshot(db, 'posto-bh-centro');
    expect(read).toEqual(snapshotOf([rowOf(1, 2), rowOf(3, 1)], 30));
    expect(read?.rows[0]?.derived.stage).toBe('scheduled');
    expect(await readBoardSnapshot(db, 'posto-contagem')).toBeNull();
  });

  it('keeps holders sealed at rest with the store key', async () => {
    const written: string[] = [];
    const db = (await createRxDatabase({
      name: `cards-snapshot-${crypto.randomUUID()}`,
      storage: recordingSealedStorage(await deriveSealingKey('segredo-do-armazenamento-0123456789'), written),
      password: 'segredo-do-armazenamento-0123456789',
      multiInstance: false,
    })) as unknown as PlantaoDatabase;
    databases.push(db);
    await db.addCollections({ card_board_snapshots: { schema: BOARD_SNAPSHOT_SCHEMA } });
    await saveBoardSnapshot(db, snapshotOf([rowOf(1, 1)], 10));

    const stored = written.filter((doc) => doc.includes('board:posto-bh-centro'));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toContain('"sealed"');
    expect(stored[0]).not.toContain('Titular');
    expect(stored[0]).not.toContain(testCard(1).holder.cpf);
    expect((await readBoardSnapshot(db, 'posto-bh-centro'))?.rows[0]?.card.holder.fullName).toBe('Titular Número 1');
  });
});
