import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ChangeRow, type ChangesPage, isReadable, type ReadScope, type Storage } from '../../storage/storage';
import { type AppDependencies, type DatabaseAccess, openDatabase } from '../context';
import { badRequest } from '../errors';
import { boolParam, intParam, isStringArray, jsonParam, objectBody, type Query, stringParam } from '../params';
import { joinPieces, type JsonPiece, renderDocument, spliceDocument } from '../render';
import type { SequenceCodec } from '../sequence-codec';
import { ChangesReadAhead, type PreparedPage } from './changes-read-ahead';

const FEEDS = ['normal', 'longpoll', 'continuous', 'eventsource'] as const;
type Feed = (typeof FEEDS)[number];
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_HEARTBEAT_MS = 60_000;

interface ChangesRequest {
  access: DatabaseAccess;
  feed: Feed;
  since: number;
  limit: number | null;
  descending: boolean;
  includeDocs: boolean;
  allLeaves: boolean;
  conflicts: boolean;
  attachments: boolean;
  docIds: string[] | null;
  /** Rows carry a sequence only every this many (and the last), as in CouchDB; the others `null`. */
  seqInterval: number | null;
  heartbeatMs: number | null;
  timeoutMs: number | null;
}

/** The database's own sequence (every write, whoever may read it): for `now` and for waking live feeds. */
async function databaseSeq(storage: Storage, db: string): Promise<number> {
  return (await storage.databaseInfo(db, 'all'))?.updateSeq ?? 0;
}

/**
 * `since`: `0`, `now`, or a sequence this server handed out. A plain number other than 0 is refused: it
 * would let a reader probe the integer sequences behind the opaque ones and count others' writes. A token
 * past the database's sequence was not issued for it (forged, or from a deleted database of that name).
 */
export async function parseSince(value: string | undefined, storage: Storage, db: string, sequences: SequenceCodec): Promise<number> {
  if (value === undefined || value === '' || value === '0') return 0;
  const current = await databaseSeq(storage, db);
  if (value === 'now') return current;
  const seq = sequences.decode(value);
  if (seq === null || seq > current) throw badRequest("Malformed sequence supplied in 'since' parameter.");
  return seq;
}

async function parseRequest(request: FastifyRequest, deps: AppDependencies, sequences: SequenceCodec): Promise<ChangesRequest> {
  const access = await openDatabase(deps, request, (request.params as { db: string }).db);
  const query = request.query as Query;
  const body = request.method === 'POST' && request.body !== undefined ? objectBody(request.body) : {};
  const feed = (stringParam(query, 'feed') ?? 'normal') as Feed;
  if (!FEEDS.includes(feed)) throw badRequest(`Supported feeds are ${FEEDS.join(', ')}`);
  const style = stringParam(query, 'style') ?? 'main_only';
  if (style !== 'main_only' && style !== 'all_docs') throw badRequest('Supported `style` values are main_only and all_docs');
  const filter = stringParam(query, 'filter');
  let docIds: string[] | null = null;
  if (filter !== undefined) {
    if (filter !== '_doc_ids') throw badRequest('Only the _doc_ids filter is supported');
    const ids = body.doc_ids ?? jsonParam(query, 'doc_ids');
    if (!isStringArray(ids)) throw badRequest('filter=_doc_ids needs `doc_ids`, an array of strings');
    docIds = ids;
  }
  const heartbeat = stringParam(query, 'heartbeat');
  const heartbeatMs = heartbeat === 'true' ? DEFAULT_HEARTBEAT_MS : heartbeat === 'false' ? null : intParam(query, 'heartbeat');
  const timeout = intParam(query, 'timeout');
  const seqInterval = intParam(query, 'seq_interval');
  const limit = intParam(query, 'limit');
  return {
    access,
    feed,
    since: await parseSince(stringParam(query, 'since'), deps.storage, access.db, sequences),
    limit: limit === null ? null : Math.max(1, limit),
    descending: boolParam(query, 'descending'),
    includeDocs: boolParam(query, 'include_docs'),
    allLeaves: style === 'all_docs',
    conflicts: boolParam(query, 'conflicts'),
    attachments: boolParam(query, 'attachments'),
    docIds,
    seqInterval: seqInterval !== null && seqInterval > 1 ? seqInterval : null,
    heartbeatMs: heartbeatMs && heartbeatMs > 0 ? heartbeatMs : null,
    // A heartbeat keeps a feed open until a change comes, as in CouchDB.
    timeoutMs: timeout ?? (heartbeatMs ? null : DEFAULT_TIMEOUT_MS),
  };
}

