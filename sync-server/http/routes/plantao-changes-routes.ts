import type { FastifyInstance } from 'fastify';
import { DATABASE_NAMES, type DatabaseName, type PlantaoChangesResponse, PlantaoChangesSinceSchema } from '../../../shared/schemas';
import { isReadable, type ReadScope, type Storage } from '../../storage/storage';
import { type AppDependencies, requirePrincipal } from '../context';
import { badRequest } from '../errors';
import { intParam, jsonParam, type Query } from '../params';
import type { SequenceCodec } from '../sequence-codec';
import { parseSince } from './changes-routes';

const DEFAULT_TIMEOUT_MS = 60_000;

interface Watched {
  db: DatabaseName;
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

  async get(db: string, scope: ReadScope): Promise<number> {
    // The database's own row: cheap, and tells a database deleted and created again from the one cached.
    const info = await this.storage.databaseInfo(db, 'all');
    if (!info) return 0;
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

/**
 * `GET /_plantao/changes?since={db: seq}&timeout=ms`: one long-poll for every database a console replicates
 * (browsers allow six connections per host). Answers at once when a database has a change the caller may
 * read past its `since` (absent: `now`), else when one lands or at the timeout. `seqs` are each database's
 * last readable sequence, as `GET /{db}` reports it; which documents changed is for `_changes` to say.
 */
export function registerPlantaoChangesRoutes(app: FastifyInstance, deps: AppDependencies, sequences: SequenceCodec, shutdown: AbortSignal): void {
  const { storage, policy } = deps;
  const readableSeqs = new ReadableSeqs(storage, shutdown);

  app.get('/_plantao/changes', async (request, reply): Promise<PlantaoChangesResponse> => {
    const principal = requirePrincipal(request);
    const query = request.query as Query;
    const parsed = PlantaoChangesSinceSchema.safeParse(jsonParam(query, 'since') ?? {});
    if (!parsed.success) throw badRequest('`since` must be a JSON object of database names to sequences.');
    const timeoutMs = intParam(query, 'timeout') ?? DEFAULT_TIMEOUT_MS;
    const existing = new Set(await storage.listDatabases());
    const watched: Watched[] = [];
    for (const db of DATABASE_NAMES) {
      if (!existing.has(db) || !policy.canAccessDatabase(principal, db)) continue;
      const given = parsed.data[db];
      const since = await parseSince(given === undefined ? 'now' : String(given), storage, db, sequences);
      watched.push({ db, since, scope: await policy.readableScopes(principal, db, storage) });
    }

    const answer = async (): Promise<PlantaoChangesResponse> => {
      const response: PlantaoChangesResponse = { seqs: {}, changed: [] };
      for (const { db, scope, since } of watched) {
        const seq = await readableSeqs.get(db, scope);
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
