import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getFetchWithCouchDBAuthorization, replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORAGE_KINDS } from './support/storage-kinds';
import { ADMIN, startTestServer, type TestServer } from './support/test-server';

interface Item {
  id: string;
  title: string;
  n: number;
}
const schema: RxJsonSchema<Item> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 100 }, title: { type: 'string' }, n: { type: 'number' } },
  required: ['id', 'title', 'n'],
};

describe.each(STORAGE_KINDS)('%s storage', (kind) => {
  let server: TestServer;
  let database: RxDatabase;
  let items: RxCollection<Item>;
  const DB = 'rx-items';

  beforeAll(async () => {
    server = await startTestServer({}, kind);
    expect((await server.request(`/${DB}`, { method: 'PUT' })).status).toBe(201);
    database = await createRxDatabase({ name: `rxtest-${kind}`, storage: getRxStorageMemory(), multiInstance: false });
    ({ items } = await database.addCollections({ items: { schema } }));
  });
  afterAll(async () => {
    await database?.close();
    await server.dispose();
  });

  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  describe('RxDB CouchDB replication against the sync server', () => {
    it('pulls, pushes and follows live changes', async () => {
      await server.request(`/${DB}/_bulk_docs`, {
        method: 'POST',
        json: { docs: [{ _id: 'from-server-1', title: 'um', n: 1 }, { _id: 'from-server-2', title: 'dois', n: 2 }] },
      });
      const replication = replicateCouchDB<Item>({
        replicationIdentifier: 'rx-test',
        collection: items,
        url: `${server.url}/${DB}/`,
        fetch: getFetchWithCouchDBAuthorization(ADMIN.username, ADMIN.password),
        live: true,
        pull: { batchSize: 10 },
        push: { batchSize: 10 },
      });
      const errors: unknown[] = [];
      replication.error$.subscribe((error) => errors.push(error));
      try {
        await replication.awaitInitialReplication();
        expect((await items.findOne('from-server-2').exec())?.title).toBe('dois');

        await items.insert({ id: 'from-rx', title: 'do console', n: 3 });
        const one = await items.findOne('from-server-1').exec();
        await one?.incrementalPatch({ n: 10 });
        await replication.awaitInSync();
        const pushed = (await (await server.request(`/${DB}/from-rx`)).json()) as Record<string, unknown>;
        expect(pushed).toMatchObject({ _id: 'from-rx', title: 'do console', n: 3 });
        expect(((await (await server.request(`/${DB}/from-server-1`)).json()) as { n: number }).n).toBe(10);

        // A write on the server reaches RxDB through the longpoll feed.
        const current = (await (await server.request(`/${DB}/from-server-2`)).json()) as Record<string, unknown>;
        await server.request(`/${DB}/from-server-2`, { method: 'PUT', json: { ...current, title: 'alterado no servidor' } });
        await until(async () => (await items.findOne('from-server-2').exec())?.title === 'alterado no servidor', 'the live pull');

        await (await items.findOne('from-rx').exec())?.remove();
        await replication.awaitInSync();
        expect((await server.request(`/${DB}/from-rx`)).status).toBe(404);
        expect(errors).toEqual([]);
      } finally {
        await replication.cancel();
      }
    });
  });
});
