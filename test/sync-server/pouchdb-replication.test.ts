import HttpAdapter from 'pouchdb-adapter-http';
import MemoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import Replication from 'pouchdb-replication';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORAGE_KINDS } from './support/storage-kinds';
import { ADMIN, startTestServer, type TestServer } from './support/test-server';

PouchDB.plugin(HttpAdapter).plugin(MemoryAdapter).plugin(Replication);

describe.each(STORAGE_KINDS)('%s storage', (kind) => {
  let server: TestServer;
  let counter = 0;

  beforeAll(async () => {
    server = await startTestServer({}, kind);
  });
  afterAll(() => server.dispose());

  async function remoteDb(): Promise<{ name: string; remote: () => PouchDB }> {
    const name = `pouch-${++counter}`;
    expect((await server.request(`/${name}`, { method: 'PUT' })).status).toBe(201);
    return { name, remote: () => new PouchDB(`${server.url}/${name}`, { auth: ADMIN, skip_setup: true }) };
  }
  const localDb = (): PouchDB => new PouchDB(`local-${kind}-${++counter}`, { adapter: 'memory' });

  async function serverDoc(db: string, id: string, query = ''): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await server.request(`/${db}/${encodeURIComponent(id)}${query}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  describe('PouchDB replication against the sync server', () => {
    it('pushes and pulls creates, updates and deletes', async () => {
      const { name, remote } = await remoteDb();
      const local = localDb();
      const kept = await local.put({ _id: 'kept', n: 1 });
      await local.put({ _id: 'kept', _rev: kept.rev, n: 2 });
      const gone = await local.put({ _id: 'gone', n: 1 });
      await local.remove({ _id: 'gone', _rev: gone.rev });
      await local.put({ _id: 'plain', text: 'olá' });
      const pushed = await local.replicate.to(remote());
      expect(pushed.ok).toBe(true);
      expect((await serverDoc(name, 'kept', '?revs=true')).body).toMatchObject({ n: 2, _revisions: { start: 2 } });
      expect(await serverDoc(name, 'gone')).toEqual({ status: 404, body: { error: 'not_found', reason: 'deleted' } });

      await server.request(`/${name}/from-server`, { method: 'PUT', json: { origin: 'server' } });
      const current = (await serverDoc(name, 'kept')).body;
      await server.request(`/${name}/kept`, { method: 'PUT', json: { ...current, n: 3 } });
      await server.request(`/${name}/plain?rev=${String((await serverDoc(name, 'plain')).body._rev)}`, { method: 'DELETE' });
      await local.replicate.from(remote());
      expect(await local.get('from-server')).toMatchObject({ origin: 'server' });
      expect(await local.get('kept')).toMatchObject({ n: 3 });
      await expect(local.get('plain')).rejects.toMatchObject({ status: 404 });
    });

    it('converges on the same winner and conflicts when both sides edited', async () => {
      const { name, remote } = await remoteDb();
      const alice = localDb();
      const bob = localDb();
      await alice.put({ _id: 'shared', v: 'original' });
      await alice.replicate.to(remote());
      await bob.replicate.from(remote());
      const fromAlice = await alice.get('shared');
      const fromBob = await bob.get('shared');
      await alice.put({ ...fromAlice, v: 'alice' });
      await bob.put({ ...fromBob, v: 'bob' });
      await alice.replicate.to(remote());
      await bob.replicate.to(remote());
      await alice.replicate.from(remote());
      await bob.replicate.from(remote());

      const onServer = (await serverDoc(name, 'shared', '?conflicts=true')).body;
      const atAlice = await alice.get('shared', { conflicts: true });
      const atBob = await bob.get('shared', { conflicts: true });
      expect(onServer._conflicts).toHaveLength(1);
      expect(atAlice._rev).toBe(onServer._rev);
      expect(atBob._rev).toBe(onServer._rev);
      expect(atAlice._conflicts).toEqual(onServer._conflicts);
      expect(atBob._conflicts).toEqual(onServer._conflicts);
      expect([atAlice.v, atBob.v]).toEqual([onServer.v, onServer.v]);
    });

    it('lets a second PouchDB see the first one’s changes live', async () => {
      const { remote } = await remoteDb();
      const writer = localDb();
      const reader = localDb();
      const seen = new Promise<void>((resolve) => {
        const live = reader.replicate.from(remote(), { live: true, retry: false });
        live.on('change', () => {
          void reader.get('news').then(() => {
            live.cancel();
            resolve();
          }, () => undefined);
        });
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await writer.put({ _id: 'news', text: 'chegou' });
      await writer.replicate.to(remote());
      await seen;
      expect(await reader.get('news')).toMatchObject({ text: 'chegou' });
    });

    it('resumes from its checkpoint after the server stopped mid-replication', async () => {
      const { name, remote } = await remoteDb();
      const local = localDb();
      const total = 600;
      await local.bulkDocs(Array.from({ length: total }, (_, index) => ({ _id: `doc-${String(index).padStart(4, '0')}`, index })));

      let written = 0;
      const interrupted = local.replicate.to(remote(), { batch_size: 20, retry: false });
      interrupted.on('change', (info) => {
        written = (info as { docs_written: number }).docs_written;
        if (written >= 100) void server.close();
      });
      await expect(Promise.resolve(interrupted)).rejects.toBeDefined();
      expect(written).toBeGreaterThanOrEqual(100);
      expect(written).toBeLessThan(total);

      await server.restart();
      const resumed = await local.replicate.to(remote(), { batch_size: 100 });
      const info = (await (await server.request(`/${name}`)).json()) as { doc_count: number };
      expect(info.doc_count).toBe(total);
      // The checkpoint (a _local document on the server) let it skip what was already sent.
      expect((resumed as unknown as { docs_read: number }).docs_read).toBeLessThanOrEqual(total - 100);
    });
  });
});
