import { afterEach, describe, expect, it } from 'vitest';
import type { PlantaoDatabase } from '../../../data/open-store';
import { cardBoardSource } from './card-board-source';
import { openTestStore, testCard, testEvent, withIds } from './test-store';

const databases: PlantaoDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.close()));
});

const until = async (check: () => boolean) => {
  for (let tries = 0; tries < 200 && !check(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe('cardBoardSource', () => {
  it('loads the post once, keeps one board per post for the session and folds live events into it', async () => {
    const db = await openTestStore(['cards', 'card_events']);
    databases.push(db);
    const [first, second] = [testCard(1), testCard(2)];
    await db.cards.bulkInsert(withIds([first!, second!, testCard(3, '1990-05-17', 'posto-contagem')]));
    await db.card_events.bulkInsert(withIds([testEvent(first!, 0, 'pre_requested', 'fee_settled')]));

    const board = cardBoardSource(db, 'posto-bh-centro');
    expect(cardBoardSource(db, 'posto-bh-centro')).toBe(board);
    await until(() => board.loaded);
    expect([...board.all()].map((row) => `${row.card.protocol} ${row.derived.stage}`).sort()).toEqual(['CI-2026-00000001 fee_settled', 'CI-2026-00000002 pre_requested']);
    expect(board.get('CI-2026-00000001')?.card.holder.fullName).toBe('Titular Número 1');

    const untouched = board.get('CI-2026-00000002');
    await db.card_events.bulkInsert(withIds([testEvent(first!, 1, 'fee_settled', 'scheduled'), testEvent(testCard(3, '1990-05-17', 'posto-contagem'), 0, 'pre_requested', 'fee_settled')]));
    await until(() => board.get('CI-2026-00000001')?.derived.stage === 'scheduled');
    expect(board.get('CI-2026-00000001')?.sinceDate).toBe('2026-03-03');
    expect(board.get('CI-2026-00000002')).toBe(untouched);
    expect(board.get('CI-2026-00000003')).toBeUndefined();
  });
});
