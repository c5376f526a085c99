import { afterEach, describe, expect, it } from 'vitest';
import type { PlantaoDatabase } from '../../../data/open-store';
import type { RxCollection } from 'rxdb';
import { deriveCardStage } from '../../../../shared/rules';
import type { CardProcess, CardStageEvent } from '../../../../shared/schemas';
import { readBoardSnapshot, saveBoardSnapshot } from './board-snapshot';
import { cardBoardSource, openBoardSource } from './card-board-source';
import type { CardStageIndex } from './card-stage-index';
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

const POST = 'posto-bh-centro';

/** protocol → stage, since and anomaly count as a fold of all stored events of the post gives them. */
async function fullFold(db: PlantaoDatabase) {
  const cards = (await db.cards.find({ selector: { postId: POST } }).exec()).map((doc) => doc.toJSON() as unknown as CardProcess);
  const events = (await db.card_events.find({ selector: { postId: POST } }).exec()).map((doc) => doc.toJSON() as unknown as CardStageEvent);
  return Object.fromEntries(cards.map((card) => [card.protocol, summary(deriveCardStage(card, events.filter((event) => event.protocol === card.protocol)))]));
}
const summary = (derived: ReturnType<typeof deriveCardStage>) => `${derived.stage} ${derived.since} ${derived.anomalies.length}`;
const boardOf = (index: CardStageIndex) => Object.fromEntries([...index.all()].map((row) => [row.card.protocol, summary(row.derived)]));

/** Five cards of the post at different stages, one of them with a stale (anomalous) move. */
async function plantPost(db: PlantaoDatabase) {
  const cards = [1, 2, 3, 4, 5].map((n) => testCard(n));
  await db.cards.bulkInsert(withIds(cards));
  await db.card_events.bulkInsert(
    withIds([
      testEvent(cards[0]!, 0, 'pre_requested', 'fee_settled'),
      testEvent(cards[1]!, 0, 'pre_requested', 'fee_settled'),
      testEvent(cards[1]!, 1, 'fee_settled', 'scheduled'),
      testEvent(cards[2]!, 0, 'fee_settled', 'scheduled'),
    ]),
  );
  return cards;
}

describe('board snapshot in the board source', () => {
  it('opens from the snapshot, applies only what changed since, and equals the full fold', async () => {
    const db = await openTestStore(['cards', 'card_events']);
    databases.push(db);
    const cards = await plantPost(db);
    const first = openBoardSource(db, POST, 5);
    await until(() => first.index.loaded);
    let saved = await readBoardSnapshot(db, POST);
    for (let tries = 0; tries < 200 && !saved; tries += 1) saved = await new Promise((resolve) => setTimeout(resolve, 10)).then(() => readBoardSnapshot(db, POST));
    expect(saved?.rows).toHaveLength(5);
    first.close();

    // Written while no board was open: a move, a late copy of a known event, a new card with an event that came first.
    const late = testCard(6);
    await db.card_events.bulkInsert(withIds([testEvent(cards[0]!, 1, 'fee_settled', 'scheduled'), testEvent(late, 0, 'pre_requested', 'fee_settled')]));
    await db.cards.bulkInsert(withIds([late]));
    const changed = await (db.cards as RxCollection).findOne({ selector: { protocol: cards[4]!.protocol } }).exec();
    await changed!.incrementalPatch({ cpfSituation: 'pending' });

    const second = openBoardSource(db, POST, 5);
    await until(() => second.index.loaded);
    expect(second.index.needsEvents(cards[3]!.protocol)).toBe(true);
    await until(() => second.index.get(late.protocol)?.derived.stage === 'fee_settled');
    expect(boardOf(second.index)).toEqual(await fullFold(db));
    expect(second.index.get(cards[4]!.protocol)?.card.cpfSituation).toBe('pending');
    expect(second.index.get(cards[2]!.protocol)?.derived.anomalies).toHaveLength(1);

    // Live events keep folding on top of the restored board, reading the restored card's own events first.
    await db.card_events.bulkInsert(withIds([testEvent(cards[1]!, 2, 'scheduled', 'fee_settled')]));
    await until(() => !second.index.needsEvents(cards[1]!.protocol));
    expect(boardOf(second.index)).toEqual(await fullFold(db));
    expect(second.index.eventsOf(cards[1]!.protocol)).toHaveLength(3);
    second.index.ensureEvents(cards[3]!.protocol);
    await until(() => !second.index.needsEvents(cards[3]!.protocol));
    second.close();
  });

  it('rebuilds from the documents when the snapshot is of another version or another store state', async () => {
    const db = await openTestStore(['cards', 'card_events']);
    databases.push(db);
    const cards = await plantPost(db);
    const wrong = { card: cards[0]!, derived: { stage: 'delivered' as const, since: '2026-01-01T10:00:00-03:00', anomalies: [] }, sinceDate: '2026-01-01', searchKey: 'x' };
    const expected = await fullFold(db);

    // Checkpoints naming documents this store does not hold (a store rebuilt since), later than everything in it.
    const future = Date.now() + 1e9;
    await saveBoardSnapshot(db, { postId: POST, checkpoints: { cards: { id: 'card_process:CI-gone', lwt: future }, card_events: { id: 'card_event:gone', lwt: future } }, rows: [wrong] });
    const elsewhere = openBoardSource(db, POST, 60_000);
    await until(() => elsewhere.index.loaded);
    expect(boardOf(elsewhere.index)).toEqual(expected);
    expect(elsewhere.index.needsEvents(cards[0]!.protocol)).toBe(false);
    elsewhere.close();

    // A snapshot of this store state is trusted as it is (a cache)...
    const saving = openBoardSource(db, POST, 5);
    await until(() => saving.index.loaded);
    let saved = await readBoardSnapshot(db, POST);
    for (let tries = 0; tries < 200 && saved?.rows.length !== 5; tries += 1) saved = await new Promise((resolve) => setTimeout(resolve, 10)).then(() => readBoardSnapshot(db, POST));
    saving.close();
    await saveBoardSnapshot(db, { ...saved!, rows: [wrong] });
    const trusted = openBoardSource(db, POST, 60_000);
    await until(() => trusted.index.loaded);
    expect(boardOf(trusted.index)).toEqual({ [cards[0]!.protocol]: 'delivered 2026-01-01T10:00:00-03:00 0' });
    trusted.close();

    // ...unless it is of another version.
    const snapshots = (db as unknown as { collections: Record<string, RxCollection> }).collections.card_board_snapshots!;
    await (await snapshots.findOne(`board:${POST}`).exec())!.incrementalPatch({ snapshotVersion: 0 });
    const older = openBoardSource(db, POST, 60_000);
    await until(() => older.index.loaded);
    expect(boardOf(older.index)).toEqual(expected);
    older.close();
  });
});
