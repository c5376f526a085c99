/* eslint-disable @typescript-eslint/no-explicit-any -- CouchDB replies are asserted field by field; typing each shape adds nothing here. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORAGE_KINDS } from './support/storage-kinds';
import { startTestServer, type TestServer } from './support/test-server';

describe.each(STORAGE_KINDS)('%s storage', (kind) => {
  let server: TestServer;
  const DB = 'api-test';

  beforeAll(async () => {
    server = await startTestServer({ maxBodyBytes: 64 * 1024 }, kind);
    expect((await server.request(`/${DB}`, { method: 'PUT' })).status).toBe(201);
  });
  afterAll(() => server.dispose());

  async function json(response: Response | Promise<Response>): Promise<{ status: number; body: any }> {
    const resolved = await response;
    return { status: resolved.status, body: await resolved.json() };
  }

  describe('server and databases', () => {
    it('welcomes anonymously with a persisted uuid', async () => {
      const { status, body } = await json(server.request('/', { anonymous: true }));
      expect(status).toBe(200);
      expect(body).toMatchObject({ couchdb: 'Welcome', version: '3.3.3', vendor: { name: 'plantao' } });
      expect(body.uuid).toMatch(/^[0-9a-f]{32}$/);
      await server.restart();
      expect((await json(server.request('/'))).body.uuid).toBe(body.uuid);
    });

    it('refuses anonymous requests with 401 JSON', async () => {
      for (const path of ['/_all_dbs', `/${DB}`, `/${DB}/_changes`, '/_uuids', '/nowhere/at/all']) {
        const { status, body } = await json(server.request(path, { anonymous: true }));
        expect(status, path).toBe(401);
        expect(body.error).toBe('unauthorized');
      }
    });

    it('creates, describes, lists and deletes databases', async () => {
      expect((await json(server.request('/other', { method: 'PUT' }))).status).toBe(201);
      expect(await json(server.request('/other', { method: 'PUT' }))).toMatchObject({ status: 412, body: { error: 'file_exists' } });
      expect((await json(server.request('/_all_dbs'))).body).toEqual(expect.arrayContaining([DB, 'other']));
      expect((await json(server.request('/_all_dbs'))).body).not.toContain('_users');
      const info = await json(server.request('/other'));
      expect(info.body).toMatchObject({ db_name: 'other', doc_count: 0, doc_del_count: 0, update_seq: expect.stringMatching(/^s1[\w-]{8}$/) });
      expect((await json(server.request('/other', { method: 'DELETE' }))).status).toBe(200);
      expect(await json(server.request('/other'))).toEqual({ status: 404, body: { error: 'not_found', reason: 'Database does not exist.' } });
      expect((await json(server.request('/Bad%20Name', { method: 'PUT' }))).body.error).toBe('illegal_database_name');
    });

    it('delegates /_session to the authenticator and answers the small endpoints', async () => {
      expect((await json(server.request('/_session', { anonymous: true }))).body).toMatchObject({ ok: true, userCtx: { name: null } });
      expect((await json(server.request('/_session'))).body).toMatchObject({ ok: true, userCtx: { name: 'admin' } });
      expect(await json(server.request(`/${DB}/_ensure_full_commit`, { method: 'POST', json: {} }))).toMatchObject({ status: 201, body: { ok: true } });
      expect((await server.request(`/${DB}`, { method: 'HEAD' })).status).toBe(200);
      expect((await server.request('/nothing-here', { method: 'HEAD' })).status).toBe(404);
    });

    it('hands out uuids', async () => {
      const { body } = await json(server.request('/_uuids?count=3'));
      expect(new Set(body.uuids).size).toBe(3);
    });
  });

  describe('documents', () => {
    it('creates, reads, updates and deletes with CouchDB revisions', async () => {
      const created = await json(server.request(`/${DB}/doc-a`, { method: 'PUT', json: { n: 1 } }));
      expect(created.status).toBe(201);
      expect(created.body.rev).toMatch(/^1-[0-9a-f]{32}$/);
      const stale = await json(server.request(`/${DB}/doc-a`, { method: 'PUT', json: { n: 2 } }));
      expect(stale).toEqual({ status: 409, body: { error: 'conflict', reason: 'Document update conflict.' } });
      const updated = await json(server.request(`/${DB}/doc-a`, { method: 'PUT', json: { _rev: created.body.rev, n: 2 } }));
      expect(updated.body.rev).toMatch(/^2-/);
      const read = await json(server.request(`/${DB}/doc-a?revs=true&revs_info=true`));
      expect(read.body).toMatchObject({ _id: 'doc-a', _rev: updated.body.rev, n: 2 });
      expect(read.body._revisions.ids).toHaveLength(2);
      expect(read.body._revs_info.map((info: any) => info.status)).toEqual(['available', 'available']);
      const removed = await json(server.request(`/${DB}/doc-a?rev=${updated.body.rev}`, { method: 'DELETE' }));
      expect(removed.body.rev).toMatch(/^3-/);
      expect(await json(server.request(`/${DB}/doc-a`))).toEqual({ status: 404, body: { error: 'not_found', reason: 'deleted' } });
      expect((await json(server.request(`/${DB}/doc-a?rev=${created.body.rev}`))).body.n).toBe(1);
      expect(await json(server.request(`/${DB}/never`))).toEqual({ status: 404, body: { error: 'not_found', reason: 'missing' } });
      // Recreating a deleted document continues its tree.
      expect((await json(server.request(`/${DB}/doc-a`, { method: 'PUT', json: { n: 4 } }))).body.rev).toMatch(/^4-/);
    });

    it('makes deterministic revisions, so resending a write is idempotent', async () => {
      const first = await json(server.request(`/${DB}`, { method: 'POST', json: { _id: 'same', v: 'x' } }));
      const again = await json(server.request(`/${DB}/_bulk_docs`, { method: 'POST', json: { docs: [{ _id: 'same', v: 'x' }] } }));
      expect(again.body[0]).toEqual({ ok: true, id: 'same', rev: first.body.rev });
      const changes = await json(server.request(`/${DB}/_changes?filter=_doc_ids&doc_ids=["same"]`));
      expect(changes.body.results).toHaveLength(1);
    });

    it('keeps conflicts and picks the same winner as CouchDB', async () => {
      const docs = [
        { _id: 'c', _rev: '1-aaa', v: 'root', _revisions: { start: 1, ids: ['aaa'] } },
        { _id: 'c', _rev: '2-bbb', v: 'left', _revisions: { start: 2, ids: ['bbb', 'aaa'] } },
        { _id: 'c', _rev: '2-ccc', v: 'right', _revisions: { start: 2, ids: ['ccc', 'aaa'] } },
        { _id: 'c', _rev: '3-ddd', _deleted: true, _revisions: { start: 3, ids: ['ddd', 'bbb', 'aaa'] } },
      ];
      const written = await json(server.request(`/${DB}/_bulk_docs`, { method: 'POST', json: { docs, new_edits: false } }));
      expect(written).toEqual({ status: 201, body: [] });
      // A live leaf beats the longer deleted branch.
      const read = await json(server.request(`/${DB}/c?conflicts=true&deleted_conflicts=true`));
      expect(read.body).toMatchObject({ _rev: '2-ccc', v: 'right', _deleted_conflicts: ['3-ddd'] });
      const all = await json(server.request(`/${DB}/c?open_revs=all`, { headers: { accept: 'application/json' } }));
      expect(all.body.map((entry: any) => entry.ok._rev).sort()).toEqual(['2-ccc', '3-ddd']);
      const asked = await json(server.request(`/${DB}/c?open_revs=["2-bbb","9-zzz"]&latest=true&revs=true`));
      expect(asked.body[0].ok._rev).toBe('3-ddd');
      expect(asked.body[0].ok._revisions).toEqual({ start: 3, ids: ['ddd', 'bbb', 'aaa'] });
      expect(asked.body[1]).toEqual({ missing: '9-zzz' });
      // Higher rev id wins between live leaves of equal length.
      await server.request(`/${DB}/_bulk_docs`, {
        method: 'POST',
        json: { new_edits: false, docs: [{ _id: 'c', _rev: '2-ddd', v: 'third', _revisions: { start: 2, ids: ['ddd', 'aaa'] } }] },
      });
      const winner = await json(server.request(`/${DB}/c?conflicts=true`));
      expect(winner.body).toMatchObject({ _rev: '2-ddd', _conflicts: ['2-ccc'] });
      const diff = await json(server.request(`/${DB}/_revs_diff`, { method: 'POST', json: { c: ['2-ccc', '3-eee'], zz: ['1-x'] } }));
      expect(diff.body).toEqual({ c: { missing: ['3-eee'], possible_ancestors: ['2-ddd', '2-ccc'] }, zz: { missing: ['1-x'] } });
      const bulkGet = await json(
        server.request(`/${DB}/_bulk_get?revs=true`, { method: 'POST', json: { docs: [{ id: 'c', rev: '2-ccc' }, { id: 'nope' }] } }),
      );
      expect(bulkGet.body.results[0].docs[0].ok).toMatchObject({ _id: 'c', _rev: '2-ccc', _revisions: { start: 2, ids: ['ccc', 'aaa'] } });
      expect(bulkGet.body.results[1].docs[0].error).toMatchObject({ id: 'nope', error: 'not_found' });
    });

    it('lists documents with _all_docs', async () => {
      for (const id of ['k1', 'k2', 'k3']) await server.request(`/${DB}/${id}`, { method: 'PUT', json: { id } });
      const range = await json(server.request(`/${DB}/_all_docs?startkey="k1"&endkey="k3"&inclusive_end=false&include_docs=true`));
      expect(range.body.rows.map((row: any) => row.id)).toEqual(['k1', 'k2']);
      expect(range.body.rows[0].doc).toMatchObject({ _id: 'k1', id: 'k1' });
      const desc = await json(server.request(`/${DB}/_all_docs?descending=true&limit=2&skip=1&start_key="k3"`));
      expect(desc.body.rows.map((row: any) => row.id)).toEqual(['k2', 'k1']);
      const keyed = await json(server.request(`/${DB}/_all_docs`, { method: 'POST', json: { keys: ['k2', 'missing', 'doc-a'], include_docs: true } }));
      expect(keyed.body.rows[0]).toMatchObject({ id: 'k2', key: 'k2' });
      expect(keyed.body.rows[1]).toEqual({ key: 'missing', error: 'not_found' });
    });

    it('keeps _local documents out of changes and all_docs', async () => {
      const put = await json(server.request(`/${DB}/_local/checkpoint`, { method: 'PUT', json: { last_seq: 5 } }));
      expect(put).toEqual({ status: 201, body: { ok: true, id: '_local/checkpoint', rev: '0-1' } });
      expect((await json(server.request(`/${DB}/_local/checkpoint`, { method: 'PUT', json: { last_seq: 6 } }))).status).toBe(409);
      const second = await json(server.request(`/${DB}/_local/checkpoint`, { method: 'PUT', json: { _rev: '0-1', last_seq: 6 } }));
      expect(second.body.rev).toBe('0-2');
      expect((await json(server.request(`/${DB}/_local/checkpoint`))).body).toEqual({ _id: '_local/checkpoint', _rev: '0-2', last_seq: 6 });
      const changes = await json(server.request(`/${DB}/_changes`));
      expect(changes.body.results.some((row: any) => row.id.startsWith('_local'))).toBe(false);
      expect((await json(server.request(`/${DB}/_local/checkpoint?rev=0-2`, { method: 'DELETE' }))).status).toBe(200);
      expect((await json(server.request(`/${DB}/_local/checkpoint`))).status).toBe(404);
    });

    it('stores attachments once, with digests, stubs, inline data and revpos', async () => {
      const data = Buffer.from('olá, anexo').toString('base64');
      const created = await json(
        server.request(`/${DB}/with-att`, { method: 'PUT', json: { a: 1, _attachments: { 'note.txt': { content_type: 'text/plain', data } } } }),
      );
      const stub = await json(server.request(`/${DB}/with-att`));
      expect(stub.body._attachments['note.txt']).toMatchObject({ stub: true, revpos: 1, length: 11, content_type: 'text/plain' });
      expect(stub.body._attachments['note.txt'].digest).toMatch(/^md5-/);
      const updated = await json(
        server.request(`/${DB}/with-att`, { method: 'PUT', json: { _rev: created.body.rev, a: 2, _attachments: { 'note.txt': { stub: true } } } }),
      );
      const inline = await json(server.request(`/${DB}/with-att?attachments=true`));
      expect(inline.body._attachments['note.txt']).toMatchObject({ data, revpos: 1 });
      const since = await json(server.request(`/${DB}/with-att?atts_since=["${created.body.rev}"]`));
      expect(since.body._attachments['note.txt'].stub).toBe(true);
      const raw = await server.request(`/${DB}/with-att/note.txt`);
      expect(raw.headers.get('content-type')).toContain('text/plain');
      expect(await raw.text()).toBe('olá, anexo');
      const put = await json(
        server.request(`/${DB}/with-att/dir/img.bin?rev=${updated.body.rev}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: '{"not":"parsed"',
        }),
      );
      expect(put.status).toBe(201);
      expect(await (await server.request(`/${DB}/with-att/dir/img.bin`)).text()).toBe('{"not":"parsed"');
      const gone = await json(server.request(`/${DB}/with-att/note.txt?rev=${put.body.rev}`, { method: 'DELETE' }));
      expect(gone.status).toBe(200);
      expect((await json(server.request(`/${DB}/with-att/note.txt`))).status).toBe(404);
    });
  });

  describe('changes', () => {
    it('answers normal feeds with since, limit, style and include_docs', async () => {
      const all = await json(server.request(`/${DB}/_changes?style=all_docs&include_docs=true&conflicts=true`));
      const seqs = all.body.results.map((row: any) => row.seq);
      // Opaque tokens, one per change.
      expect(new Set(seqs).size).toBe(seqs.length);
      for (const seq of seqs) expect(seq).toMatch(/^s1[\w-]{8}$/);
      const c = all.body.results.find((row: any) => row.id === 'c');
      expect(c.changes.map((change: any) => change.rev)).toEqual(['2-ddd', '2-ccc', '3-ddd']);
      expect(c.doc._conflicts).toEqual(['2-ccc']);
      const page = await json(server.request(`/${DB}/_changes?since=${seqs[0]}&limit=2`));
      expect(page.body.results.map((row: any) => row.seq)).toEqual(seqs.slice(1, 3));
      expect(page.body.last_seq).toBe(seqs[2]);
      const now = await json(server.request(`/${DB}/_changes?since=now`));
      expect(now.body).toEqual({ results: [], last_seq: all.body.last_seq });
      const desc = await json(server.request(`/${DB}/_changes?descending=true&limit=1`));
      expect(desc.body.results[0].seq).toBe(seqs.at(-1));
    });

    it('wakes a longpoll on a write, without waiting for its timeout', async () => {
      const since = (await json(server.request(`/${DB}/_changes?since=now`))).body.last_seq;
      const polls = Array.from({ length: 20 }, () => json(server.request(`/${DB}/_changes?feed=longpoll&since=${since}&heartbeat=1000`)));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await server.request(`/${DB}/wake-up`, { method: 'PUT', json: { hello: true } });
      for (const poll of await Promise.all(polls)) expect(poll.body.results.map((row: any) => row.id)).toEqual(['wake-up']);
      const quiet = await json(server.request(`/${DB}/_changes?feed=longpoll&since=now&timeout=100`));
      expect(quiet.body.results).toEqual([]);
    });

    it('streams continuous and eventsource feeds', async () => {
      const continuous = await server.request(`/${DB}/_changes?feed=continuous&since=0&limit=3`);
      const lines = (await continuous.text()).trim().split('\n').map((line) => JSON.parse(line));
      expect(lines).toHaveLength(4);
      expect(lines.at(-1)).toHaveProperty('last_seq');
      const events = await server.request(`/${DB}/_changes?feed=eventsource&since=0&limit=2`);
      expect(events.headers.get('content-type')).toContain('text/event-stream');
      expect((await events.text()).match(/^data: /gm)).toHaveLength(2);
    });

    it('filters by doc ids given in the body', async () => {
      const { body } = await json(server.request(`/${DB}/_changes?filter=_doc_ids`, { method: 'POST', json: { doc_ids: ['k1', 'k3'] } }));
      expect(body.results.map((row: any) => row.id).sort()).toEqual(['k1', 'k3']);
    });
  });

  describe('bad input', () => {
    const cases: [string, string, RequestInit & { json?: unknown }, number, string][] = [
      ['malformed JSON', `/${DB}/bad`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"a":' }, 400, 'bad_request'],
      ['a non-object document', `/${DB}/bad`, { method: 'PUT', json: [1, 2] }, 400, 'bad_request'],
      ['a reserved id', `/${DB}/_reserved`, { method: 'PUT', json: { a: 1 } }, 400, 'illegal_docid'],
      ['a reserved id in bulk', `/${DB}/_bulk_docs`, { method: 'POST', json: { docs: [{ _id: '_x' }] } }, 400, 'illegal_docid'],
      ['a numeric id', `/${DB}`, { method: 'POST', json: { _id: 12 } }, 400, 'illegal_docid'],
      ['docs that are not an array', `/${DB}/_bulk_docs`, { method: 'POST', json: { docs: 'x' } }, 400, 'bad_request'],
      ['a bad special member', `/${DB}/bad`, { method: 'PUT', json: { _foo: 1 } }, 400, 'doc_validation'],
      ['a bad _deleted', `/${DB}/bad`, { method: 'PUT', json: { _deleted: 'yes' } }, 400, 'doc_validation'],
      ['a bad rev', `/${DB}/bad`, { method: 'PUT', json: { _rev: 'nonsense' } }, 400, 'bad_request'],
      ['replication without a rev', `/${DB}/_bulk_docs`, { method: 'POST', json: { new_edits: false, docs: [{ _id: 'x' }] } }, 400, 'bad_request'],
      ['a bad since', `/${DB}/_changes?since=yesterday`, {}, 400, 'bad_request'],
      ['a bad limit', `/${DB}/_changes?limit=-1`, {}, 400, 'query_parse_error'],
      ['a bad feed', `/${DB}/_changes?feed=sometimes`, {}, 400, 'bad_request'],
      ['a bad startkey', `/${DB}/_all_docs?startkey=k1`, {}, 400, 'bad_request'],
      ['an unknown database', '/unknown-db/_all_docs', {}, 404, 'not_found'],
      ['an unknown database write', '/unknown-db/x', { method: 'PUT', json: {} }, 404, 'not_found'],
      ['a wrong content type', `/${DB}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'docs' }, 415, 'bad_content_type'],
      ['an id with broken percent-encoding', `/${DB}/bad%E0%A4%A`, {}, 400, 'bad_request'],
      ['an oversized body', `/${DB}/big`, { method: 'PUT', json: { blob: 'x'.repeat(100 * 1024) } }, 413, 'too_large'],
    ];
    it.each(cases)('answers %s with JSON {error, reason}', async (_name, path, init, status, error) => {
      const response = await server.request(path, init);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = await response.json();
      expect(response.status).toBe(status);
      expect(body.error).toBe(error);
      expect(typeof body.reason).toBe('string');
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
    });

    it('is still alive afterwards', async () => {
      expect((await server.request('/')).status).toBe(200);
    });
  });
});
