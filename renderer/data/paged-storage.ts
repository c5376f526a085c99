import type {
  BulkWriteRow,
  RxDocumentData,
  RxStorage,
  RxStorageBulkWriteResponse,
  RxStorageInstance,
  RxStorageInstanceCreationParams,
} from 'rxdb';
import { bulkInsertToState, getRxStorageMemory, type RxStorageInstanceMemory } from 'rxdb/plugins/storage-memory';
import { MetaReferences, type ForkView } from './meta-references';
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

/** A paged collection, or RxDB's replication metadata of the paged collection `of`. */
export type PagedRole = { kind: 'collection' } | { kind: 'replication-meta'; of: string };

export interface PagedOptions {
  /** Which collections (and replication metadata) live in memory and pages; the others (null) go to the fallback. */
  roleOf(params: AnyParams): PagedRole | null;
  /** Opens a store's page log (renderer/data/page-log.ts), which seals every record whole with the store's key. */
  openLog(name: string): Promise<PageLogPort>;
}

/**
 * A store's page log, shared by its paged collections: one queue, so that a metadata document logged whole
 * again commits before the change of the fork document it referred to (meta-references.ts).
 */
interface StoreLog {
  log: PageLogPort;
  enqueue<T>(task: () => Promise<T>): Promise<T>;
  /** The open paged collections of the store, by name. */
  instances: Map<string, PagedInstance>;
}

/** One `StoreLog` per store, closed with the last of its collections. */
function storeLogs(openLog: PagedOptions['openLog']) {
  const open = new Map<string, { store: Promise<StoreLog>; users: number }>();
  const create = async (databaseName: string): Promise<StoreLog> => {
    let queue: Promise<unknown> = Promise.resolve();
    return {
      log: await openLog(`${databaseName}--pages`),
      enqueue<T>(task: () => Promise<T>) {
        const run = queue.then(task, task);
        queue = run.catch(() => undefined);
        return run;
      },
      instances: new Map(),
    };
  };
  return {
    acquire(databaseName: string): Promise<StoreLog> {
      const entry = open.get(databaseName) ?? { store: create(databaseName), users: 0 };
      entry.users += 1;
      open.set(databaseName, entry);
      return entry.store;
    },
    async release(databaseName: string): Promise<void> {
      const entry = open.get(databaseName);
      if (!entry || --entry.users > 0) return;
      open.delete(databaseName);
      (await entry.store).log.close();
    },
  };
}

/**
 * A paged collection: RxDB's memory storage answers every read and write, and each write is kept on disk
 * before it is acknowledged, as ONE sealed IndexedDB record holding the batch. Chromium's IndexedDB costs
 * ≈ 140 µs per record (bench:indexeddb), so a downloaded page of 2,500 requests and its replication metadata
 * cost two records instead of five thousand, and the metadata only names the requests' revisions
 * (meta-references.ts). The log is replayed at open and compacted into pages of the live documents when it
 * outgrows them.
 */
class PagedInstance implements ForkView {
  private seq = 0;
  private records = 0;
  private loggedDocs = 0;
  /** This collection's last append or compaction in the store's queue. */
  private persisting: Promise<unknown> = Promise.resolve();
  private compaction: Promise<void> | null = null;
  /** For replication metadata: documents logged as references to the fork's documents. */
  private readonly references: MetaReferences | null;
  /** For a collection: previous states of documents changed while its replication metadata was not open, by revision. */
  private readonly retained = new Map<string, Doc>();
  /** For a collection: replication metadata has been opened for it, so the log may hold references to it. */
  private replicated = false;

  constructor(
    private readonly inner: RxStorageInstanceMemory<unknown>,
    private readonly store: StoreLog,
    private readonly role: PagedRole,
    private readonly onClose: () => Promise<void>,
  ) {
    this.references = role.kind === 'replication-meta' ? new MetaReferences(() => store.instances.get(role.of)) : null;
  }

  private get collectionName(): string {
    return this.inner.collectionName;
  }

  private get retainedName(): string {
    return `${this.collectionName}~retained`;
  }

  private get replicatedName(): string {
    return `${this.collectionName}~replicated`;
  }

