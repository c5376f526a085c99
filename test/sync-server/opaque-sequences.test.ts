/**
 * Update sequences leave the server opaque: `_changes` rows and `last_seq`, and `update_seq`, are keyed
 * tokens, not counts. `since` takes back only `0`, `now` or a token this server issued, across restarts.
 * A reader's `update_seq` moves only with changes that reader can see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentIdOf } from '../../shared/schemas';
import { makeRequest } from '../../shared/rules/test-fixtures';
import { OTHER_UNIT, UNIT } from '../../sync-server/policy/test-fixtures';
import { startSeededServer, type SeededServer } from './support/seeded-server';
import { startTestServer, type TestServer } from './support/test-server';

const TOKEN = /^s1[A-Za-z0-9_-]{8}$/;
const DB = 'sequences';

describe('since and the tokens it takes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.request(`/${DB}`, { method: 'PUT' });
    for (const id of ['a', 'b', 'c']) await server.request(`/${DB}/${id}`, { method: 'PUT', json: { n: id } });
  });
  afterAll(async () => server?.dispose());

  const changes = async (query: string) => {
    const reply = await server.request(`/${DB}/_changes?${query}`);
    return { status: reply.status, body: (await reply.json()) as { results: { id: string; seq: string }[]; last_seq: string; error?: string; reason?: string } };
  };

  it('hands out tokens and takes them back, with 0 and now', async () => {
    const all = await changes('since=0');
    expect(all.status).toBe(200);
    expect(all.body.last_seq).toMatch(TOKEN);
    for (const row of all.body.results) expect(row.seq).toMatch(TOKEN);
    const info = (await (await server.request(`/${DB}`)).json()) as { update_seq: string };
    expect(info.update_seq).toBe(all.body.last_seq);

    const after = await changes(`since=${all.body.results[0]!.seq}`);
    expect(after.body.results.map((row) => row.id)).toEqual(['b', 'c']);
    expect((await changes('since=now')).body).toEqual({ results: [], last_seq: all.body.last_seq });
  });

  it('refuses a plain count, a CouchDB 1.x sequence, garbage and a forged token with 400', async () => {
    const real = (await changes('since=0')).body.last_seq;
    const forged = `s1${[...real.slice(2)].reverse().join('')}`;
    for (const since of ['2', '3-g1AAAA', 'abc', 's1', `${real}x`, forged]) {
      const reply = await changes(`since=${encodeURIComponent(since)}`);
      expect(reply.status, since).toBe(400);
      expect(reply.body, since).toEqual({ error: 'bad_request', reason: "Malformed sequence supplied in 'since' parameter." });
    }
  });

  it('keeps tokens valid across a restart (the key is kept with the data)', async () => {
    const before = await changes('since=0');
    await server.restart();
    await server.request(`/${DB}/d`, { method: 'PUT', json: { n: 'd' } });
    const after = await changes(`since=${before.body.last_seq}`);
    expect(after.status).toBe(200);
    expect(after.body.results.map((row) => row.id)).toEqual(['d']);
    expect((await changes('since=0')).body.results.slice(0, 3).map((row) => row.seq)).toEqual(before.body.results.map((row) => row.seq));
  });
});

describe('update_seq of a reader', () => {
  let server: SeededServer;
  beforeAll(async () => {
    server = await startSeededServer();
  });
  afterAll(async () => server?.dispose());

  const updateSeq = async (user: 'officer' | 'admin') => ((await (await server.as(user)('/requests')).json()) as { update_seq: string }).update_seq;
  const file = async (protocol: string, unitId: string) => {
    const request = makeRequest({ protocol, unitId, portalSubmissionId: `portal-${protocol}` });
    const reply = await server.as('intake')('/requests/_bulk_docs', { json: { docs: [{ _id: documentIdOf(request), ...request }] } });
    expect(await reply.json()).toEqual([expect.objectContaining({ ok: true })]);
  };

  it('moves only with changes the reader can see, and is their last change\u2019s token', async () => {
    const officerBefore = await updateSeq('officer');
    const adminBefore = await updateSeq('admin');
    expect(officerBefore).toMatch(TOKEN);
    await file('DV-2025-00000301', OTHER_UNIT);
    await file('DV-2025-00000302', OTHER_UNIT);
    expect(await updateSeq('officer')).toBe(officerBefore);
    expect(await updateSeq('admin')).not.toBe(adminBefore);

    await file('DV-2025-00000303', UNIT);
    const officerAfter = await updateSeq('officer');
    expect(officerAfter).not.toBe(officerBefore);
    const feed = (await (await server.as('officer')('/requests/_changes')).json()) as { results: { id: string; seq: string }[] };
    expect(feed.results.at(-1)).toMatchObject({ id: 'DV-2025-00000303', seq: officerAfter });
    // One form for everybody: the admin sees the same token for the same change.
    const adminFeed = (await (await server.as('admin')('/requests/_changes')).json()) as { results: { id: string; seq: string }[] };
    expect(adminFeed.results.find((row) => row.id === 'DV-2025-00000303')?.seq).toBe(officerAfter);
  });
});
