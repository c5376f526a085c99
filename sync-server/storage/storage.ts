import type { DocumentBody, IncomingWrite, ScopeLookup, WriteCheck } from '../policy/access-policy';
import type { RevNode } from './rev-tree';

/**
 * Everything the sync server keeps, behind one asynchronous interface: databases of documents with full
 * revision trees, content-addressed attachments, `_local` documents and a per-database update sequence.
 * Implementations own their transactions; nothing outside them sees SQL. The HTTP layer only speaks this.
 */
export interface Storage extends ScopeLookup {
  /** A stable id of this server, made once and kept with the data. */
  serverUuid(): Promise<string>;
  /** A random 32-byte key for one purpose, made on first use and kept with the data. */
  secret(purpose: string): Promise<Buffer>;

  listDatabases(): Promise<string[]>;
  /** False when it already exists. */
  createDatabase(name: string): Promise<boolean>;
  /** False when it does not exist. */
  deleteDatabase(name: string): Promise<boolean>;
  /**
   * Counts and `updateSeq` cover only the documents readable under `scope` (the sequence of the last change
   * a reader can see, so it counts nobody else's writes); null when the database does not exist.
   */
  databaseInfo(name: string, scope: ReadScope): Promise<DatabaseInfo | null>;

  /** Revision trees of the documents readable under `scope` (missing ids are absent from the map). */
  getDocuments(db: string, ids: string[], scope: ReadScope): Promise<Map<string, DocumentState>>;
  /**
   * Stored revisions of one document; revisions without a body (history only) are absent. Not filtered by
   * scope: callers first find the document readable with `getDocuments`.
   */
  getRevisions(db: string, id: string, revs: string[]): Promise<Map<string, StoredRevision>>;
  /**
   * Writes a batch, one row per write, in order. Each write is checked by `guard.check` against the winning
   * body it would change; refused rows are reported and the others written. With `newEdits: false`
   * (replication) revisions are inserted with their history as given and successful rows are omitted.
   */
  bulkWrite(db: string, writes: DocumentWrite[], options: WriteOptions): Promise<WriteResult[]>;
  changes(db: string, query: ChangesQuery): Promise<ChangesPage>;
  allDocs(db: string, query: AllDocsQuery): Promise<AllDocsPage>;
  /** Attachment bytes by digest (`md5-<base64>`). */
  getAttachment(digest: string): Promise<Buffer | null>;

  /** `_local` documents: not replicated, not in changes; kept apart per owner. */
  getLocal(db: string, owner: string, id: string): Promise<LocalDocument | null>;
  /** Resolves the new rev, or null on a rev conflict. */
  putLocal(db: string, owner: string, id: string, previousRev: string | null, body: DocumentBody): Promise<string | null>;
  /** False on a rev conflict or when missing. */
  deleteLocal(db: string, owner: string, id: string, rev: string): Promise<boolean>;

  /** Called after each committed write to the database; returns an unsubscribe. */
  subscribe(db: string, listener: ChangeListener): () => void;
  close(): Promise<void>;
}

/**
 * A committed write: the database's new update sequence and the scope tags of the documents it wrote, so
 * live feeds wake only for writes their reader may see.
 */
export type ChangeListener = (seq: number, tags: readonly string[]) => void;

/** Which documents a reader may see: every one, or those carrying one of these scope tags. */
export type ReadScope = 'all' | readonly string[];

/** Whether a document with these tags is readable under the scope. */
export function isReadable(tags: readonly string[], scope: ReadScope): boolean {
  return scope === 'all' || tags.some((tag) => scope.includes(tag));
}

export interface DatabaseInfo {
  name: string;
  docCount: number;
  docDelCount: number;
  updateSeq: number;
  /** Microseconds since the epoch, as CouchDB's `instance_start_time`. */
  createdAt: number;
}

export interface AttachmentInfo {
  content_type: string;
  digest: string;
  length: number;
  revpos: number;
}

/** One document's metadata: its revision tree, its winner and where it sits in the changes feed. */
export interface DocumentState {
  id: string;
  seq: number;
  /** Every node; `leaves` ordered from the winner down. */
  tree: RevNode[];
  leaves: RevNode[];
  winner: RevNode;
  tags: string[];
}

export interface StoredRevision {
  id: string;
  rev: string;
  deleted: boolean;
  /** Without underscore fields. */
  body: DocumentBody;
  /**
   * `body` as JSON text (`JSON.stringify(body)`), when the storage has it at hand: writers store it and hash
   * it instead of serializing again, readers splice it into responses instead of parsing and re-serializing.
   */
  bodyJson?: string;
  /**
   * `bodyJson` as UTF-8 bytes, when the storage read it so: replies splice the bytes as they are instead of
   * decoding them to a string and encoding that again.
   */
  bodyBytes?: Buffer;
  attachments: Record<string, AttachmentInfo>;
}

/** An incoming attachment: inline bytes, or a stub naming one the document already has. */
export type AttachmentInput =
  | { kind: 'data'; contentType: string; data: Buffer; revpos?: number }
  | { kind: 'stub'; digest?: string };

export interface DocumentWrite {
  id: string;
  /** The parent rev (new edits) or the revision itself (replicated). */
  rev?: string;
  /** The replicated history (`_revisions`) of `rev`. */
  revisions?: { start: number; ids: string[] };
  deleted: boolean;
  body: DocumentBody;
  attachments: Record<string, AttachmentInput>;
}

export interface WriteOptions {
  newEdits: boolean;
  /** Scope tags of a live body; stored with the document at each write. */
  scopeOf(id: string, body: DocumentBody): string[];
  /** `view`: the storage with the earlier rows of the same batch applied, for look-ups across them. */
  check(write: IncomingWrite, current: DocumentBody | null, view: ScopeLookup): Promise<WriteCheck>;
}

export type WriteResult = { id: string; ok: true; rev: string } | { id: string; rev?: string; error: string; reason: string };

export interface ChangesQuery {
  since: number;
  limit: number | null;
  descending: boolean;
  scope: ReadScope;
  docIds: readonly string[] | null;
  includeDocs: boolean;
}

export interface ChangeRow {
  seq: number;
  state: DocumentState;
  /** The winning revision, when `includeDocs`. */
  doc?: StoredRevision;
}

export interface ChangesPage {
  rows: ChangeRow[];
  /** The last sequence covered: past filtered-out changes too, so readers move on. */
  lastSeq: number;
}

export interface AllDocsQuery {
  scope: ReadScope;
  /** Explicit keys: one row per key, null for a missing or unreadable one (deleted ones included). */
  keys: readonly string[] | null;
  startKey: string | null;
  endKey: string | null;
  inclusiveEnd: boolean;
  descending: boolean;
  limit: number | null;
  skip: number;
  includeDocs: boolean;
}

/** A whole-database `_all_docs` read in key order, with the given fields changed. */
export function allDocsQuery(overrides: Partial<AllDocsQuery> = {}): AllDocsQuery {
  return { scope: 'all', keys: null, startKey: null, endKey: null, inclusiveEnd: true, descending: false, limit: null, skip: 0, includeDocs: false, ...overrides };
}

export interface AllDocsRow {
  key: string;
  state: DocumentState | null;
  doc?: StoredRevision;
}

export interface AllDocsPage {
  totalRows: number;
  offset: number;
  rows: AllDocsRow[];
}

export interface LocalDocument {
  id: string;
  rev: string;
  body: DocumentBody;
}
