import HttpAdapter from 'pouchdb-adapter-http';
import MemoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import { fetch as pouchFetch } from 'pouchdb-fetch';
import Replication from 'pouchdb-replication';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveReplication } from './support/live-replication';
import { ADMIN, startTestServer, type TestServer } from './support/test-server';

PouchDB.plugin(HttpAdapter).plugin(MemoryAdapter).plugin(Replication);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A live pull that loses one `_changes` request while an earlier batch is still being fetched: the failure
 * must not make the console skip the change in between (what `bench:load` saw: consoles lacking documents
 * the server had, their checkpoints past them).
 */
describe('PouchDB live pull after a failed _changes request', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await server.request('/retry', { method: 'PUT' })).status).toBe(201);
    for (const id of ['d1', 'd2', 'd3']) expect((await server.request(`/retry/${id}`, { method: 'PUT', json: { id } })).status).toBe(201);
  });
  afterAll(() => server.dispose());

  it('keeps every document when a request fails mid-batch', async () => {
    // The real fetch, with two faults: the first _bulk_get is held until the third _changes request has failed.
    let changesRequests = 0;
    let releaseBulkGet: () => void = () => undefined;
    const bulkGetHeld = new Promise<void>((resolve) => (releaseBulkGet = resolve));
    let bulkGets = 0;
    const faultyFetch = async (url: string, init?: Record<string, unknown>): Promise<Response> => {
      if (url.includes('/_bulk_get') && ++bulkGets === 1) await bulkGetHeld;
      if (url.includes('/_changes') && ++changesRequests === 3) {
        setTimeout(releaseBulkGet, 50);
        throw new Error('connection reset by the test');
      }
      return pouchFetch(url, init);
    };
    const remote = new PouchDB(`${server.url}/retry`, { auth: ADMIN, skip_setup: true, fetch: faultyFetch });
    const local = new PouchDB('retry-console', { adapter: 'memory' });
    // One change per batch, and a restart long after the failed run's batch could have moved its checkpoint on.
    const replication = liveReplication((options) => local.replicate.from(remote, { ...options, batch_size: 1 }), 1000);
    try {
      const deadline = Date.now() + 5000;
      let ids: string[] = [];
      while (Date.now() < deadline) {
        ids = (await local.allDocs()).rows.map((row) => row.id);
        if (ids.length === 3) break;
        await sleep(100);
      }
      expect(ids).toEqual(['d1', 'd2', 'd3']);
    } finally {
      replication.cancel();
      await local.destroy();
    }
  });
});
