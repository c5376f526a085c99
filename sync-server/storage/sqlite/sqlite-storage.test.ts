import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentWrite, WriteOptions } from '../storage';
import { RECENT_CHANGES, SqliteStorage } from './sqlite-storage';

let dir: string;
let storage: SqliteStorage;
const DB = 'things';

/** Tags documents by their `unit`; refuses bodies marked `refuse`. */
const options: WriteOptions = {
  newEdits: true,
  scopeOf: (_id, body) => (typeof body.unit === 'string' ? [`unit:${body.unit}`] : []),
  check: async (write) => (write.body.refuse ? { ok: false, error: { error: 'forbidden', reason: 'recusado' } } : { ok: true }),
};
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const write = (id: string, body: Record<string, unknown>, rev?: string, deleted = false): DocumentWrite => ({
  id,
  ...(rev ? { rev } : {}),
  deleted,
  body,
  attachments: {},
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plantao-storage-'));
  storage = SqliteStorage.open(dir);
  await storage.createDatabase(DB);
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite storage', () => {
  it('reads scoped changes near the head and far behind it alike: readable rows in order, the limit, the last sequence', async () => {
    const units = ['x', 'y', 'z'];
    const total = RECENT_CHANGES * 3;
    for (let start = 0; start < total; start += 50) {
      const batch = Array.from({ length: 50 }, (_, offset) => write(`doc-${start + offset}`, { unit: units[((start + offset) * 7) % 3] }));
      await storage.bulkWrite(DB, batch, options);
    }
    const scope = ['unit:x', 'unit:z'];
    const all = (await storage.changes(DB, { since: 0, limit: null, descending: false, includeDocs: false, scope: 'all', docIds: null })).rows;
    for (const since of [0, total - RECENT_CHANGES - 1, total - RECENT_CHANGES, total - 10, total - 1, total]) {
      for (const limit of [null, 1, 7, RECENT_CHANGES * 10]) {
        const page = await storage.changes(DB, { since, limit, descending: false, includeDocs: true, scope, docIds: null });
        const readable = all.filter((row) => row.seq > since && row.state.tags.some((tag) => scope.includes(tag)));
        const expected = limit === null ? readable : readable.slice(0, limit);
        const full = limit !== null && expected.length >= limit;
        const label = `since ${since}, limit ${limit}`;
        expect(page.rows.map((row) => [row.seq, row.state.id, row.doc?.body.unit]), label).toEqual(expected.map((row) => [row.seq, row.state.id, row.state.tags[0]!.slice(5)]));
        expect(page.lastSeq, label).toBe(full ? expected.at(-1)!.seq : total);
      }
    }
  });

  it('sees the databases and writes of another connection to the same file (a user command beside a running server)', async () => {
    const info = async () => {
      const found = await storage.databaseInfo(DB, 'all');
      return { docCount: found?.docCount, updateSeq: found?.updateSeq };
    };
    await storage.bulkWrite(DB, [write('mine', { unit: 'x' })], options);
    expect(await info()).toEqual({ docCount: 1, updateSeq: 1 });
    const other = SqliteStorage.open(dir);
    try {
      await other.bulkWrite(DB, [write('theirs', { unit: 'x' }), write('also-theirs', { unit: 'y' })], options);
      await other.createDatabase('made-elsewhere');
      // Another connection's commits are seen from the next event-loop turn on.
      await nextTurn();
      expect(await info()).toEqual({ docCount: 3, updateSeq: 3 });
      expect((await storage.changes(DB, { since: 0, limit: null, descending: false, includeDocs: false, scope: 'all', docIds: null })).lastSeq).toBe(3);
      expect(await storage.databaseInfo('made-elsewhere', 'all')).not.toBeNull();
      await other.deleteDatabase('made-elsewhere');
      await nextTurn();
      expect(await storage.databaseInfo('made-elsewhere', 'all')).toBeNull();
    } finally {
      await other.close();
    }
    await storage.bulkWrite(DB, [write('mine-again', {})], options);
    expect(await info()).toEqual({ docCount: 4, updateSeq: 4 });
  });

  it('shows the check the earlier rows of its batch, and stores the tags the check chose', async () => {
    await storage.bulkWrite(DB, [write('old', { unit: 'x' }), write('moved', { unit: 'x' })], options);
    const moved = (await storage.getDocuments(DB, ['moved'], 'all')).get('moved')!.winner.rev;
    const seen: { id: string; bodies: unknown[]; tagged: string[] }[] = [];
    const observing: WriteOptions = {
      ...options,
      check: async (incoming, _current, view) => {
        seen.push({ id: incoming.id, bodies: [await view.getBody(DB, 'new'), await view.getBody(DB, 'moved')], tagged: await view.idsWithScope(DB, 'unit:x') });
        return incoming.body.secret ? { ok: true, tags: ['secret'] } : { ok: true };
      },
    };
    await storage.bulkWrite(DB, [write('new', { unit: 'x' }), write('moved', { unit: 'y' }, moved), write('hidden', { unit: 'x', secret: true })], observing);
    expect(seen).toEqual([
      { id: 'new', bodies: [null, { unit: 'x' }], tagged: ['moved', 'old'] },
      { id: 'moved', bodies: [{ unit: 'x' }, { unit: 'x' }], tagged: ['moved', 'new', 'old'] },
      { id: 'hidden', bodies: [{ unit: 'x' }, { unit: 'y' }], tagged: ['new', 'old'] },
    ]);
    expect((await storage.getDocuments(DB, ['hidden'], 'all')).get('hidden')?.tags).toEqual(['secret']);
    expect(await storage.getDocuments(DB, ['hidden'], ['unit:x'])).toEqual(new Map());
  });

  it('writes the accepted rows of a batch and reports the refused ones', async () => {
    const results = await storage.bulkWrite(DB, [write('a', { unit: 'x' }), write('b', { unit: 'x', refuse: true }), write('c', {})], options);
    expect(results.map((row) => ('ok' in row ? 'ok' : row.error))).toEqual(['ok', 'forbidden', 'ok']);
    expect(await storage.getBody(DB, 'b')).toBeNull();
    expect(await storage.getBody(DB, 'a')).toEqual({ unit: 'x' });
  });

  it('filters changes, all_docs, look-ups and counts by scope tags', async () => {
    const [a1] = await storage.bulkWrite(DB, [write('a1', { unit: 'a' }), write('a2', { unit: 'a' }), write('b1', { unit: 'b' })], options);
    const rev = a1 && 'rev' in a1 ? a1.rev : '';
    await storage.bulkWrite(DB, [write('a1', {}, rev, true)], options);
    const scopeA = ['unit:a'];

    const changes = await storage.changes(DB, { since: 0, limit: null, descending: false, scope: scopeA, docIds: null, includeDocs: false });
    expect(changes.rows.map((row) => [row.state.id, row.state.winner.deleted])).toEqual([
      ['a2', false],
      ['a1', true],
    ]);
    // Past the changes the reader cannot see, so that it moves on.
    expect(changes.lastSeq).toBe(4);
    const limited = await storage.changes(DB, { since: 0, limit: 1, descending: false, scope: scopeA, docIds: null, includeDocs: true });
    expect(limited.rows.map((row) => row.doc?.body)).toEqual([{ unit: 'a' }]);
    expect(limited.lastSeq).toBe(2);

    const page = await storage.allDocs(DB, {
      scope: scopeA, keys: null, startKey: null, endKey: null, inclusiveEnd: true, descending: false, limit: null, skip: 0, includeDocs: false,
    });
    expect(page.rows.map((row) => row.key)).toEqual(['a2']);
    expect(page.totalRows).toBe(1);
    const keyed = await storage.allDocs(DB, {
      scope: scopeA, keys: ['a1', 'b1'], startKey: null, endKey: null, inclusiveEnd: true, descending: false, limit: null, skip: 0, includeDocs: false,
    });
    expect(keyed.rows.map((row) => row.state?.winner.deleted ?? null)).toEqual([true, null]);

    expect([...(await storage.getDocuments(DB, ['a1', 'a2', 'b1'], scopeA)).keys()]).toEqual(['a1', 'a2']);
    expect(await storage.databaseInfo(DB, scopeA)).toMatchObject({ docCount: 1, docDelCount: 1, updateSeq: 4 });
    expect(await storage.databaseInfo(DB, 'all')).toMatchObject({ docCount: 2, docDelCount: 1 });
    expect(await storage.idsWithScope(DB, 'unit:a')).toEqual(['a2']);
  });

  it('moves a document out of a scope when its tags change', async () => {
    const [first] = await storage.bulkWrite(DB, [write('m', { unit: 'a' })], options);
    await storage.bulkWrite(DB, [write('m', { unit: 'b' }, first && 'rev' in first ? first.rev : '')], options);
    const inA = await storage.changes(DB, { since: 0, limit: null, descending: false, scope: ['unit:a'], docIds: null, includeDocs: false });
    const inB = await storage.changes(DB, { since: 0, limit: null, descending: false, scope: ['unit:b'], docIds: null, includeDocs: false });
    expect(inA.rows).toEqual([]);
    expect(inB.rows.map((row) => row.state.id)).toEqual(['m']);
  });

  it('notifies subscribers after a commit, with the new sequence', async () => {
    const seen: number[] = [];
    const unsubscribe = storage.subscribe(DB, (seq) => seen.push(seq));
    await storage.bulkWrite(DB, [write('n1', {}), write('n2', {})], options);
    unsubscribe();
    await storage.bulkWrite(DB, [write('n3', {})], options);
    expect(seen).toEqual([2]);
  });

  it('survives reopening, with the same server uuid', async () => {
    const uuid = await storage.serverUuid();
    await storage.bulkWrite(DB, [write('kept', { v: 1 })], options);
    await storage.close();
    storage = SqliteStorage.open(dir);
    expect(await storage.serverUuid()).toBe(uuid);
    expect(await storage.getBody(DB, 'kept')).toEqual({ v: 1 });
    expect(await storage.listDatabases()).toEqual(['_users', DB]);
  });
});
