import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../auth/http-error';
import { RevTree } from '../../storage/rev-tree';
import type { AttachmentInput, DocumentState, DocumentWrite, StoredRevision } from '../../storage/storage';
import { type AppDependencies, type DatabaseAccess, openDatabase } from '../context';
import { badRequest, conflict, notFound, statusOfWriteError } from '../errors';
import { checkDocId, checkRev, parseIncoming } from '../incoming';
import { boolParam, isStringArray, jsonParam, objectBody, type Query, stringParam } from '../params';
import { renderDocument } from '../render';
import { openRevisions } from './document-reads';

type DocParams = { db: string; id?: string; ddoc?: string; '*'?: string };

/** The document id of a route: `/db/id` or `/db/_design/name`. */
function docIdOf(params: DocParams): string {
  return params.ddoc !== undefined ? `_design/${params.ddoc}` : (params.id ?? '');
}

/** The rev a write names: `?rev=` or `If-Match`. */
function revOf(request: FastifyRequest): string | undefined {
  const fromQuery = stringParam(request.query as Query, 'rev');
  const ifMatch = request.headers['if-match']?.replaceAll('"', '');
  const rev = fromQuery ?? ifMatch;
  return rev === undefined ? undefined : checkRev(rev);
}

export function registerDocumentRoutes(app: FastifyInstance, deps: AppDependencies): void {
  const { storage } = deps;
  const open = (request: FastifyRequest) => openDatabase(deps, request, (request.params as DocParams).db);

  const readableState = async (access: DatabaseAccess, id: string): Promise<DocumentState> => {
    const state = (await storage.getDocuments(access.db, [id], await access.scope())).get(id);
    if (!state) throw notFound('missing');
    return state;
  };

  const writeOne = async (access: DatabaseAccess, write: DocumentWrite, newEdits: boolean, reply: FastifyReply, status: number) => {
    const [result] = await storage.bulkWrite(access.db, [write], access.writeOptions(newEdits));
    if (result && 'error' in result) throw new HttpError(statusOfWriteError(result.error), result.error, result.reason);
    const rev = result?.rev ?? write.rev ?? '';
    return reply.code(status).header('etag', `"${rev}"`).send({ ok: true, id: write.id, rev });
  };

  const getDocument = async (request: FastifyRequest, reply: FastifyReply) => {
    const access = await open(request);
    const id = checkDocId(docIdOf(request.params as DocParams));
    const query = request.query as Query;
    const meta = boolParam(query, 'meta');
    const attsSince = jsonParam(query, 'atts_since');
    if (attsSince !== undefined && !isStringArray(attsSince)) throw badRequest('atts_since must be an array of revs');
    const options = {
      revs: boolParam(query, 'revs'),
      revsInfo: meta || boolParam(query, 'revs_info'),
      conflicts: meta || boolParam(query, 'conflicts'),
      deletedConflicts: meta || boolParam(query, 'deleted_conflicts'),
      attachments: boolParam(query, 'attachments') || attsSince !== undefined,
      attsSince: attsSince ?? null,
      latest: boolParam(query, 'latest'),
    };
    const state = await readableState(access, id);
    const openRevs = stringParam(query, 'open_revs');
    if (openRevs !== undefined) {
      const revs = openRevs === 'all' ? state.leaves.map((leaf) => leaf.rev) : jsonParam(query, 'open_revs');
      if (!isStringArray(revs)) throw badRequest('open_revs must be "all" or an array of revs');
      return openRevisions(storage, access.db, state, revs, options);
    }
    const asked = stringParam(query, 'rev');
    let target = asked ?? state.winner.rev;
    if (asked && options.latest) {
      const leaves = new RevTree(state.tree).leavesFrom(asked).sort((a, b) => state.leaves.indexOf(a) - state.leaves.indexOf(b));
      target = leaves[0]?.rev ?? asked;
    }
    const revision = (await storage.getRevisions(access.db, id, [target])).get(target);
    if (!revision) throw notFound('missing');
    if (!asked && revision.deleted) throw notFound('deleted');
    reply.header('etag', `"${revision.rev}"`);
    return renderDocument(storage, state, revision, options);
  };

  const putDocument = async (request: FastifyRequest, reply: FastifyReply) => {
    const access = await open(request);
    const id = checkDocId(docIdOf(request.params as DocParams));
    const newEdits = boolParam(request.query as Query, 'new_edits', true);
    const rev = revOf(request);
    const write = parseIncoming(objectBody(request.body), { id, ...(rev ? { rev } : {}), requireRev: !newEdits });
    return writeOne(access, write, newEdits, reply, 201);
  };

  const deleteDocument = async (request: FastifyRequest, reply: FastifyReply) => {
    const access = await open(request);
    const id = checkDocId(docIdOf(request.params as DocParams));
    const rev = revOf(request);
    if (!rev) throw conflict();
    return writeOne(access, { id, rev, deleted: true, body: {}, attachments: {} }, true, reply, 200);
  };

  for (const path of ['/:db/:id', '/:db/_design/:ddoc']) {
    app.get(path, getDocument);
    app.put(path, putDocument);
    app.delete(path, deleteDocument);
  }

  registerLocalRoutes(app, deps);

  // Attachments take raw bytes of any type: their routes get their own body parser.
  app.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    const attachmentTarget = async (request: FastifyRequest) => {
      const access = await open(request);
      const params = request.params as DocParams;
      const name = params['*'] ?? '';
      if (!name || name.startsWith('_')) throw badRequest('Attachment name must not be empty or start with underscore');
      return { access, id: checkDocId(docIdOf(params)), name };
    };

    const getAttachment = async (request: FastifyRequest, reply: FastifyReply) => {
      const { access, id, name } = await attachmentTarget(request);
      const state = await readableState(access, id);
      const rev = stringParam(request.query as Query, 'rev') ?? state.winner.rev;
      const revision = (await storage.getRevisions(access.db, id, [rev])).get(rev);
      if (!revision || (revision.deleted && rev === state.winner.rev)) throw notFound(revision ? 'deleted' : 'missing');
      const info = revision.attachments[name];
      const data = info ? await storage.getAttachment(info.digest) : null;
      if (!info || !data) throw notFound('Document is missing attachment');
      return reply.header('content-type', info.content_type).header('etag', `"${info.digest}"`).send(data);
    };

    /** A new revision of the document with one attachment added, replaced or removed. */
    const editAttachment = async (request: FastifyRequest, reply: FastifyReply, data: Buffer | null) => {
      const { access, id, name } = await attachmentTarget(request);
      const rev = revOf(request);
      let base: StoredRevision | null = null;
      if (rev) {
        const state = await readableState(access, id);
        base = (await storage.getRevisions(access.db, id, [rev])).get(rev) ?? null;
        if (!base || !new RevTree(state.tree).isLeaf(rev)) throw conflict();
      }
      const attachments: Record<string, AttachmentInput> = {};
      for (const [existing, info] of Object.entries(base?.attachments ?? {})) attachments[existing] = { kind: 'stub', digest: info.digest };
      if (data) {
        attachments[name] = { kind: 'data', contentType: request.headers['content-type'] ?? 'application/octet-stream', data };
      } else {
        if (!attachments[name]) throw notFound('Document is missing attachment');
        delete attachments[name];
      }
      const write: DocumentWrite = { id, ...(rev ? { rev } : {}), deleted: false, body: base?.body ?? {}, attachments };
      return writeOne(access, write, true, reply, data ? 201 : 200);
    };

    for (const path of ['/:db/:id/*', '/:db/_design/:ddoc/*']) {
      child.get(path, getAttachment);
      child.put(path, (request, reply) => editAttachment(request, reply, Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)));
      child.delete(path, (request, reply) => editAttachment(request, reply, null));
    }
  });
}

