import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../../auth/http-error';
import { type AppDependencies, checkDatabaseName, openDatabase, requireServerAdmin } from '../context';
import { missingDatabase, statusOfWriteError } from '../errors';
import { parseIncoming } from '../incoming';
import { boolParam, objectBody, type Query } from '../params';
import type { SequenceCodec } from '../sequence-codec';

type DbParams = { db: string };

export function registerDatabaseRoutes(app: FastifyInstance, deps: AppDependencies, sequences: SequenceCodec): void {
  const { storage } = deps;
  const open = (request: FastifyRequest) => openDatabase(deps, request, (request.params as DbParams).db);

  app.put('/:db', async (request, reply) => {
    requireServerAdmin(request);
    const db = checkDatabaseName((request.params as DbParams).db);
    if (!(await storage.createDatabase(db))) {
      throw new HttpError(412, 'file_exists', 'The database could not be created, the file already exists.');
    }
    return reply.code(201).send({ ok: true });
  });

  app.delete('/:db', async (request) => {
    requireServerAdmin(request);
    const db = checkDatabaseName((request.params as DbParams).db);
    if (!(await storage.deleteDatabase(db))) throw missingDatabase();
    return { ok: true };
  });

  // Counts and the update sequence are of the documents the user may read: they must not reveal what they cannot see.
  app.get('/:db', async (request) => {
    const access = await open(request);
    const info = await storage.databaseInfo(access.db, await access.scope());
    if (!info) throw missingDatabase();
    return {
      db_name: info.name,
      update_seq: sequences.encode(info.updateSeq),
      purge_seq: '0',
      doc_count: info.docCount,
      doc_del_count: info.docDelCount,
      compact_running: false,
      disk_format_version: 8,
      sizes: { file: 0, external: 0, active: 0 },
      props: {},
      cluster: { q: 1, n: 1, w: 1, r: 1 },
      instance_start_time: '0',
    };
  });

  app.post('/:db', async (request, reply) => {
    const access = await open(request);
    const raw = objectBody(request.body);
    const write = parseIncoming(raw, raw._id === undefined ? { id: randomUUID().replaceAll('-', '') } : {});
    const [result] = await storage.bulkWrite(access.db, [write], access.writeOptions(true));
    if (!result) throw new Error('write returned no row');
    if ('error' in result) throw new HttpError(statusOfWriteError(result.error), result.error, result.reason);
    return reply.code(201).header('location', `/${access.db}/${encodeURIComponent(result.id)}`).send(result);
  });

  app.post('/:db/_ensure_full_commit', async (request, reply) => {
    await open(request);
    // Every acknowledged write is already on disk (synchronous=FULL).
    return reply.code(201).send({ ok: true, instance_start_time: '0' });
  });

  app.post('/:db/_bulk_docs', async (request, reply) => {
    const access = await open(request);
    const body = objectBody(request.body);
    if (!Array.isArray(body.docs)) throw new HttpError(400, 'bad_request', '`docs` parameter must be an array.');
    if (body.new_edits !== undefined && typeof body.new_edits !== 'boolean') {
      throw new HttpError(400, 'bad_request', '`new_edits` parameter must be a boolean.');
    }
    const newEdits = body.new_edits ?? boolParam(request.query as Query, 'new_edits', true);
    const writes = body.docs.map((doc: unknown) =>
      parseIncoming(doc, {
        ...(newEdits && (typeof doc !== 'object' || doc === null || !('_id' in doc)) ? { id: randomUUID().replaceAll('-', '') } : {}),
        requireRev: !newEdits,
      }),
    );
    return reply.code(201).send(await storage.bulkWrite(access.db, writes, access.writeOptions(newEdits)));
  });
}
