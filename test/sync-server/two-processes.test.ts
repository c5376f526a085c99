/**
 * Scale-out: two sync-server processes over one PostgreSQL. Consoles on either process see each other's writes
 * live (LISTEN/NOTIFY), and REDS blocks leased concurrently through both never overlap.
 */
import HttpAdapter from 'pouchdb-adapter-http';
import MemoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import Replication from 'pouchdb-replication';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksOverlap } from '../../shared/reds';
import type { RedsLease } from '../../shared/schemas';
import { httpLeaseSource } from '../../renderer/reds/http-lease-source';
import { SimHttp } from '../../scripts/reds-sim/http-client';
import { officerName, PASSWORD, seedUsers } from '../../scripts/reds-sim/seed-users';
import { liveReplication } from './support/live-replication';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { testBackend, type TestBackend } from './support/storage-kinds';

PouchDB.plugin(HttpAdapter).plugin(MemoryAdapter).plugin(Replication);

const OFFICERS = 6;
const ADMIN = { username: 'admin', password: PASSWORD };
let backend: TestBackend;
let servers: ServerProcess[] = [];

beforeAll(async () => {
  backend = await testBackend('postgres');
  await seedUsers(backend.dataDir, OFFICERS, backend.config.databaseUrl);
  const args = ['--data', backend.dataDir, '--database-url', backend.config.databaseUrl!];
  const env = { PLANTAO_REDS_BLOCK_SIZE: '10', PLANTAO_REDS_MAX_ACTIVE_LEASES: '50' };
  // One after the other: the second finds the databases and migrations the first made.
  servers = [await startServerProcess(args, env), await startServerProcess(args, env)];
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  backend?.dispose();
});

const adminAuth = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;
const call = (server: ServerProcess, path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { authorization: adminAuth, 'content-type': 'application/json' } });

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('two server processes over one PostgreSQL', () => {
  it('wakes a long-poll on one process with a write made through the other', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    expect((await call(a, '/wake', { method: 'PUT' })).status).toBe(201);
    const since = ((await (await call(a, '/wake')).json()) as { update_seq: string }).update_seq;
    // A timeout longer than the test's: only a notification from process B can end this long-poll in time.
    const poll = call(a, `/wake/_changes?feed=longpoll&timeout=600000&since=${encodeURIComponent(since)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await call(b, '/wake/from-b', { method: 'PUT', body: JSON.stringify({ n: 1 }) })).status).toBe(201);
    const changes = (await (await poll).json()) as { results: { id: string }[] };
    expect(changes.results.map((row) => row.id)).toEqual(['from-b']);
  });

  it('serves two consoles, one per process, that see each other’s writes live', async () => {
    expect((await call(servers[0]!, '/shared', { method: 'PUT' })).status).toBe(201);
    const remote = (server: ServerProcess) => new PouchDB(`${server.url}/shared`, { auth: ADMIN, skip_setup: true });
    const first = new PouchDB('console-a', { adapter: 'memory' });
    const second = new PouchDB('console-b', { adapter: 'memory' });
    const syncs = [first, second].flatMap((local, index) => {
      const server = servers[index]!;
      return [
        liveReplication((options) => local.replicate.to(remote(server), options), 250),
        liveReplication((options) => local.replicate.from(remote(server), options), 250),
      ];
    });
    try {
      await first.put({ _id: 'written-on-a', by: 'a' });
      await until(async () => (await second.get('written-on-a').catch(() => null)) !== null, 'the write through A on the console of B');
      const seen = await second.get('written-on-a');
      await second.put({ ...seen, by: 'b' });
      await second.put({ _id: 'written-on-b', by: 'b' });
      await until(async () => (await first.get('written-on-a')).by === 'b', 'the update through B on the console of A');
      await until(async () => (await first.get('written-on-b').catch(() => null)) !== null, 'the write through B on the console of A');
      expect((await first.get('written-on-a'))._rev).toBe((await second.get('written-on-a'))._rev);
    } finally {
      for (const sync of syncs) sync.cancel();
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });

  it('never grants overlapping REDS blocks to concurrent requests through both processes', async () => {
    const consoles = await Promise.all(
      Array.from({ length: OFFICERS }, async (_, index) => {
        const server = servers[index % 2]!;
        const http = new SimHttp(server.url, Math.random);
        await http.login(officerName(index + 1), PASSWORD);
        return { http, server, workstationId: `ws-${index + 1}` };
      }),
    );
    const leases: RedsLease[] = (
      await Promise.all(
        consoles.map(({ http, server, workstationId }) =>
          Promise.all(
            Array.from({ length: 5 }, () => httpLeaseSource({ baseUrl: server.url, workstationId, fetch: http.fetch }).requestLease(10)),
          ),
        ),
      )
    ).flat();
    expect(leases).toHaveLength(OFFICERS * 5);
    for (const [index, lease] of leases.entries()) {
      for (const other of leases.slice(index + 1)) expect(blocksOverlap(lease, other), `${lease.leaseId} × ${other.leaseId}`).toBe(false);
    }
    // Every block is published once, whichever process leased it.
    const published = (await (await call(servers[0]!, '/reds_leases/_all_docs')).json()) as { rows: { id: string }[] };
    expect(published.rows.map((row) => row.id).sort()).toEqual(leases.map((lease) => lease.leaseId).sort());
  });
});
