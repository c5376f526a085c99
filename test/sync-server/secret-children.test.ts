/**
 * A secret request's claim, decisions, notes and REDS ledger entries are as secret as the request: written over HTTP by the
 * officer holding it, they are readable by that officer and the unit's supervisors only. A triage officer
 * of the same unit without the claim, and the service desk, find none of them on any read path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionDocId, documentIdOf, type PlantaoDocument } from '../../shared/schemas';
import { makeDecision } from '../../shared/rules/test-fixtures';
import { REDS_VOID, REQ_SECRET_HELD, UNIT, USERS, type UserKey } from '../../sync-server/policy/test-fixtures';
import { startSeededServer, type SeededServer } from './support/seeded-server';

let server: SeededServer;
const { officer } = USERS;
const decision = makeDecision({
  requestId: REQ_SECRET_HELD,
  unitId: UNIT,
  sequence: 2,
  outcome: 'resumed',
  redsNumber: undefined,
  officerId: officer.name,
  officerName: officer.displayName,
});
const note: PlantaoDocument = {
  type: 'note',
  schemaVersion: 1,
  subject: { kind: 'request', id: REQ_SECRET_HELD, unitId: UNIT },
  authorId: officer.name,
  authorName: officer.displayName,
  createdAt: '2025-06-10T12:15:00-03:00',
  text: 'Vítima confirmou o endereço por telefone.',
};
/** Database and id of the request and of each child: the seeded claim, and the decision and note written here. */
const TARGETS = [
  ['requests', REQ_SECRET_HELD],
  ['claims', REQ_SECRET_HELD],
  ['decisions', decisionDocId(REQ_SECRET_HELD, 2)],
  ['notes', documentIdOf(note)],
  ['reds_ledger', REDS_VOID],
] as const;

beforeAll(async () => {
  server = await startSeededServer();
  for (const doc of [decision, note]) {
    const db = doc.type === 'note' ? 'notes' : 'decisions';
    const reply = await server.as('officer')(`/${db}/_bulk_docs`, { json: { docs: [{ _id: documentIdOf(doc), ...doc }] } });
    expect(await reply.json()).toEqual([expect.objectContaining({ ok: true })]);
  }
});
afterAll(async () => server?.dispose());

type Rows = { rows: { id?: string; key: string; error?: string }[]; total_rows?: number };

/** Every read path's answer about one document: true where the path shows it. */
async function sightings(user: UserKey, db: string, id: string): Promise<Record<string, boolean>> {
  const as = server.as(user);
  // A database the role may not open at all (the service desk and the REDS ledger) shows nothing anywhere.
  if ((await as(`/${db}`)).status === 403) return { opened: false };
  const json = async <T>(path: string, body?: unknown) => (await (await as(path, body === undefined ? {} : { json: body })).json()) as T;
  const allDocs = await json<Rows>(`/${db}/_all_docs?include_docs=true`);
  const byKey = await json<Rows>(`/${db}/_all_docs`, { keys: [id] });
  const changes = await json<{ results: { id: string }[] }>(`/${db}/_changes?include_docs=true`);
  const longpoll = await json<{ results: { id: string }[] }>(`/${db}/_changes?feed=longpoll&since=0&timeout=100`);
  const filtered = await json<{ results: { id: string }[] }>(`/${db}/_changes?filter=_doc_ids`, { doc_ids: [id] });
  const bulkGet = await json<{ results: { docs: { ok?: unknown }[] }[] }>(`/${db}/_bulk_get`, { docs: [{ id }] });
  const revsDiff = await json<Record<string, { missing: string[] }>>(`/${db}/_revs_diff`, { [id]: ['9-ffffffffffffffffffffffffffffffff'] });
  return {
    opened: true,
    get: (await as(`/${db}/${encodeURIComponent(id)}`)).status === 200,
    openRevs: (await as(`/${db}/${encodeURIComponent(id)}?open_revs=all`)).status === 200,
    allDocs: allDocs.rows.some((row) => row.id === id),
    keys: byKey.rows[0]?.error === undefined,
    changes: changes.results.some((row) => row.id === id),
    longpoll: longpoll.results.some((row) => row.id === id),
    docIdsFilter: filtered.results.some((row) => row.id === id),
    bulkGet: bulkGet.results[0]?.docs[0]?.ok !== undefined,
    // A document out of scope answers `_revs_diff` exactly as a missing one: no `possible_ancestors`.
    revsDiff: 'possible_ancestors' in (revsDiff[id] ?? {}),
  };
}

const nowhere = (seen: Record<string, boolean>) => Object.fromEntries(Object.keys(seen).map((path) => [path, path === 'opened' && seen.opened]));
const everywhere = (seen: Record<string, boolean>) => Object.fromEntries(Object.keys(seen).map((path) => [path, true]));

describe('children of a secret request', () => {
  it.each(TARGETS)('a triage officer of the unit without the claim sees nothing of %s/%s', async (db, id) => {
    const seen = await sightings('otherOfficer', db, id);
    expect(seen).toEqual(nowhere(seen));
  });

  it.each(TARGETS)('the service desk sees nothing of %s/%s', async (db, id) => {
    const seen = await sightings('desk', db, id);
    expect(seen).toEqual(nowhere(seen));
  });

  it.each(TARGETS)('the officer holding the claim and the supervisor read %s/%s', async (db, id) => {
    for (const user of ['officer', 'supervisor'] as const) {
      const seen = await sightings(user, db, id);
      expect(seen, user).toEqual(everywhere(seen));
    }
  });
});
