/**
 * Lightweight consoles for the write→visible benchmark, run in their own process (so their work does not
 * share the server's event loop): each logs in with its own session and runs the console's real change
 * watcher (renderer/sync/change-watcher.ts, `_plantao/changes` long-poll or its `update_seq` polling
 * fallback); when a database changes it sends the replication's pull request (`_changes`, limit 200,
 * include_docs) and parses it with the shared schema, without a local store.
 * Args: JSON `{ url, name, password, count }`. Prints `ready` once all are watching; stops on SIGTERM.
 */
import { ChangesResponseSchema, DATABASE_NAMES, DatabaseInfoSchema, type CouchSeq, type DatabaseName } from '../../shared/schemas';
import { watchServerChanges } from '../../renderer/sync/change-watcher';
import { ServerClient } from '../../renderer/sync/server-client';
import type { z } from 'zod';

const { url, name, password, count } = JSON.parse(process.argv[2] ?? '{}') as { url: string; name: string; password: string; count: number };

/** Node's fetch keeps no cookies: the session cookie goes on every request by hand. */
class CookieClient extends ServerClient {
  constructor(
    baseUrl: string,
    private readonly cookie: string,
  ) {
    super(baseUrl);
  }

  override request<T extends z.ZodType>(path: string, schema: T, init: RequestInit & { json?: unknown } = {}): Promise<z.infer<T>> {
    return super.request(path, schema, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), cookie: this.cookie } });
  }
}

async function logIn(): Promise<string> {
  const response = await fetch(`${url}/_session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`login failed: ${response.status}`);
  return cookie;
}

/** One controller per client: a shared signal would collect every client's fetch listeners. */
const controllers: AbortController[] = [];
let pulls = 0;
let pulledDocs = 0;

async function startClient(): Promise<void> {
  const abort = new AbortController();
  controllers.push(abort);
  const client = new CookieClient(url, await logIn());
  // A console that finished its initial sync: the checkpoint is each database's current sequence.
  const checkpoints = new Map<DatabaseName, CouchSeq>();
  const readable: DatabaseName[] = [];
  for (const db of DATABASE_NAMES) {
    try {
      checkpoints.set(db, (await client.request(db, DatabaseInfoSchema)).update_seq);
      readable.push(db);
    } catch {
      // not readable for this officer: the console skips it too
    }
  }
  const running = new Set<DatabaseName>();
  const again = new Set<DatabaseName>();
  const pull = async (db: DatabaseName): Promise<void> => {
    if (running.has(db)) return void again.add(db);
    running.add(db);
    try {
      for (;;) {
        const since = encodeURIComponent(String(checkpoints.get(db) ?? 0));
        const changes = await client.request(`${db}/_changes?feed=normal&style=all_docs&include_docs=true&since=${since}&limit=200`, ChangesResponseSchema, {
          signal: abort.signal,
        });
        pulls += 1;
        pulledDocs += changes.results.length;
        checkpoints.set(db, changes.last_seq);
        if (changes.results.length < 200 && !again.delete(db)) break;
      }
    } catch {
      // the watcher reports the next change again
    } finally {
      running.delete(db);
    }
  };
  void watchServerChanges({ client, databases: readable, signal: abort.signal, onChanged: (db) => void pull(db) });
}

async function main(): Promise<void> {
  for (let index = 0; index < count; index += 1) await startClient();
  console.log('ready');
}

process.once('SIGTERM', () => {
  controllers.forEach((controller) => controller.abort());
  console.log(`pulls ${pulls} docs ${pulledDocs}`);
  process.exit(0);
});

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
