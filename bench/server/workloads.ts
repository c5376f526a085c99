import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getFetchWithCouchDBAuthorization, replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { collectionSchemaOf, type StoredDocument } from '../../renderer/data/collection-schemas';
import { ADMIN_PASSWORD, type BenchServer } from './servers';

export const DB = 'requests';

class HttpFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function call(server: BenchServer, path: string, init: RequestInit & { body?: string } = {}): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (server.authorization) headers.authorization = server.authorization;
  const response = await fetch(`${server.url}${path}`, { ...init, headers });
  const text = await response.text();
  if (!response.ok) throw new HttpFailure(`${server.name} ${init.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 300)}`, response.status);
  return JSON.parse(text) as unknown;
}

/** Creates the database, or accepts one the server made at start-up as long as it is empty. */
export async function createDatabase(server: BenchServer): Promise<void> {
  try {
    await call(server, `/${DB}`, { method: 'PUT' });
  } catch (error) {
    if (!(error instanceof HttpFailure && error.status === 412)) throw error;
    const info = (await call(server, `/${DB}`)) as { doc_count: number; doc_del_count: number };
    if (info.doc_count + info.doc_del_count > 0) throw new Error(`${server.name}: database ${DB} is not empty at start`, { cause: error });
  }
}

/** Sequential `_bulk_docs` of pre-serialized batches (serializing is not the server's work); every row must be ok. */
export async function bulkLoad(server: BenchServer, bodies: readonly string[]): Promise<number> {
  let written = 0;
  for (const body of bodies) {
    const rows = (await call(server, `/${DB}/_bulk_docs`, { method: 'POST', body })) as { ok?: boolean; error?: string; id: string }[];
    const failed = rows.find((row) => !row.ok);
    if (failed) throw new Error(`${server.name} refused ${failed.id}: ${failed.error}`);
    written += rows.length;
  }
  return written;
}

/** `_changes?include_docs=true` paged by `limit`, each page from the previous `last_seq`, as a replicator reads. */
export async function readChanges(server: BenchServer, limit: number): Promise<number> {
  let since: string | number = 0;
  let seen = 0;
  for (;;) {
    const page = (await call(server, `/${DB}/_changes?include_docs=true&limit=${limit}&since=${encodeURIComponent(String(since))}`)) as {
      results: { doc?: unknown }[];
      last_seq: string | number;
    };
    seen += page.results.filter((row) => row.doc).length;
    since = page.last_seq;
    if (page.results.length < limit) return seen;
  }
}

/** The console's own collection schema, without at-rest encryption (a plugin the benchmark leaves out). */
const requestSchema: RxJsonSchema<StoredDocument> = { ...collectionSchemaOf(DB), encrypted: [] };

/** A fresh RxDB client (memory storage, no dev-mode) pulls the whole database once; resolves the local count. */
export async function rxdbPull(server: BenchServer, batchSize: number, name: string): Promise<number> {
  const database = await createRxDatabase({ name, storage: getRxStorageMemory(), multiInstance: false });
  try {
    const { requests } = await database.addCollections({ requests: { schema: requestSchema } });
    const replication = replicateCouchDB<StoredDocument>({
      replicationIdentifier: `bench-${name}`,
      collection: requests,
      url: `${server.url}/${DB}/`,
      ...(server.authorization ? { fetch: getFetchWithCouchDBAuthorization('admin', ADMIN_PASSWORD) } : {}),
      live: false,
      pull: { batchSize },
    });
    // RxDB retries failed pulls forever: the first error ends the run instead.
    const failed = new Promise<never>((_resolve, reject) => {
      replication.error$.subscribe((error) => reject(new Error(`${server.name} RxDB pull failed: ${error.message}`)));
    });
    try {
      await Promise.race([replication.awaitInitialReplication(), failed]);
    } finally {
      await replication.cancel();
    }
    return await requests.count().exec();
  } finally {
    await database.close();
  }
}
