import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RevTree, revPos } from '../../storage/rev-tree';
import type { DocumentState } from '../../storage/storage';
import { type AppDependencies, openDatabase } from '../context';
import { badRequest } from '../errors';
import { boolParam, intParam, isPlainObject, isStringArray, jsonParam, objectBody, type Query } from '../params';
import { renderDocument } from '../render';
import { openRevisions } from './document-reads';

type DbParams = { db: string };

/** `_all_docs` options come from the query string, and for POST also from the body (which wins). */
function mergedQuery(request: FastifyRequest): Query {
  const query: Query = { ...(request.query as Query) };
  if (request.method === 'POST') {
    for (const [key, value] of Object.entries(objectBody(request.body ?? {}))) {
      query[key] = typeof value === 'string' && !['startkey', 'endkey', 'start_key', 'end_key', 'key'].includes(key) ? value : JSON.stringify(value);
    }
  }
  return query;
}

function keyParam(query: Query, ...names: string[]): string | null {
  for (const name of names) {
    const value = jsonParam(query, name);
    if (value === undefined) continue;
    if (typeof value !== 'string') throw badRequest(`${name} must be a JSON string`, 'query_parse_error');
    return value;
  }
  return null;
}

export function registerReadRoutes(app: FastifyInstance, deps: AppDependencies): void {
  const { storage } = deps;
  const open = (request: FastifyRequest) => openDatabase(deps, request, (request.params as DbParams).db);

  const allDocs = async (request: FastifyRequest) => {
    const access = await open(request);
    const query = mergedQuery(request);
    const key = keyParam(query, 'key');
    const keys = jsonParam(query, 'keys') ?? (key !== null ? [key] : undefined);
    if (keys !== undefined && !isStringArray(keys)) throw badRequest('`keys` must be an array of strings');
    const includeDocs = boolParam(query, 'include_docs');
    const conflicts = boolParam(query, 'conflicts');
    const page = await storage.allDocs(access.db, {
      scope: await access.scope(),
      keys: keys ?? null,
      startKey: keyParam(query, 'startkey', 'start_key'),
      endKey: keyParam(query, 'endkey', 'end_key'),
      inclusiveEnd: boolParam(query, 'inclusive_end', true),
      descending: boolParam(query, 'descending'),
      limit: intParam(query, 'limit'),
      skip: intParam(query, 'skip') ?? 0,
      includeDocs,
    });
    const rows = await Promise.all(
      page.rows.map(async (row) => {
        if (!row.state) return { key: row.key, error: 'not_found' };
        const value = { rev: row.state.winner.rev, ...(row.state.winner.deleted ? { deleted: true } : {}) };
        if (!includeDocs) return { id: row.key, key: row.key, value };
        const doc = row.doc ? await renderDocument(storage, row.state, row.doc, { conflicts }) : null;
        return { id: row.key, key: row.key, value, doc };
      }),
    );
    return { total_rows: page.totalRows, offset: keys ? null : page.offset, rows };
  };
  app.get('/:db/_all_docs', allDocs);
  app.post('/:db/_all_docs', allDocs);

  app.post('/:db/_revs_diff', async (request) => {
    const access = await open(request);
    const body = objectBody(request.body);
    for (const revs of Object.values(body)) if (!isStringArray(revs)) throw badRequest('Revisions must be arrays of strings');
    const requested = body as Record<string, string[]>;
    const states = await storage.getDocuments(access.db, Object.keys(requested), await access.scope());
    const diff: Record<string, { missing: string[]; possible_ancestors?: string[] }> = {};
    for (const [id, revs] of Object.entries(requested)) {
      const state = states.get(id);
      const tree = new RevTree(state?.tree ?? []);
      const missing = [...new Set(revs)].filter((rev) => !tree.has(rev));
      if (missing.length === 0) continue;
      const newest = Math.max(...missing.map(revPos));
      const ancestors = (state?.leaves ?? []).filter((leaf) => revPos(leaf.rev) < newest).map((leaf) => leaf.rev);
      diff[id] = { missing, ...(ancestors.length > 0 ? { possible_ancestors: ancestors } : {}) };
    }
    return diff;
  });

  app.post('/:db/_bulk_get', async (request) => {
    const access = await open(request);
    const query = request.query as Query;
    const body = objectBody(request.body);
    if (!Array.isArray(body.docs)) throw badRequest('`docs` parameter must be an array.');
    const wanted = body.docs.map((item: unknown) => {
      if (!isPlainObject(item) || typeof item.id !== 'string') throw badRequest('Each entry of `docs` needs an `id`');
      if (item.rev !== undefined && typeof item.rev !== 'string') throw badRequest('`rev` must be a string');
      if (item.atts_since !== undefined && !isStringArray(item.atts_since)) throw badRequest('`atts_since` must be an array of revs');
      return { id: item.id, rev: item.rev as string | undefined, attsSince: (item.atts_since as string[] | undefined) ?? null };
    });
    const states = await storage.getDocuments(access.db, [...new Set(wanted.map((item) => item.id))], await access.scope());
    const options = {
      revs: boolParam(query, 'revs'),
      attachments: boolParam(query, 'attachments'),
      latest: boolParam(query, 'latest'),
    };
    const results = await Promise.all(
      wanted.map(async ({ id, rev, attsSince }) => {
        const state: DocumentState | undefined = states.get(id);
        const revs = rev ? [rev] : state ? [state.winner.rev] : [];
        if (!state || revs.length === 0) {
          return { id, docs: [{ error: { id, rev: rev ?? 'undefined', error: 'not_found', reason: 'missing' } }] };
        }
        const docs = await openRevisions(storage, access.db, state, revs, { ...options, attsSince });
        return {
          id,
          docs: docs.map((entry) =>
            'ok' in entry ? entry : { error: { id, rev: entry.missing, error: 'not_found', reason: 'missing' } },
          ),
        };
      }),
    );
    return { results };
  });
}
