/* eslint-disable @typescript-eslint/no-explicit-any -- CouchDB replies are asserted field by field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessPolicy } from '../../sync-server/policy/access-policy';
import { type PolicyApp, startPolicyApp } from './support/policy-app';

/**
 * The HTTP layer must route every read through the policy's scopes and every write through its check.
 * The real policy's role matrix has its own tests; this one gives each user one unit (`unit:<id>`) so
 * that what leaks, if anything, is plain to see.
 */
const unitPolicy: AccessPolicy = {
  scopeOf: (_db, _id, body) => (typeof body.unit === 'string' ? [`unit:${body.unit}`] : []),
  readableScopes: async (principal) => (principal.serverAdmin ? 'all' : [`unit:${principal.unitId}`]),
  checkWrite: async (principal, write, current) =>
    principal.serverAdmin || (write.body.unit === principal.unitId && (!current || current.unit === principal.unitId))
      ? { ok: true }
      : { ok: false, error: { error: 'forbidden', reason: 'Fora da sua unidade.' } },
  canAccessDatabase: () => true,
};

const DB = 'things';
let server: PolicyApp;
let admin: ReturnType<PolicyApp['as']>;
let ana: ReturnType<PolicyApp['as']>;
const body = async (response: Promise<Response>): Promise<any> => (await response).json();

beforeAll(async () => {
  server = await startPolicyApp(unitPolicy, [
    { name: 'admin', roles: ['admin'] },
    { name: 'ana', roles: ['triage_officer'], unitId: 'a' },
  ]);
  admin = server.as('admin');
  ana = server.as('ana');
  expect((await admin(`/${DB}`, { method: 'PUT' })).status).toBe(201);
  const file = { 'f.txt': { content_type: 'text/plain', data: Buffer.from('segredo').toString('base64') } };
  await admin(`/${DB}/_bulk_docs`, {
    method: 'POST',
    json: { docs: [{ _id: 'a1', unit: 'a', _attachments: file }, { _id: 'b1', unit: 'b', _attachments: file }, { _id: 'b2', unit: 'b' }] },
  });
  const b2 = await body(admin(`/${DB}/b2`));
  await admin(`/${DB}/b2?rev=${b2._rev}`, { method: 'DELETE' });
});
afterAll(() => server.dispose());

describe('reads are filtered by the policy', () => {
  it('counts only readable documents in database info', async () => {
    expect(await body(ana(`/${DB}`))).toMatchObject({ doc_count: 1, doc_del_count: 0 });
    expect(await body(admin(`/${DB}`))).toMatchObject({ doc_count: 2, doc_del_count: 1 });
  });

  it('hides other units from _changes and _all_docs, deleted stubs included', async () => {
    const changes = await body(ana(`/${DB}/_changes?include_docs=true&style=all_docs`));
    expect(changes.results.map((row: any) => row.id)).toEqual(['a1']);
    expect(JSON.stringify(changes)).not.toMatch(/"b[12]"/);
    const all = await body(ana(`/${DB}/_all_docs?include_docs=true`));
    expect(all).toMatchObject({ total_rows: 1, rows: [{ id: 'a1' }] });
    const keyed = await body(ana(`/${DB}/_all_docs`, { method: 'POST', json: { keys: ['a1', 'b1', 'b2'] } }));
    expect(keyed.rows.slice(1)).toEqual([{ key: 'b1', error: 'not_found' }, { key: 'b2', error: 'not_found' }]);
  });

  it('answers 404 for another unit’s document, revisions and attachments', async () => {
    const b1 = await body(admin(`/${DB}/b1`));
    for (const path of [`/${DB}/b1`, `/${DB}/b1?rev=${b1._rev}`, `/${DB}/b1?open_revs=all`, `/${DB}/b1/f.txt`, `/${DB}/b2`]) {
      expect(await (await ana(path)).json(), path).toEqual({ error: 'not_found', reason: 'missing' });
    }
    expect((await ana(`/${DB}/a1/f.txt`)).status).toBe(200);
    const bulkGet = await body(ana(`/${DB}/_bulk_get`, { method: 'POST', json: { docs: [{ id: 'b1', rev: b1._rev }, { id: 'a1' }] } }));
    expect(bulkGet.results[0].docs[0].error).toMatchObject({ error: 'not_found' });
    expect(bulkGet.results[1].docs[0].ok._id).toBe('a1');
    const diff = await body(ana(`/${DB}/_revs_diff`, { method: 'POST', json: { b1: [b1._rev] } }));
    expect(diff).toEqual({ b1: { missing: [b1._rev] } });
  });

  it('wakes a longpoll only for what the reader may see', async () => {
    const since = (await body(ana(`/${DB}/_changes?since=now`))).last_seq;
    const poll = body(ana(`/${DB}/_changes?feed=longpoll&since=${since}&timeout=5000`));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await admin(`/${DB}/b3`, { method: 'PUT', json: { unit: 'b' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await admin(`/${DB}/a3`, { method: 'PUT', json: { unit: 'a' } });
    expect((await poll).results.map((row: any) => row.id)).toEqual(['a3']);
  });
});

describe('writes are checked by the policy', () => {
  it('refuses a single write with 403 JSON', async () => {
    const refused = await ana(`/${DB}/mine`, { method: 'PUT', json: { unit: 'b' } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'forbidden', reason: 'Fora da sua unidade.' });
  });

  it('refuses rows of _bulk_docs and writes the others', async () => {
    const rows = await body(ana(`/${DB}/_bulk_docs`, { method: 'POST', json: { docs: [{ _id: 'x1', unit: 'b' }, { _id: 'x2', unit: 'a' }] } }));
    expect(rows[0]).toEqual({ id: 'x1', error: 'forbidden', reason: 'Fora da sua unidade.' });
    expect(rows[1]).toMatchObject({ ok: true, id: 'x2' });
    const replicated = await ana(`/${DB}/_bulk_docs`, {
      method: 'POST',
      json: { new_edits: false, docs: [{ _id: 'x3', _rev: '1-abc', unit: 'b' }] },
    });
    expect(await replicated.json()).toEqual([{ id: 'x3', rev: '1-abc', error: 'forbidden', reason: 'Fora da sua unidade.' }]);
  });

  it('keeps database creation to server admins', async () => {
    expect((await ana('/newdb', { method: 'PUT' })).status).toBe(403);
    expect((await ana(`/${DB}`, { method: 'DELETE' })).status).toBe(403);
  });
});
