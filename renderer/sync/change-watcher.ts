import {
  DatabaseInfoSchema,
  PlantaoChangesResponseSchema,
  type CouchSeq,
  type DatabaseName,
  type PlantaoChangesSince,
} from '../../shared/schemas';
import { Backoff } from './backoff';
import { ServerRequestError, type ServerClient } from './server-client';

export interface WatchOptions {
  client: ServerClient;
  databases: readonly DatabaseName[];
  /** Called when a database has changes the console has not pulled yet. */
  onChanged: (db: DatabaseName) => void;
  signal: AbortSignal;
  /** Pause between two polling rounds when the multiplexed endpoint is missing. */
  pollMs?: number;
  longPollTimeoutMs?: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * One loop watches every database over a single connection (browsers allow six per host, and a console
 * replicates eleven databases). It long-polls `GET /_plantao/changes`; on a server without it, it polls
 * each database's `update_seq`, two at a time. Either way it only says *which* database changed: the replication
 * then pulls it with `_changes`.
 */
export async function watchServerChanges(options: WatchOptions): Promise<void> {
  const { client, databases, onChanged, signal } = options;
  const seqs: PlantaoChangesSince = {};
  const backoff = new Backoff({ baseMs: 500, maxMs: 8_000 });
  const blocked = new Set<DatabaseName>();
  let multiplexed = true;
  let answered = false;

  const observe = (db: DatabaseName, seq: CouchSeq) => {
    const known = seqs[db];
    seqs[db] = seq;
    if (known === undefined || String(known) !== String(seq)) onChanged(db);
  };

  /** Two requests at a time: a round is quick, and the browser keeps connections free for pulls and pushes. */
  const pollRound = async () => {
    const queue = databases.filter((db) => !blocked.has(db));
    const worker = async () => {
      for (let db = queue.shift(); db !== undefined && !signal.aborted; db = queue.shift()) {
        try {
          observe(db, (await client.request(db, DatabaseInfoSchema, { signal })).update_seq);
        } catch (error) {
          if (!(error instanceof ServerRequestError) || error.kind !== 'refused') throw error;
          blocked.add(db);
        }
      }
    };
    await Promise.all([worker(), worker()]);
  };

  while (!signal.aborted) {
    try {
      if (multiplexed) {
        // The first answer comes at once: it tells every database's sequence, and each is pulled once more in
        // case it changed before the watch began. Waiting for it instead made the first change after a long
        // first download re-pull every database, the changed one queued behind the ten others.
        const timeout = answered ? (options.longPollTimeoutMs ?? 25_000) : 0;
        const since = encodeURIComponent(JSON.stringify(seqs));
        const answer = await client.request(`_plantao/changes?since=${since}&timeout=${timeout}`, PlantaoChangesResponseSchema, { signal });
        for (const [db, seq] of Object.entries(answer.seqs) as Array<[DatabaseName, CouchSeq]>) observe(db, seq);
        answered = true;
      } else {
        await pollRound();
        await sleep(options.pollMs ?? 300, signal);
      }
      backoff.succeed();
    } catch (error) {
      if (signal.aborted) return;
      // Not found or not understood (4xx other than 401): this server has no multiplexed endpoint.
      if (multiplexed && error instanceof ServerRequestError && error.kind === 'refused') {
        multiplexed = false;
        continue;
      }
      await sleep(backoff.fail(), signal);
    }
  }
}