  retainedState(revision: string): Doc | undefined {
    return this.retained.get(revision);
  }

  /** The live documents by id. */
  documentsById(): ReadonlyMap<string, Doc> {
    // The memory storage files a write into its maps lazily, before its next read or write.
    this.inner.ensurePersistence();
    return this.inner.internals.documents as ReadonlyMap<string, Doc>;
  }

  get primaryPath(): string {
    return this.inner.primaryPath as string;
  }

  /** Replays the collection's records into the (empty) memory state. */
  async load(): Promise<void> {
    if (this.role.kind === 'collection') {
      for await (const _record of this.store.log.read(this.replicatedName)) this.replicated = true;
      for await (const record of this.store.log.read(this.retainedName)) for (const doc of JSON.parse(record.json) as Doc[]) this.retained.set(doc._rev, doc);
    }
    const latest = new Map<string, Doc>();
    for await (const record of this.store.log.read(this.collectionName)) {
      const docs = JSON.parse(record.json) as Doc[];
      for (const doc of docs) latest.set(doc[this.primaryPath] as string, doc);
      this.seq = Math.max(this.seq, record.seq);
      this.records += 1;
      if (record.part === 0) this.loggedDocs += docs.length;
    }
    let documents = [...latest.values()];
    let toLogWhole: Doc[] = [];
    if (this.references) {
      const decoded = this.references.decode(documents);
      // Cannot happen while references are released or retained before their fork documents change; RxDB then
      // treats these documents as never synced (a push meets the server's version and the conflict handler decides).
      if (decoded.dropped > 0) console.warn(`paged storage: ${decoded.dropped} replication metadata documents of ${this.collectionName} lost their fork state`);
      documents = decoded.metas;
      toLogWhole = decoded.toLogWhole;
    }
    const internals = this.inner.internals;
    bulkInsertToState(this.primaryPath, internals, internals.byIndexArray, documents.map((document) => ({ document })));
    if (this.role.kind === 'replication-meta') {
      // Synchronously after decoding: from here on the fork releases references instead of retaining states.
      this.store.instances.set(this.collectionName, this);
      const fork = this.store.instances.get(this.role.of);
      fork?.markReplicated();
      if (toLogWhole.length > 0) void this.append(toLogWhole).catch((error: unknown) => console.error('paged storage: metadata not logged whole', error));
      fork?.dropRetained();
    }
    this.scheduleCompaction();
  }

  /** Logged before the metadata's first reference to this collection: from then on its changes retain or release. */
  private markReplicated(): void {
    if (this.replicated) return;
    this.replicated = true;
    void this.enqueue(() => this.store.log.append(this.replicatedName, 0, '[]')).catch((error: unknown) => console.error('paged storage: replication mark not logged', error));
  }

  /** The retained fork states are no longer needed: every metadata document that named one is logged whole (queued before this). */
  private dropRetained(): void {
    if (this.retained.size === 0) return;
    this.retained.clear();
    void this.enqueue(() => this.store.log.clear(this.retainedName)).catch((error: unknown) => console.error('paged storage: retained states not cleared', error));
  }

  async bulkWrite(rows: BulkWriteRow<unknown>[], context: string): Promise<RxStorageBulkWriteResponse<unknown>> {
    const result = await this.inner.bulkWrite(rows, context);
    const refused = new Set(result.error.map((error) => error.documentId));
    const written = rows.map((row) => row.document as Doc).filter((doc) => !refused.has(doc[this.primaryPath] as string));
    if (written.length === 0) return result;
    // Metadata documents that stand for these documents' previous states are logged whole first.
    const released = this.releaseReferences(rows, new Set(written.map((doc) => doc[this.primaryPath] as string)));
    // Appends are queued in the order the memory state changed, and commit in that order.
    const appended = this.append(written);
    await released;
    await appended;
    this.scheduleCompaction();
    return result;
  }

  private append(docs: readonly Doc[]): Promise<void> {
    const seq = (this.seq += 1);
    const json = JSON.stringify(this.references ? this.references.encode(docs) : docs);
    this.records += 1;
    this.loggedDocs += docs.length;
    return this.enqueue(() => this.store.log.append(this.collectionName, seq, json));
  }

