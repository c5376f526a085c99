import type {
  BulkWriteRow,
  RxDocumentData,
  RxStorage,
  RxStorageBulkWriteResponse,
  RxStorageInstance,
  RxStorageInstanceCreationParams,
} from 'rxdb';
import { bulkInsertToState, getRxStorageMemory, type RxStorageInstanceMemory } from 'rxdb/plugins/storage-memory';
import type { PageLogPort } from './page-log';

type Doc = RxDocumentData<Record<string, unknown>>;
type AnyParams = RxStorageInstanceCreationParams<unknown, unknown>;

/** Documents per page of a compacted snapshot: about 1.5 MB of requests. */
const PAGE_DOCS = 1000;
/**
 * A collection's log is compacted once it holds this many records more than its pages (each record costs a
 * read at open; a compaction rewrites every live document)…
 */
const MAX_EXTRA_RECORDS = 1000;
/** …or more logged document states than twice its live documents (plus a page, for small collections). */
const MAX_LOGGED_PER_LIVE = 2;

export interface PagedOptions {
  /** Which collections (and replication metadata) live in memory and pages; the others go to the fallback. */
  isPaged(params: AnyParams): boolean;
  /** Opens a store's page log (renderer/data/page-log.ts), which seals every record whole with the store's key. */
  openLog(name: string): Promise<PageLogPort>;
}

/** One page log per store, shared by its paged collections and closed with the last of them. */
function logConnections(openLog: PagedOptions['openLog']) {
  const open = new Map<string, { log: Promise<PageLogPort>; users: number }>();
  return {
    acquire(databaseName: string): Promise<PageLogPort> {
      const entry = open.get(databaseName) ?? { log: openLog(`${databaseName}--pages`), users: 0 };
      entry.users += 1;
      open.set(databaseName, entry);
      return entry.log;
    },
    async release(databaseName: string): Promise<void> {
      const entry = open.get(databaseName);
      if (!entry || --entry.users > 0) return;
      open.delete(databaseName);
      (await entry.log).close();
    },
  };
}

/**
 * A paged collection: RxDB's memory storage answers every read and write, and each write is kept on disk
 * before it is acknowledged, as ONE sealed IndexedDB record holding the batch. Chromium's IndexedDB costs
 * ≈ 140 µs per record (bench:indexeddb), so a downloaded page of 1,000 requests and its replication metadata
 * cost two records instead of two thousand. The log is replayed at open and compacted into pages of the live
 * documents when it outgrows them.
 */
class PagedInstance {
  private seq = 0;
  private records = 0;
  private loggedDocs = 0;
  /** Appends and compactions commit one after another, in sequence order. */
  private persisting: Promise<unknown> = Promise.resolve();
  private compaction: Promise<void> | null = null;

  constructor(
    private readonly inner: RxStorageInstanceMemory<unknown>,
    private readonly log: PageLogPort,
    private readonly onClose: () => Promise<void>,
  ) {}

  get primaryPath(): string {
    return this.inner.primaryPath as string;
  }

  /** Replays the collection's records into the (empty) memory state. */
  async load(): Promise<void> {
    const latest = new Map<string, Doc>();
    for await (const record of this.log.read(this.inner.collectionName)) {
      const docs = JSON.parse(record.json) as Doc[];
      for (const doc of docs) latest.set(doc[this.primaryPath] as string, doc);
      this.seq = Math.max(this.seq, record.seq);
      this.records += 1;
      if (record.part === 0) this.loggedDocs += docs.length;
    }
    const internals = this.inner.internals;
    bulkInsertToState(this.primaryPath, internals, internals.byIndexArray, [...latest.values()].map((document) => ({ document })));
    this.scheduleCompaction();
  }

  async bulkWrite(rows: BulkWriteRow<unknown>[], context: string): Promise<RxStorageBulkWriteResponse<unknown>> {
    const result = await this.inner.bulkWrite(rows, context);
    const refused = new Set(result.error.map((error) => error.documentId));
    const written = rows.map((row) => row.document as Doc).filter((doc) => !refused.has(doc[this.primaryPath] as string));
    if (written.length === 0) return result;
    // The sequence is taken in the order the memory state changed, and appends commit in that order.
    const seq = (this.seq += 1);
    const json = JSON.stringify(written);
    const appended = this.enqueue(() => this.log.append(this.inner.collectionName, seq, json));
    this.records += 1;
    this.loggedDocs += written.length;
    await appended;
    this.scheduleCompaction();
    return result;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.persisting.then(task, task);
    this.persisting = run.catch(() => undefined);
    return run;
  }

  private liveDocuments(): Doc[] {
    // The memory storage files a write into its maps lazily, before its next read or write.
    this.inner.ensurePersistence();
    return [...this.inner.internals.documents.values()] as Doc[];
  }

