/* eslint-disable @typescript-eslint/no-explicit-any -- replies are asserted field by field. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PlantaoChangesResponseSchema } from '../../shared/schemas';
import type { AccessPolicy } from '../../sync-server/policy/access-policy';
import { type PolicyApp, startPolicyApp } from './support/policy-app';

/** Each user reads one unit (`unit:<id>`): what leaks through the multiplexed feed, if anything, is plain to see. */
const unitPolicy: AccessPolicy = {
  scopeOf: (_db, _id, body) => (typeof body.unit === 'string' ? [`unit:${body.unit}`] : []),
  readableScopes: async (principal) => (principal.serverAdmin ? 'all' : [`unit:${principal.unitId}`]),
  checkWrite: async () => ({ ok: true }),
  canAccessDatabase: (principal, db) => principal.serverAdmin || db !== 'reds_leases',
};

let server: PolicyApp;
let admin: ReturnType<PolicyApp['as']>;
let ana: ReturnType<PolicyApp['as']>;
let counter = 0;
const write = (db: string, unit: string) => admin(`/${db}/doc-${++counter}`, { method: 'PUT', json: { unit } });
const watch = async (user: ReturnType<PolicyApp['as']>, since: Record<string, unknown>, timeout: number) => {
  const response = await user(`/_plantao/changes?since=${encodeURIComponent(JSON.stringify(since))}&timeout=${timeout}`);
  expect(response.status).toBe(200);
  return PlantaoChangesResponseSchema.parse(await response.json());
};
const updateSeq = async (user: ReturnType<PolicyApp['as']>, db: string) => ((await (await user(`/${db}`)).json()) as any).update_seq;

beforeAll(async () => {
  server = await startPolicyApp(unitPolicy, [
    { name: 'admin', roles: ['admin'] },
    { name: 'ana', roles: ['triage_officer'], unitId: 'a' },
  ]);
  admin = server.as('admin');
  ana = server.as('ana');
  for (const db of ['requests', 'notes', 'reds_leases']) await server.storage.createDatabase(db);
  await write('requests', 'a');
  await write('notes', 'b');
});
afterAll(() => server.dispose());

describe('GET /_plantao/changes', () => {
  it('answers at once with the databases that have readable changes past their since', async () => {
    const answer = await watch(ana, { requests: 0, notes: 0 }, 10_000);
    expect(answer.changed).toEqual(['requests']);
    // The last sequence each database shows this reader, as its database info does; nothing of what she may not use.
    expect(answer.seqs).toEqual({ requests: await updateSeq(ana, 'requests'), notes: await updateSeq(ana, 'notes') });
    expect(answer.seqs).not.toHaveProperty('reds_leases');
    expect(Object.keys((await watch(admin, { requests: 0, notes: 0 }, 10_000)).seqs)).toEqual(['requests', 'notes', 'reds_leases']);
    expect((await watch(admin, { requests: 0, notes: 0 }, 10_000)).changed).toEqual(['requests', 'notes']);
  });

  it('answers with nothing changed at the timeout, databases missing from since counting as now', async () => {
    const answer = await watch(ana, {}, 200);
    expect(answer.changed).toEqual([]);
    const current = await watch(ana, answer.seqs, 200);
    expect(current).toEqual(answer);
  });

  it('waits on one request until a readable change lands, asleep through the writes it may not read', async () => {
    const { seqs } = await watch(ana, {}, 50);
    const reads = vi.spyOn(server.storage, 'databaseInfo');
    try {
      const pending = watch(ana, seqs, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Reads under ana's scope (the admin's writes look the database up under 'all').
      const anasReads = () => reads.mock.calls.filter(([, scope]) => scope !== 'all').length;
      const readsWhileWaiting = anasReads();
      for (let i = 0; i < 5; i++) await write('notes', 'b');
      await write('requests', 'b');
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Other units' writes do not wake the waiter: it has not read the storage again.
      expect(anasReads()).toBe(readsWhileWaiting);
      await write('notes', 'a');
      const answer = await pending;
      expect(answer.changed).toEqual(['notes']);
      expect(answer.seqs.requests).toBe(seqs.requests);
      expect(answer.seqs.notes).toBe(await updateSeq(ana, 'notes'));
    } finally {
      reads.mockRestore();
    }
  });

  it('refuses a bad since with a JSON 400', async () => {
    for (const since of ['nonsense', '[1]', '{"requests":5}', '{"requests":"s1AAAAAAAA"}', '{"nope":0}']) {
      const response = await ana(`/_plantao/changes?since=${encodeURIComponent(since)}`);
      expect(response.status, since).toBe(400);
      expect(await response.json()).toMatchObject({ error: expect.any(String), reason: expect.any(String) });
    }
  });

  it('needs a signed-in user', async () => {
    expect((await fetch(`${server.url}/_plantao/changes`)).status).toBe(401);
  });
});

describe('_changes long-poll', () => {
  it('is not woken by writes its reader may not see', async () => {
    const { last_seq: since } = (await (await ana('/requests/_changes')).json()) as any;
    const reads = vi.spyOn(server.storage, 'changes');
    try {
      const pending = ana(`/requests/_changes?feed=longpoll&since=${since}&timeout=10000`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const readsWhileWaiting = reads.mock.calls.length;
      for (let i = 0; i < 3; i++) await write('requests', 'b');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(reads.mock.calls.length).toBe(readsWhileWaiting);
      await write('requests', 'a');
      const answer = (await (await pending).json()) as any;
      expect(answer.results).toHaveLength(1);
    } finally {
      reads.mockRestore();
    }
  });
});
