/**
 * Authorization matrix against the real sync server (SQLite, authenticator, policy) on 127.0.0.1:
 * every role × every read path sees its scope and nothing else (no id, no stub, no count), and every
 * role × document type is allowed or refused with its pt-BR reason.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseName, documentIdOf, type PlantaoDocument } from '../../shared/schemas';
import { makeCardEvent, makeCardProcess, makeClaim, makeDecision, makeRequest } from '../../shared/rules/test-fixtures';
import { createPasswordHasher } from '../../sync-server/auth/password';
import { storageUserStore } from '../../sync-server/auth/storage-user-store';
import { newUserAccount } from '../../sync-server/auth/users';
import { REASONS } from '../../sync-server/policy/reasons';
import {
  ATTACHMENT_NAME,
  CARD,
  dbOfDocument,
  DELETED_IDS,
  MATRIX_DATABASES,
  NOW,
  POST,
  REQ_UNCLAIMED,
  SEED,
  seedWorld,
  UNIT,
  USER_KEYS,
  USERS,
  type UserKey,
  VISIBLE,
  WITH_ATTACHMENT,
} from '../../sync-server/policy/test-fixtures';
import { type RunningServer, startServer } from '../../sync-server/server';
import { STORAGE_KINDS, testBackend, type TestBackend } from './support/storage-kinds';
import { testConfig } from './support/test-server';

const PASSWORD = 'senha de teste da matriz';
const CHEAP_ARGON2 = { memoryCost: 256, timeCost: 1, parallelism: 1 };

describe.each(STORAGE_KINDS)('%s storage', (kind) => {
  let backend: TestBackend;
  let server: RunningServer;
  const cookies = new Map<UserKey, string>();
  /** Every seeded id per database (deleted ones included) and its current rev. */
  const seededIds = new Map<string, string[]>();
  const revs = new Map<string, string>();

  beforeAll(async () => {
    backend = await testBackend(kind);
    const storage = await backend.openStorage();
    await seedWorld(storage);
    const store = storageUserStore(storage);
    const hasher = createPasswordHasher(CHEAP_ARGON2);
    for (const key of USER_KEYS) await store.putUser(await newUserAccount({ ...USERS[key], password: PASSWORD }, hasher, new Date(NOW)));
    for (const db of MATRIX_DATABASES) {
      const states = await storage.getDocuments(db, [...seedIds(db), ...DELETED_IDS], 'all');
      seededIds.set(db, [...states.keys()].sort());
      for (const [id, state] of states) revs.set(`${db}/${id}`, state.winner.rev);
    }
    await storage.close();
    server = await startServer({ config: testConfig(backend.dataDir, backend.config), env: {}, logger: pino({ level: 'silent' }) });
    for (const key of USER_KEYS) {
      const reply = await fetch(`${server.url}/_session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: USERS[key].name, password: PASSWORD }),
      });
      expect(reply.status).toBe(200);
      cookies.set(key, (reply.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
    }
  });
  afterAll(async () => {
    await server?.close();
    backend?.dispose();
  });

  function seedIds(db: DatabaseName): string[] {
    return SEED.filter((doc) => dbOfDocument(doc) === db).map(documentIdOf);
  }

  async function call(user: UserKey, path: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
    return fetch(`${server.url}${path}`, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: { cookie: cookies.get(user) ?? '', ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
  }
  const json = async (response: Response) => (await response.json()) as Record<string, unknown> & { rows?: { id?: string; key: string; error?: string; doc?: unknown; value?: { deleted?: boolean } }[] };
  const sorted = (ids: (string | undefined)[]) => ids.filter((id): id is string => id !== undefined).sort();

  /** Deleted documents a user may see as tombstones: those whose (kept) tags are in scope — only the unit of the deleted request and the admin. */
  const visibleDeleted = (user: UserKey, db: DatabaseName): string[] =>
    db === 'requests' && (user === 'foreignOfficer' || user === 'admin') ? DELETED_IDS : [];

  const READ_CASES = USER_KEYS.flatMap((user) => MATRIX_DATABASES.map((db) => ({ user, db, visible: VISIBLE[user][db] })));

  describe('reads: every role × every read path', () => {
    it.each(READ_CASES.filter((row) => row.visible === undefined))('$user cannot open $db', async ({ user, db }) => {
      for (const path of [`/${db}`, `/${db}/_all_docs`, `/${db}/_changes`, `/${db}/${seedIds(db)[0]}`]) {
        const reply = await call(user, path);
        expect(reply.status, path).toBe(403);
        expect(await reply.json()).toEqual({ error: 'forbidden', reason: 'Você não tem acesso a esta base.' });
      }
    });

    it.each(READ_CASES.filter((row) => row.visible !== undefined))('$user reads exactly its scope of $db', async ({ user, db, visible }) => {
      const expected = sorted(visible ?? []);
      const tombstones = visibleDeleted(user, db);
      const all = seededIds.get(db) ?? [];
      const hidden = all.filter((id) => !expected.includes(id) && !tombstones.includes(id));

      // Database info: counts cover the readable documents only.
      const info = await json(await call(user, `/${db}`));
      expect(info.doc_count).toBe(expected.length);
      expect(info.doc_del_count).toBe(tombstones.length);

      // _all_docs, without and with docs, and with explicit keys.
      const plain = await json(await call(user, `/${db}/_all_docs`));
      expect(sorted(plain.rows!.map((row) => row.id))).toEqual(expected);
      expect(plain.total_rows).toBe(expected.length);
      const withDocs = await json(await call(user, `/${db}/_all_docs?include_docs=true`));
      expect(sorted(withDocs.rows!.map((row) => row.id))).toEqual(expected);
      expect(withDocs.rows!.every((row) => row.doc !== undefined && row.doc !== null)).toBe(true);
      const byKeys = await json(await call(user, `/${db}/_all_docs`, { json: { keys: all } }));
      for (const row of byKeys.rows!) {
        if (hidden.includes(row.key)) expect(row, row.key).toEqual({ key: row.key, error: 'not_found' });
        else if (tombstones.includes(row.key)) expect(row.value?.deleted).toBe(true);
        else expect(row.id).toBe(row.key);
      }

      // _changes, normal and longpoll.
      const changes = await json(await call(user, `/${db}/_changes?include_docs=true`));
      const changeIds = sorted((changes.results as { id: string }[]).map((row) => row.id));
      expect(changeIds).toEqual(sorted([...expected, ...tombstones]));
      const longpoll = await json(await call(user, `/${db}/_changes?feed=longpoll&since=0&timeout=200`));
      expect(sorted((longpoll.results as { id: string }[]).map((row) => row.id))).toEqual(sorted([...expected, ...tombstones]));

      // Single documents, open_revs, _bulk_get, attachments, _revs_diff.
      for (const id of all) {
        const readable = expected.includes(id);
        const single = await call(user, `/${db}/${encodeURIComponent(id)}`);
        expect(single.status, id).toBe(readable ? 200 : 404);
        const openRevs = await call(user, `/${db}/${encodeURIComponent(id)}?open_revs=all`, {});
        if (readable) expect(openRevs.status, id).toBe(200);
        else if (!tombstones.includes(id)) expect(openRevs.status, `open_revs ${id}`).toBe(404);
        if (WITH_ATTACHMENT.includes(id)) {
          const attachment = await call(user, `/${db}/${encodeURIComponent(id)}/${ATTACHMENT_NAME}`);
          expect(attachment.status, `attachment of ${id}`).toBe(readable ? 200 : 404);
          if (readable) expect(await attachment.text()).toBe(`anexo de ${id}`);
        }
      }
      const bulkGet = await json(await call(user, `/${db}/_bulk_get`, { json: { docs: all.map((id) => ({ id })) } }));
      for (const result of bulkGet.results as { id: string; docs: { ok?: unknown; error?: { error: string } }[] }[]) {
        if (hidden.includes(result.id)) expect(result.docs, result.id).toEqual([expect.objectContaining({ error: expect.objectContaining({ error: 'not_found' }) })]);
        if (expected.includes(result.id)) expect(result.docs[0]?.ok, result.id).toBeDefined();
      }
      const known = Object.fromEntries(all.map((id) => [id, [revs.get(`${db}/${id}`) ?? '', '9-ffffffffffffffffffffffffffffffff']]));
      const diff = (await (await call(user, `/${db}/_revs_diff`, { json: known })).json()) as Record<string, { missing: string[] }>;
      for (const id of all) {
        const real = revs.get(`${db}/${id}`) ?? '';
        // A document out of scope answers exactly as one that does not exist: every rev missing.
        if (hidden.includes(id)) expect(diff[id]?.missing, id).toEqual([real, '9-ffffffffffffffffffffffffffffffff']);
        else expect(diff[id]?.missing, id).toEqual(['9-ffffffffffffffffffffffffffffffff']);
      }
    });
  });

  /** What each role would write of each type, in its own name and scope. */
  function attempt(user: UserKey, type: PlantaoDocument['type']): PlantaoDocument {
    const me = USERS[user];
    const name = me.name;
    const ownUnit = 'unitId' in me ? me.unitId : undefined;
    const ownPost = 'postId' in me ? me.postId : undefined;
    const unitId = ownUnit ?? UNIT;
    const postId = ownPost ?? POST;
    const role = me.roles[0]!;
    const stamp = `${user.toLowerCase()}-${type.replace('_', '-')}`;
    switch (type) {
      case 'request':
        return makeRequest({ protocol: `DV-2025-${String(100 + USER_KEYS.indexOf(user)).padStart(8, '0')}`, unitId, portalSubmissionId: `portal-${stamp}` });
      case 'claim':
        return makeClaim({ requestId: REQ_UNCLAIMED, unitId, officerId: name, officerName: name, expiresAt: '2099-01-01T00:00:00-03:00' });
      case 'decision':
        return makeDecision({ requestId: REQ_UNCLAIMED, unitId, officerId: name, officerName: name, outcome: 'on_hold', redsNumber: undefined, reasonCode: 'missing_info', orientationText: 'Envie o documento.' });
      case 'note':
        return { type: 'note', schemaVersion: 1, subject: { kind: 'card', id: CARD, postId }, authorId: name, authorName: name, createdAt: NOW, text: 'Nota.' };
      case 'reds_entry':
        return { type: 'reds_entry', schemaVersion: 1, number: `2025-000000${String(300 + USER_KEYS.indexOf(user))}-001`, leaseId: 'lease-joao', workstationId: 'ws-bh-01', userId: name, unitId, requestId: REQ_UNCLAIMED, decisionId: `${REQ_UNCLAIMED}:001`, issuedAt: NOW, status: 'issued' };
      case 'reds_lease':
        return { type: 'reds_lease', schemaVersion: 1, leaseId: `lease-${stamp}`, year: 2025, firstSequence: 900, lastSequence: 949, workstationId: 'ws-bh-01', userId: name, unitId, leasedAt: NOW, expiresAt: '2025-06-17T12:00:00-03:00', status: 'active' };
      case 'card_process':
        return makeCardProcess({ protocol: `CI-2025-${String(100 + USER_KEYS.indexOf(user)).padStart(8, '0')}`, postId });
      case 'card_event':
        return makeCardEvent({ protocol: CARD, postId, eventId: `evt-${stamp}`, from: 'fee_settled', to: 'scheduled', byUserId: name, byName: name });
      case 'access_entry':
        return { type: 'access_entry', schemaVersion: 1, entryId: `acc-${stamp}`, userId: name, userName: name, role, scopeId: ownUnit ?? ownPost ?? UNIT, workstationId: 'ws-bh-01', at: NOW, action: 'view', record: { kind: 'card', id: CARD }, fields: ['holder.fullName'] };
      case 'reason_template':
        return { type: 'reason_template', schemaVersion: 1, code: `tpl_${stamp.replace(/-/g, '_').replace(/\./g, '_')}`, appliesTo: 'rejected', label: 'Modelo', orientationText: 'Compareça a uma delegacia.', active: true };
      case 'nature':
        return { type: 'nature', schemaVersion: 1, code: 'DANO', label: 'Dano', group: 'property', acceptedOnline: true, domesticViolenceOnly: false, tableVersion: 2 + USER_KEYS.indexOf(user), active: true };
      case 'notice':
        return { type: 'notice', schemaVersion: 1, noticeId: `notice-${stamp}`, message: 'Manutenção no domingo.', startsAt: '2025-06-15T02:00:00-03:00', endsAt: '2025-06-15T04:00:00-03:00', publishedBy: name, publishedAt: NOW };
      default:
        throw new Error(`no attempt for ${type}`);
    }
  }

  const TYPES = ['request', 'claim', 'decision', 'note', 'reds_entry', 'reds_lease', 'card_process', 'card_event', 'access_entry', 'reason_template', 'nature', 'notice'] as const;
  const OK = null;
  const ROLE = REASONS.roleCannotWrite;
  const NO_DB = 'Você não tem acesso a esta base.';
  /** Past the policy's own checks, the REDS extension point looks for the number's lease block (none here). */
  const NO_LEASE = 'não pertence a um bloco reservado';

  /** Expected outcome of each role's own attempt at each type: null allowed, else the reason. */
  const WRITE_MATRIX: Record<UserKey, Record<(typeof TYPES)[number], string | null>> = {
    officer:        { request: ROLE, claim: OK, decision: OK, note: REASONS.noteOutOfScope, reds_entry: NO_LEASE, reds_lease: ROLE, card_process: NO_DB, card_event: NO_DB, access_entry: OK, reason_template: ROLE, nature: ROLE, notice: ROLE },
    otherOfficer:   { request: ROLE, claim: REASONS.claimTaken, decision: REASONS.decisionTaken, note: REASONS.noteOutOfScope, reds_entry: NO_LEASE, reds_lease: ROLE, card_process: NO_DB, card_event: NO_DB, access_entry: OK, reason_template: ROLE, nature: ROLE, notice: ROLE },
    foreignOfficer: { request: ROLE, claim: REASONS.otherUnit, decision: REASONS.requestNotFound, note: REASONS.noteOutOfScope, reds_entry: NO_LEASE, reds_lease: ROLE, card_process: NO_DB, card_event: NO_DB, access_entry: OK, reason_template: ROLE, nature: ROLE, notice: ROLE },
    clerk:          { request: NO_DB, claim: NO_DB, decision: NO_DB, note: OK, reds_entry: NO_DB, reds_lease: NO_DB, card_process: OK, card_event: OK, access_entry: OK, reason_template: ROLE, nature: ROLE, notice: ROLE },
    otherClerk:     { request: NO_DB, claim: NO_DB, decision: NO_DB, note: OK, reds_entry: NO_DB, reds_lease: NO_DB, card_process: OK, card_event: REASONS.cardNotFound, access_entry: OK, reason_template: ROLE, nature: ROLE, notice: ROLE },
    desk:           { request: ROLE, claim: ROLE, decision: ROLE, note: OK, reds_entry: NO_DB, reds_lease: NO_DB, card_process: ROLE, card_event: ROLE, access_entry: OK, reason_template: ROLE, nature: ROLE, notice: ROLE },
    supervisor:     { request: ROLE, claim: OK, decision: REASONS.decisionTaken, note: OK, reds_entry: NO_LEASE, reds_lease: ROLE, card_process: OK, card_event: OK, access_entry: OK, reason_template: OK, nature: ROLE, notice: ROLE },
    admin:          { request: OK, claim: OK, decision: REASONS.decisionTaken, note: OK, reds_entry: NO_LEASE, reds_lease: REASONS.leasesServerOnly, card_process: OK, card_event: OK, access_entry: OK, reason_template: OK, nature: OK, notice: OK },
    intake:         { request: OK, claim: NO_DB, decision: NO_DB, note: NO_DB, reds_entry: NO_DB, reds_lease: NO_DB, card_process: NO_DB, card_event: NO_DB, access_entry: NO_DB, reason_template: ROLE, nature: ROLE, notice: ROLE },
  };

  describe('writes: every role × every document type', () => {
    // Rows run in order: the first officer's claim and decision stand, later ones meet them.
    const cases = USER_KEYS.flatMap((user) => TYPES.map((type) => ({ user, type, refused: WRITE_MATRIX[user][type] })));

    it.each(cases)('$user writes $type', async ({ user, type, refused }) => {
      const doc = attempt(user, type);
      const db = dbOfDocument(doc);
      const id = documentIdOf(doc);
      // Later rows update what earlier rows wrote, on its current revision (a refusal, not a conflict).
      const current = await call('admin', `/${db}/${encodeURIComponent(id)}`);
      const rev = current.status === 200 ? ((await current.json()) as { _rev: string })._rev : undefined;
      const reply = await call(user, `/${db}/_bulk_docs`, { json: { docs: [{ _id: id, ...(rev ? { _rev: rev } : {}), ...doc }] } });
      if (refused === NO_DB) {
        expect(reply.status).toBe(403);
        expect(await reply.json()).toEqual({ error: 'forbidden', reason: NO_DB });
        return;
      }
      expect(reply.status).toBe(201);
      const [row] = (await reply.json()) as { ok?: boolean; error?: string; reason?: string }[];
      if (refused === OK) expect(row, JSON.stringify(row)).toMatchObject({ ok: true });
      else expect(row, JSON.stringify(row)).toMatchObject({ error: 'forbidden', reason: expect.stringContaining(refused) });
    });
  });
});