  private scheduleCompaction(): void {
    const live = this.inner.internals.documents.size;
    const due = this.records > MAX_EXTRA_RECORDS + live / PAGE_DOCS || this.loggedDocs > MAX_LOGGED_PER_LIVE * live + PAGE_DOCS;
    if (due && !this.compaction && !this.inner.closed) void this.compact().catch((error: unknown) => console.error('paged storage: compaction failed', error));
  }

  /**
   * Seals the live documents as of now into pages and swaps them for the records before them. Writes go on
   * meanwhile: they take later sequences, which the swap leaves in place.
   */
  compact(): Promise<void> {
    this.compaction ??= (async () => {
      const snapshot = this.liveDocuments();
      const seq = (this.seq += 1);
      const recordsBefore = this.records;
      const loggedBefore = this.loggedDocs;
      const pages: string[] = [];
      for (let start = 0; start < snapshot.length; start += PAGE_DOCS) {
        pages.push(JSON.stringify(snapshot.slice(start, start + PAGE_DOCS)));
        // A page at a time, so the window stays responsive while a large collection is rewritten.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      await this.enqueue(() => this.log.replace(this.inner.collectionName, seq, pages));
      this.records += pages.length - recordsBefore;
      this.loggedDocs -= loggedBefore;
    })().finally(() => {
      this.compaction = null;
    });
    return this.compaction;
  }

  async cleanup(minimumDeletedTime: number): Promise<boolean> {
    const before = this.liveDocuments().length;
    const done = await this.inner.cleanup(minimumDeletedTime);
    // Purged documents are still in older records: a snapshot without them drops those records.
    if (this.inner.internals.documents.size < before) {
      await this.compaction;
      await this.compact();
    }
    return done;
  }

  async remove(): Promise<void> {
    await this.compaction?.catch(() => undefined);
    await this.persisting;
    await this.log.clear(this.inner.collectionName);
    await this.inner.remove();
    await this.onClose();
  }

  async close(): Promise<void> {
    if (this.inner.closed) return;
    await this.compaction?.catch(() => undefined);
    await this.persisting;
    await this.inner.close();
    await this.onClose();
  }
}

/** Serves the instance's reads from memory, its writes and lifecycle through `PagedInstance`. */
function asStorageInstance(
  paged: PagedInstance,
  inner: RxStorageInstanceMemory<unknown>,
  schema: AnyParams['schema'],
): RxStorageInstance<unknown, unknown, unknown> {
  return {
    databaseName: inner.databaseName,
    collectionName: inner.collectionName,
    schema: schema as RxStorageInstance<unknown, unknown, unknown>['schema'],
    internals: inner.internals,
    options: inner.options,
    bulkWrite: (rows, context) => paged.bulkWrite(rows, context),
    findDocumentsById: (ids, withDeleted) => inner.findDocumentsById(ids, withDeleted),
    query: (prepared) => inner.query(prepared),
    count: (prepared) => inner.count(prepared),
    getAttachmentData: (documentId, attachmentId, digest) => inner.getAttachmentData(documentId, attachmentId, digest),
    changeStream: () => inner.changeStream(),
    cleanup: (minimumDeletedTime) => paged.cleanup(minimumDeletedTime),
    remove: () => paged.remove(),
    close: () => paged.close(),
  };
}

/**
 * A storage that keeps the collections `isPaged` picks in memory with their writes logged in sealed pages
 * (see `PagedInstance`), and every other collection in `fallback`.
 */
export function withPagedCollections<Internals, Options>(fallback: RxStorage<Internals, Options>, options: PagedOptions): RxStorage<Internals, Options> {
  // A memory storage of its own: RxDB's shares one state map per page, kept after close.
  const memory = Object.assign({}, getRxStorageMemory(), { collectionStates: new Map() });
  const logs = logConnections(options.openLog);
  return Object.assign({}, fallback, {
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, Options>) {
      if (!options.isPaged(params as AnyParams)) return fallback.createStorageInstance<RxDocType>(params);
      if (params.schema.attachments) throw new Error(`paged collection ${params.collectionName} cannot hold attachments`);
      const log = await logs.acquire(params.databaseName);
      // Personal fields are sealed with the whole record, so the memory storage sees no `encrypted` list.
      const inner = (await memory.createStorageInstance({ ...params, options: {}, schema: { ...params.schema, encrypted: [] } } as Parameters<typeof memory.createStorageInstance>[0])) as RxStorageInstanceMemory<unknown>;
      if (inner.internals.refCount > 1) {
        await inner.close();
        throw new Error(`paged collection ${params.collectionName} is already open`);
      }
      const stateKey = [...memory.collectionStates.entries()].find(([, state]) => state === inner.internals)?.[0];
      const paged = new PagedInstance(inner, log, async () => {
        if (inner.internals.refCount === 0 && stateKey) memory.collectionStates.delete(stateKey);
        await logs.release(params.databaseName);
      });
      await paged.load();
      return asStorageInstance(paged, inner, params.schema as AnyParams['schema']) as unknown as RxStorageInstance<RxDocType, Internals, Options>;
    },
  });
}
