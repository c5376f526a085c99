import type { FastifyInstance } from 'fastify';
import { DATABASE_NAMES, type DatabaseName, type PlantaoChangesResponse, PlantaoChangesSinceSchema } from '../../../shared/schemas';
import { type DatabaseInfo, isReadable, type ReadScope, type Storage } from '../../storage/storage';
import { lookupsOfOneRequest } from '../../policy/access-policy';
import { type AppDependencies, requirePrincipal } from '../context';
import { badRequest } from '../errors';
import { intParam, jsonParam, type Query } from '../params';
import type { SequenceCodec } from '../sequence-codec';

const DEFAULT_TIMEOUT_MS = 60_000;

interface Watched {
  db: DatabaseName;
  info: DatabaseInfo;
  scope: ReadScope;
  since: number;
}

/**
 * Each database's last sequence a reader's scope can see, kept current from the write feed. Under a scope
 * `databaseInfo` also counts the reader's documents, O(documents): read once per database and scope here,
 * not by every waiting console on every write (50 consoles × 11 databases per write before).
 */
class ReadableSeqs {
  private readonly databases = new Map<string, { createdAt: number; byScope: Map<string, { scope: ReadScope; seq: number }>; unsubscribe: () => void }>();

  constructor(
    private readonly storage: Storage,
    shutdown: AbortSignal,
  ) {
    shutdown.addEventListener('abort', () => {
      for (const entry of this.databases.values()) entry.unsubscribe();
      this.databases.clear();
    });
  }

  /** `info`: the database's own row (scope `all`), which tells a database deleted and created again from the one cached. */
  async get(db: string, scope: ReadScope, info: DatabaseInfo): Promise<number> {
    let entry = this.databases.get(db);
    if (!entry || entry.createdAt !== info.createdAt) {
      entry?.unsubscribe();
      const byScope = new Map<string, { scope: ReadScope; seq: number }>();
      const unsubscribe = this.storage.subscribe(db, (seq, tags) => {
        for (const known of byScope.values()) if (seq > known.seq && isReadable(tags, known.scope)) known.seq = seq;
      });
      entry = { createdAt: info.createdAt, byScope, unsubscribe };
      this.databases.set(db, entry);
    }
    const key = scope === 'all' ? 'all' : JSON.stringify([...scope].sort());
    let known = entry.byScope.get(key);
    if (!known) {
      // Listed (and so kept current) before the read: a write landing meanwhile is not lost.
      known = { scope, seq: 0 };
      entry.byScope.set(key, known);
      known.seq = Math.max(known.seq, (await this.storage.databaseInfo(db, scope))?.updateSeq ?? 0);
    }
    return known.seq;
  }
}

/** Sequence tokens are an HMAC each: every waiting console asks about the same few, over and over. */
function memoizedCodec(sequences: SequenceCodec, limit = 10_000): SequenceCodec {
  const encoded = new Map<number, string>();
  const decoded = new Map<string, number | null>();
  const remember = <K, V>(map: Map<K, V>, key: K, value: V): V => {
    if (map.size >= limit) map.clear();
    map.set(key, value);
    return value;
  };
  return {
    encode: (seq) => encoded.get(seq) ?? remember(encoded, seq, sequences.encode(seq)),
    decode: (token) => (decoded.has(token) ? decoded.get(token)! : remember(decoded, token, sequences.decode(token))),
  };
}

/** `since` as `_changes` reads it (changes-routes.ts `parseSince`), against the database's sequence already read. */
function sinceOf(given: string | number | undefined, current: number, sequences: SequenceCodec): number {
  // Absent: from now on.
  if (given === undefined || given === 'now') return current;
  if (given === '' || String(given) === '0') return 0;
  const seq = sequences.decode(String(given));
  if (seq === null || seq > current) throw badRequest("Malformed sequence supplied in 'since' parameter.");
  return seq;
}

/**
 * `GET /_plantao/changes?since={db: seq}&timeout=ms`: one long-poll for every database a console replicates
 * (browsers allow six connections per host). Answers at once when a database has a change the caller may
 * read past its `since` (absent: `now`), else when one lands or at the timeout. `seqs` are each database's
 * last readable sequence, as `GET /{db}` reports it; which documents changed is for `_changes` to say.
 */
export function registerPlantaoChangesRoutes(app: FastifyInstance, deps: AppDependencies, codec: SequenceCodec, shutdown: AbortSignal): void {
  const { storage, policy } = deps;
  const sequences = memoizedCodec(codec);
  const readableSeqs = new ReadableSeqs(storage, shutdown);

  app.get('/_plantao/changes', async (request, reply): Promise<PlantaoChangesResponse> => {
    const principal = requirePrincipal(request);
    const query = request.query as Query;
    const parsed = PlantaoChangesSinceSchema.safeParse(jsonParam(query, 'since') ?? {});
    if (!parsed.success) throw badRequest('`since` must be a JSON object of database names to sequences.');
    const timeoutMs = intParam(query, 'timeout') ?? DEFAULT_TIMEOUT_MS;
    const existing = new Set(await storage.listDatabases());
    const lookups = lookupsOfOneRequest(storage);
    const watched: Watched[] = [];
    for (const db of DATABASE_NAMES) {
      if (!existing.has(db) || !policy.canAccessDatabase(principal, db)) continue;
      const info = await storage.databaseInfo(db, 'all');
      if (!info) continue;
      watched.push({ db, info, since: sinceOf(parsed.data[db], info.updateSeq, sequences), scope: await policy.readableScopes(principal, db, lookups) });
    }

    const answer = async (): Promise<PlantaoChangesResponse> => {
      const response: PlantaoChangesResponse = { seqs: {}, changed: [] };
      for (const { db, scope, since, info } of watched) {
        const seq = await readableSeqs.get(db, scope, info);
        response.seqs[db] = sequences.encode(seq);
        if (seq > since) response.changed.push(db);
      }
      return response;
    };

    // Subscribed before the first read, so that no write falls between the read and the wait.
    const stop = new AbortController();
    let wake: (() => void) | null = null;
    let readableWrites = 0;
    const onWrite = (scope: ReadScope) => (_seq: number, tags: readonly string[]) => {
      if (!isReadable(tags, scope)) return;
      readableWrites += 1;
      wake?.();
    };
    const unsubscribes = watched.map(({ db, scope }) => storage.subscribe(db, onWrite(scope)));
    const end = (): void => stop.abort();
    const timer = setTimeout(end, timeoutMs);
    shutdown.addEventListener('abort', end);
    reply.raw.on('close', end);
    try {
      for (;;) {
        const seen = readableWrites;
        const response = await answer();
        if (response.changed.length > 0 || stop.signal.aborted) return response;
        if (readableWrites === seen) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            stop.signal.addEventListener('abort', () => resolve(), { once: true });
          });
          wake = null;
        }
      }
    } finally {
      clearTimeout(timer);
      shutdown.removeEventListener('abort', end);
      reply.raw.off('close', end);
      for (const unsubscribe of unsubscribes) unsubscribe();
    }
  });
}
