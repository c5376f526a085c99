/* eslint-disable @typescript-eslint/no-explicit-any -- CouchDB replies are asserted field by field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessPolicy } from '../../sync-server/policy/access-policy';
import { type PolicyApp, startPolicyApp } from './support/policy-app';

/**
 * A full `_changes` page makes the server read the next one ahead. The prepared reply must be exactly what
 * a fresh read would give: never one from before a write, never one prepared for another reader's scope.
 */
const unitPolicy: AccessPolicy = {
  scopeOf: (_db, _id, body) => (typeof body.unit === 'string' ? [`unit:${body.unit}`] : []),
  readableScopes: async (principal) => (principal.serverAdmin ? 'all' : [`unit:${principal.unitId}`]),
  checkWrite: async () => ({ ok: true }),
  canAccessDatabase: () => true,
};

const DB = 'pages';
let server: PolicyApp;
const body = async (response: Promise<Response>): Promise<any> => (await response).json();
const ids = (page: any): string[] => page.results.map((row: any) => row.id);
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

beforeAll(async () => {
  server = await startPolicyApp(unitPolicy, [
    { name: 'admin', roles: ['admin'] },
    { name: 'ana', roles: ['triage_officer'], unitId: 'a' },
    { name: 'bia', roles: ['triage_officer'], unitId: 'b' },
  ]);
  const admin = server.as('admin');
  expect((await admin(`/${DB}`, { method: 'PUT' })).status).toBe(201);
  const docs = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'].map((id) => ({ _id: id, unit: id[0] }));
  expect((await admin(`/${DB}/_bulk_docs`, { method: 'POST', json: { docs } })).status).toBe(201);
});
afterAll(async () => server?.dispose());

describe('_changes read-ahead', () => {
  it('serves the next page as a fresh read would, after a write that landed in between', async () => {
    const admin = server.as('admin');
    const first = await body(admin(`/${DB}/_changes?limit=2&include_docs=true`));
    expect(ids(first)).toEqual(['a1', 'a2']);
    await settle();
    expect((await admin(`/${DB}/late`, { method: 'PUT', json: { unit: 'a' } })).status).toBe(201);
    const second = await body(admin(`/${DB}/_changes?limit=10&since=${first.last_seq}&include_docs=true`));
    expect(ids(second)).toEqual(['a3', 'b1', 'b2', 'b3', 'late']);
    const ahead = await body(admin(`/${DB}/_changes?limit=2&since=${first.last_seq}&include_docs=true`));
    expect(ids(ahead)).toEqual(['a3', 'b1']);
    await settle();
    const third = await body(admin(`/${DB}/_changes?limit=2&since=${ahead.last_seq}&include_docs=true`));
    expect(ids(third)).toEqual(['b2', 'b3']);
    await settle();
    expect((await admin(`/${DB}/late2`, { method: 'PUT', json: { unit: 'b' } })).status).toBe(201);
    const fourth = await body(admin(`/${DB}/_changes?limit=2&since=${third.last_seq}&include_docs=true`));
    expect(ids(fourth)).toEqual(['late', 'late2']);
  });

  it('never hands a page read for one scope to a reader of another', async () => {
    const ana = server.as('ana');
    const bia = server.as('bia');
    const anaFirst = await body(ana(`/${DB}/_changes?limit=1&include_docs=true`));
    expect(ids(anaFirst)).toEqual(['a1']);
    await settle();
    // The same query text from bia: her own scope, not the page prepared for ana.
    const biaFirst = await body(bia(`/${DB}/_changes?limit=1&include_docs=true`));
    expect(ids(biaFirst)).toEqual(['b1']);
    await settle();
    const biaNext = await body(bia(`/${DB}/_changes?limit=1&since=${anaFirst.last_seq}&include_docs=true`));
    expect(biaNext.results.every((row: any) => row.doc.unit === 'b')).toBe(true);
    const anaNext = await body(ana(`/${DB}/_changes?limit=1&since=${anaFirst.last_seq}&include_docs=true`));
    expect(ids(anaNext)).toEqual(['a2']);
  });
});