/**
 * `_changes`, normal and live. Live feeds wait on the storage's change notifications (one listener per open
 * feed, no polling) and end at their timeout, when the client goes, or when the server shuts down.
 */
export function registerChangesRoutes(app: FastifyInstance, deps: AppDependencies, sequences: SequenceCodec, shutdown: AbortSignal): void {
  const { storage } = deps;

  const fetchPage = async (changes: ChangesRequest, since: number, limit: number | null): Promise<ChangesPage> =>
    storage.changes(changes.access.db, {
      since,
      limit,
      descending: changes.descending,
      scope: await changes.access.scope(),
      docIds: changes.docIds,
      includeDocs: changes.includeDocs,
    });

  /** One result row as JSON pieces; the document's stored body is spliced in when it can be. */
  const rowPieces = async (changes: ChangesRequest, row: ChangeRow, withSeq: boolean): Promise<JsonPiece[]> => {
    const { state } = row;
    const revs = changes.allLeaves ? state.leaves : [state.winner];
    const seq = withSeq ? JSON.stringify(sequences.encode(row.seq)) : 'null';
    let text = `{"seq":${seq},"id":${JSON.stringify(state.id)},"changes":[${revs.map((leaf) => `{"rev":${JSON.stringify(leaf.rev)}}`).join(',')}]`;
    if (state.winner.deleted) text += ',"deleted":true';
    if (!changes.includeDocs) return [`${text}}`];
    if (!row.doc) return [`${text},"doc":null}`];
    const options = { conflicts: changes.conflicts, attachments: changes.attachments };
    const doc = spliceDocument(state, row.doc, options) ?? [JSON.stringify(await renderDocument(storage, state, row.doc, options))];
    return [`${text},"doc":`, ...doc, '}'];
  };

  /** A normal or longpoll reply: `{results, last_seq}` as UTF-8 JSON. */
  const pageBytes = async (changes: ChangesRequest, page: ChangesPage): Promise<Buffer> => {
    const interval = changes.seqInterval;
    const last = page.rows.length - 1;
    const rows = await Promise.all(
      page.rows.map((row, index) => rowPieces(changes, row, interval === null || index === last || (index + 1) % interval === 0)),
    );
    const pieces: JsonPiece[] = ['{"results":[\n'];
    rows.forEach((row, index) => pieces.push(...(index > 0 ? [',\n'] : []), ...row));
    pieces.push(`\n],\n"last_seq":${JSON.stringify(sequences.encode(page.lastSeq))}}\n`);
    return joinPieces(pieces);
  };

  /**
   * Resolves true when a change readable under `scope` lands past `since`, false on timeout or abort. Writes
   * the reader cannot see do not wake the feed (they would only re-run its query for nothing).
   */
  const waitForChange = (db: string, since: number, scope: ReadScope, timeoutMs: number | null, signal: AbortSignal): Promise<boolean> =>
    new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (changed: boolean): void => {
        unsubscribe();
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(changed);
      };
      const onAbort = (): void => finish(false);
      const unsubscribe = storage.subscribe(db, (seq, tags) => {
        if (seq > since && isReadable(tags, scope)) finish(true);
      });
      if (signal.aborted) return finish(false);
      signal.addEventListener('abort', onAbort);
      if (timeoutMs !== null) timer = setTimeout(() => finish(false), timeoutMs);
      // A write may have landed between the last read and the subscription.
      void storage.databaseInfo(db, scope).then(
        (info) => (info?.updateSeq ?? 0) > since && finish(true),
        () => finish(false),
      );
    });

  const live = async (request: FastifyRequest, reply: FastifyReply, changes: ChangesRequest): Promise<void> => {
    const { db } = changes.access;
    const stop = new AbortController();
    const abort = (): void => stop.abort();
    shutdown.addEventListener('abort', abort);
    reply.hijack();
    const raw = reply.raw;
    raw.on('close', abort);
    raw.writeHead(200, {
      ...(reply.getHeaders() as OutgoingHttpHeaders),
      'content-type': changes.feed === 'eventsource' ? 'text/event-stream' : 'application/json',
      'cache-control': 'must-revalidate',
    });
    const heartbeat = changes.heartbeatMs
      ? setInterval(() => raw.write(changes.feed === 'eventsource' ? 'event: heartbeat\ndata: \n\n' : '\n'), changes.heartbeatMs)
      : undefined;
    try {
      let since = changes.since;
      if (changes.feed === 'longpoll') {
        let page = await fetchPage(changes, since, changes.limit);
        while (page.rows.length === 0 && !stop.signal.aborted) {
          if (!(await waitForChange(db, page.lastSeq, await changes.access.scope(), changes.timeoutMs, stop.signal))) break;
          page = await fetchPage(changes, page.lastSeq, changes.limit);
        }
        raw.end(await pageBytes(changes, page));
        return;
      }
      let remaining = changes.limit;
      while (!stop.signal.aborted) {
        const page = await fetchPage(changes, since, remaining);
        for (const row of page.rows) {
          const json = await rowPieces(changes, row, true);
          raw.write(joinPieces(changes.feed === 'eventsource' ? ['data: ', ...json, `\nid: ${sequences.encode(row.seq)}\n\n`] : [...json, '\n']));
        }
        since = page.lastSeq;
        if (remaining !== null && (remaining -= page.rows.length) <= 0) break;
        if (!(await waitForChange(db, since, await changes.access.scope(), changes.timeoutMs, stop.signal))) break;
      }
      if (changes.feed === 'continuous') raw.write(JSON.stringify({ last_seq: sequences.encode(since), pending: 0 }) + '\n');
      raw.end();
    } catch (error) {
      request.log.warn({ err: error }, 'changes feed ended by an error');
      raw.end();
    } finally {
      clearInterval(heartbeat);
      shutdown.removeEventListener('abort', abort);
    }
  };

  const readAhead = new ChangesReadAhead();
  /** Everything a normal reply depends on (see `ChangesReadAhead`); made before the page is read. */
  const pageKey = async (changes: ChangesRequest, since: number): Promise<string> => {
    const info = await storage.databaseInfo(changes.access.db, 'all');
    const { db } = changes.access;
    const options = [changes.limit, changes.descending, changes.includeDocs, changes.allLeaves, changes.conflicts, changes.attachments, changes.docIds, changes.seqInterval];
    return JSON.stringify([db, info?.createdAt, info?.updateSeq, await changes.access.scope(), since, options]);
  };
  const readPage = async (changes: ChangesRequest, since: number): Promise<PreparedPage> => {
    const page = await fetchPage(changes, since, changes.limit);
    return { bytes: await pageBytes(changes, page), lastSeq: page.lastSeq, full: changes.limit !== null && page.rows.length >= changes.limit };
  };
  /** A replicator reading page by page asks for the next one as soon as it has this one. */
  const readNextAhead = async (changes: ChangesRequest, page: PreparedPage): Promise<void> => {
    if (!page.full || changes.descending) return;
    const key = await pageKey(changes, page.lastSeq);
    readAhead.prepare(key, () => readPage(changes, page.lastSeq));
  };

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const changes = await parseRequest(request, deps, sequences);
    if (changes.feed !== 'normal') return live(request, reply, changes);
    const key = await pageKey(changes, changes.since);
    const page = (await readAhead.take(key)) ?? (await readPage(changes, changes.since));
    // Once this reply is handed to the socket: reading ahead blocks the event loop, which would hold its bytes back.
    reply.raw.once('finish', () => {
      readNextAhead(changes, page).catch((error: unknown) => request.log.warn({ err: error }, 'changes read-ahead failed'));
    });
    return reply.type('application/json; charset=utf-8').send(page.bytes);
  };
  app.get('/:db/_changes', handler);
  app.post('/:db/_changes', handler);
}