  /**
   * Before fork documents change: their metadata documents logged as references are logged whole, or, with no
   * metadata open, the previous states are kept for it (meta-references.ts).
   */
  private releaseReferences(rows: readonly BulkWriteRow<unknown>[], written: ReadonlySet<string>): Promise<void> {
    if (this.role.kind !== 'collection') return Promise.resolve();
    const meta = [...this.store.instances.values()].find((instance) => instance.role.kind === 'replication-meta' && instance.role.of === this.collectionName);
    if (meta) {
      const metaIds = meta.references!.release([...written]);
      if (metaIds.length === 0) return Promise.resolve();
      const metas = meta.documentsById();
      return meta.append(metaIds.flatMap((id) => metas.get(id) ?? []));
    }
    if (!this.replicated) return Promise.resolve();
    const previous = rows.flatMap((row) => (row.previous && written.has(row.previous[this.primaryPath as never]) ? [row.previous as Doc] : []));
    if (previous.length === 0) return Promise.resolve();
    for (const doc of previous) this.retained.set(doc._rev, doc);
    const seq = (this.seq += 1);
    const json = JSON.stringify(previous);
    return this.enqueue(() => this.store.log.append(this.retainedName, seq, json));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.store.enqueue(task);
    this.persisting = run.catch(() => undefined);
    return run;
  }

  private liveDocuments(): Doc[] {
    return [...this.documentsById().values()];
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
        const page = snapshot.slice(start, start + PAGE_DOCS);
        pages.push(JSON.stringify(this.references ? this.references.encode(page) : page));
        // A page at a time, so the window stays responsive while a large collection is rewritten.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      await this.enqueue(() => this.store.log.replace(this.collectionName, seq, pages));
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
    await this.store.log.clear(this.collectionName);
    await this.store.log.clear(this.retainedName);
    await this.store.log.clear(this.replicatedName);
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
 * A storage that keeps the collections `roleOf` picks in memory with their writes logged in sealed pages
 * (see `PagedInstance`), and every other collection in `fallback`.
 */
export function withPagedCollections<Internals, Options>(fallback: RxStorage<Internals, Options>, options: PagedOptions): RxStorage<Internals, Options> {
  // A memory storage of its own: RxDB's shares one state map per page, kept after close.
  const memory = Object.assign({}, getRxStorageMemory(), { collectionStates: new Map() });
  const logs = storeLogs(options.openLog);
  return Object.assign({}, fallback, {
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, Options>) {
      const role = options.roleOf(params as AnyParams);
      if (!role) return fallback.createStorageInstance<RxDocType>(params);
      if (params.schema.attachments) throw new Error(`paged collection ${params.collectionName} cannot hold attachments`);
      const store = await logs.acquire(params.databaseName);
      // Personal fields are sealed with the whole record, so the memory storage sees no `encrypted` list.
      const inner = (await memory.createStorageInstance({ ...params, options: {}, schema: { ...params.schema, encrypted: [] } } as Parameters<typeof memory.createStorageInstance>[0])) as RxStorageInstanceMemory<unknown>;
      const stateKey = [...memory.collectionStates.entries()].find(([, state]) => state === inner.internals)?.[0];
      const dropState = async () => {
        if (inner.internals.refCount === 0 && stateKey) memory.collectionStates.delete(stateKey);
        await logs.release(params.databaseName);
      };
      try {
        if (inner.internals.refCount > 1) throw new Error(`paged collection ${params.collectionName} is already open`);
        const paged = new PagedInstance(inner, store, role, async () => {
          store.instances.delete(params.collectionName);
          await dropState();
        });
        await paged.load();
        if (role.kind === 'collection') store.instances.set(params.collectionName, paged);
        return asStorageInstance(paged, inner, params.schema as AnyParams['schema']) as unknown as RxStorageInstance<RxDocType, Internals, Options>;
      } catch (error) {
        // Already open, or a log this key cannot open: leave neither the memory state nor the log held.
        await inner.close();
        await dropState();
        throw error;
      }
    },
  });
}
