import type { PageLogEntry } from '../../shared/schemas';
import { openSealedBytes, sealBytes } from './seal-bytes';

/**
 * The records of the paged collections (renderer/data/paged-storage.ts) in one IndexedDB database per
 * store: the JSON text of a batch of documents, sealed with the store's key, keyed `[collection, seq, part]`.
 * A write appends one record (`part` 0); a compaction replaces everything of a collection up to its sequence
 * with the pages of a snapshot (`part` 1…n), in one transaction, so a reader finds either the old records
 * or the new ones.
 */
interface LogRecord {
  seq: number;
  part: number;
  data: ArrayBuffer;
}

/** What the paged storage needs of its log, on this thread (`PageLog`) or in a worker (page-log-client.ts). */
export interface PageLogPort {
  read(collection: string): AsyncIterable<PageLogEntry>;
  append(collection: string, seq: number, json: string): Promise<void>;
  replace(collection: string, seq: number, pages: string[]): Promise<void>;
  clear(collection: string): Promise<void>;
  close(): void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const sealed = async (key: CryptoKey, json: string): Promise<ArrayBuffer> => (await sealBytes(key, encoder.encode(json))).buffer;

const OBJECT_STORE = 'records';
/** Records handed over per `getAll` while a collection loads: a few megabytes at a time, not all at once. */
const READ_CHUNK = 16;

const collectionRange = (collection: string, beforeSeq?: number) =>
  // Arrays sort after numbers, so `[collection, []]` is above every key of the collection.
  IDBKeyRange.bound([collection], beforeSeq === undefined ? [collection, []] : [collection, beforeSeq], false, beforeSeq !== undefined);

const done = (request: IDBRequest): Promise<void> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

const committed = (transaction: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });

export class PageLog implements PageLogPort {
  private constructor(
    private readonly db: IDBDatabase,
    private readonly key: CryptoKey,
  ) {}

  static open(name: string, key: CryptoKey, factory: IDBFactory = indexedDB): Promise<PageLog> {
    return new Promise((resolve, reject) => {
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(OBJECT_STORE);
      request.onsuccess = () => resolve(new PageLog(request.result, key));
      request.onerror = () => reject(request.error ?? new Error(`IndexedDB ${name} did not open`));
    });
  }

  /** Every record of a collection in key order, a chunk at a time, opened. */
  async *read(collection: string): AsyncGenerator<PageLogEntry> {
    let range = collectionRange(collection);
    for (;;) {
      const transaction = this.db.transaction(OBJECT_STORE, 'readonly');
      const request = transaction.objectStore(OBJECT_STORE).getAll(range, READ_CHUNK);
      await done(request);
      const records = request.result as LogRecord[];
      for (const { seq, part, data } of records) yield { seq, part, json: decoder.decode(await openSealedBytes(this.key, new Uint8Array(data))) };
      if (records.length < READ_CHUNK) return;
      const last = records[records.length - 1]!;
      range = IDBKeyRange.bound([collection, last.seq, last.part], [collection, []], true);
    }
  }

  /** Resolves once the record is committed. */
  async append(collection: string, seq: number, json: string): Promise<void> {
    const data = await sealed(this.key, json);
    const transaction = this.db.transaction(OBJECT_STORE, 'readwrite');
    transaction.objectStore(OBJECT_STORE).put({ seq, part: 0, data } satisfies LogRecord, [collection, seq, 0]);
    return committed(transaction);
  }

  /** Replaces every record of the collection before `seq` with the pages of a snapshot taken at `seq`. */
  async replace(collection: string, seq: number, pages: string[]): Promise<void> {
    const datas = await Promise.all(pages.map((json) => sealed(this.key, json)));
    const transaction = this.db.transaction(OBJECT_STORE, 'readwrite');
    const store = transaction.objectStore(OBJECT_STORE);
    store.delete(collectionRange(collection, seq));
    datas.forEach((data, index) => store.put({ seq, part: index + 1, data } satisfies LogRecord, [collection, seq, index + 1]));
    return committed(transaction);
  }

  clear(collection: string): Promise<void> {
    const transaction = this.db.transaction(OBJECT_STORE, 'readwrite');
    transaction.objectStore(OBJECT_STORE).delete(collectionRange(collection));
    return committed(transaction);
  }

  close(): void {
    this.db.close();
  }
}
