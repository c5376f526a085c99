import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresCluster } from '../../../test/support/postgres';
import type { DocumentWrite, WriteOptions } from '../storage';
import { PostgresStorage } from './postgres-storage';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => cluster?.stop());

const options: WriteOptions = { newEdits: true, scopeOf: (_id, body) => [String(body.unit)], check: async () => ({ ok: true }) };
const write = (id: string, body: Record<string, unknown>, rev?: string): DocumentWrite => ({ id, deleted: false, body, attachments: {}, ...(rev ? { rev } : {}) });

/** Two storages over one database stand for two server processes. */
async function twoStorages(): Promise<[PostgresStorage, PostgresStorage]> {
  const url = await cluster.createDatabase();
  const first = await PostgresStorage.open(url);
  return [first, await PostgresStorage.open(url)];
}

describe('PostgresStorage shared by several processes', () => {
  it('lets exactly one of concurrent edits of the same revision win, with gap-free sequences', async () => {
    const [a, b] = await twoStorages();
    try {
      await a.createDatabase('race');
      const [created] = await a.bulkWrite('race', [write('doc', { unit: 'u1', n: 0 })], options);
      const parent = created && 'ok' in created ? created.rev : '';
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, index) => (index % 2 ? a : b).bulkWrite('race', [write('doc', { unit: 'u1', n: index + 1 }, parent)], options)),
      );
      const rows = results.flat();
      expect(rows.filter((row) => 'ok' in row)).toHaveLength(1);
      expect(rows.filter((row) => 'error' in row && row.error === 'conflict')).toHaveLength(11);
      const many = await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 ? a : b).bulkWrite('race', [write(`new-${index}`, { unit: 'u2' })], options)));
      expect(many.flat().every((row) => 'ok' in row)).toBe(true);
      const info = await b.databaseInfo('race', 'all');
      expect(info).toMatchObject({ docCount: 11, updateSeq: 12 });
      const feed = await a.changes('race', { since: 0, limit: null, descending: false, scope: 'all', docIds: null, includeDocs: false });
      expect(feed.rows.map((row) => row.seq)).toEqual([2, ...Array.from({ length: 10 }, (_, index) => index + 3)]);
      expect(feed.lastSeq).toBe(12);
      const state = (await b.getDocuments('race', ['doc'], 'all')).get('doc');
      expect(state?.tree).toHaveLength(2);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('tells subscribers of one process about commits of the other, with the written scope tags', async () => {
    const [a, b] = await twoStorages();
    try {
      await a.createDatabase('live');
      const heard = new Promise<[number, readonly string[]]>((resolve) => a.subscribe('live', (seq, tags) => resolve([seq, tags])));
      await b.bulkWrite('live', [write('x', { unit: 'u9' })], options);
      expect(await heard).toEqual([1, ['u9']]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('keeps _local documents apart per owner and refuses a stale rev', async () => {
    const [a, b] = await twoStorages();
    try {
      await a.createDatabase('local');
      expect(await a.putLocal('local', 'ana', 'cp', null, { since: 1 })).toBe('0-1');
      expect(await b.putLocal('local', 'ana', 'cp', null, { since: 2 })).toBeNull();
      expect(await b.putLocal('local', 'ana', 'cp', '0-1', { since: 3 })).toBe('0-2');
      expect(await a.putLocal('local', 'ana', 'cp', '0-1', { since: 4 })).toBeNull();
      expect(await a.getLocal('local', 'bruno', 'cp')).toBeNull();
      expect(await a.getLocal('local', 'ana', 'cp')).toEqual({ id: 'cp', rev: '0-2', body: { since: 3 } });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