/** `_local` documents (replication checkpoints), kept apart per user: one user never reads another's. */
function registerLocalRoutes(app: FastifyInstance, deps: AppDependencies): void {
  const { storage } = deps;
  const target = async (request: FastifyRequest) => {
    const params = request.params as { db: string; id: string };
    const access = await openDatabase(deps, request, params.db);
    if (!params.id) throw badRequest('Document id must not be empty', 'illegal_docid');
    return { access, id: params.id, owner: access.principal.name };
  };

  app.get('/:db/_local/:id', async (request) => {
    const { access, id, owner } = await target(request);
    const doc = await storage.getLocal(access.db, owner, id);
    if (!doc) throw notFound('missing');
    return { _id: `_local/${id}`, _rev: doc.rev, ...doc.body };
  });

  app.put('/:db/_local/:id', async (request, reply) => {
    const { access, id, owner } = await target(request);
    const raw = objectBody(request.body);
    const body = Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('_')));
    const previous = typeof raw._rev === 'string' ? raw._rev : (stringParam(request.query as Query, 'rev') ?? null);
    const rev = await storage.putLocal(access.db, owner, id, previous, body);
    if (!rev) throw conflict();
    return reply.code(201).send({ ok: true, id: `_local/${id}`, rev });
  });

  app.delete('/:db/_local/:id', async (request) => {
    const { access, id, owner } = await target(request);
    const rev = stringParam(request.query as Query, 'rev') ?? request.headers['if-match']?.replaceAll('"', '');
    if (!(await storage.getLocal(access.db, owner, id))) throw notFound('missing');
    if (!rev || !(await storage.deleteLocal(access.db, owner, id, rev))) throw conflict();
    return { ok: true, id: `_local/${id}`, rev: '0-0' };
  });
}
