import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { DocumentBody } from '../../policy/access-policy';
import { ChangeBus } from '../change-bus';
import { MissingDatabaseError } from '../errors';
import { RevTree, type RevNode } from '../rev-tree';
import type {
  AllDocsPage,
  AllDocsQuery,
  AllDocsRow,
  AttachmentInfo,
  ChangeRow,
  ChangesPage,
  ChangeListener,
  ChangesQuery,
  DatabaseInfo,
  DocumentState,
  DocumentWrite,
  LocalDocument,
  ReadScope,
  Storage,
  StoredRevision,
  WriteOptions,
  WriteResult,
} from '../storage';
import { isReadable } from '../storage';
import { migrate } from './migrate';
import { batchView, prepareWrite, type WorkingDocument } from './write-plan';

export const SYSTEM_DATABASES = ['_users'] as const;

interface DatabaseRow {
  id: number;
  name: string;
  created_at: number;
  update_seq: number;
  doc_count: number;
  doc_del_count: number;
}
interface DocumentRow {
  doc_id: string;
  seq: number;
  deleted: number;
  rev_tree: string;
  tags: string;
}
interface RevisionRow {
  rev: string;
  deleted: number;
  body: string;
  attachments: string;
}
type TreeJson = [rev: string, parent: string | null, deleted: 0 | 1, available: 0 | 1][];

const DOC_COLUMNS = 'doc_id, seq, deleted, rev_tree, tags';
/** A scoped reader at most this many changes behind the database reads them all and filters by tags. */
export const RECENT_CHANGES = 100;

/**
 * Documents carrying one of a JSON array of tags (parameters: db id, tags). Driven by the tag index: a reader
 * of a small scope reads only its documents, not the database.
 */
const READABLE =
  'd.doc_id IN (SELECT t.doc_id FROM doc_tags t INDEXED BY doc_tags_by_tag_doc WHERE t.db_id = ? AND t.tag IN (SELECT value FROM json_each(?)))';

/**
 * SQLite storage in a data directory. WAL with `synchronous=FULL`: a write is acknowledged only after it is
 * on disk. One connection, used synchronously, so every read sees a consistent snapshot; writes are queued
 * because the policy check between reading and writing a document is asynchronous.
 */
export class SqliteStorage implements Storage {
  private readonly bus = new ChangeBus();
  private writeQueue: Promise<unknown> = Promise.resolve();
  private readonly uuid: string;
  /** Compiled statements by SQL text: better-sqlite3 compiles on every `prepare`, which cost more than the queries. */
  private readonly statements = new Map<string, Statement>();
  /**
   * Database rows by name, read on nearly every request (a console's long-poll reads eleven). This
   * connection's own writes drop the rows they change. Another connection's commits (`npm run server -- user
   * add` beside a running server) move `PRAGMA data_version`, which is checked once per event-loop turn: a
   * statement costs as much as the look-up it would save.
   */
  private readonly databaseRows = new Map<string, DatabaseRow | null>();
  private databaseRowsVersion: number | null = null;
  private databaseRowsCheckedThisTurn = false;

  private constructor(private readonly db: Database) {
    this.uuid = this.ensureServerUuid();
    for (const name of SYSTEM_DATABASES) this.insertDatabase(name);
  }

  static open(dataDir: string): SqliteStorage {
    mkdirSync(dataDir, { recursive: true });
    const db = new BetterSqlite3(join(dataDir, 'plantao.sqlite'));
    // Takes effect only on a new file (before WAL): 16 KiB pages keep a ~1.5 KB revision row inside its b-tree
    // page instead of spilling to an overflow page (a WITHOUT ROWID row over ~1 KB does with 4 KiB pages).
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // Reads from a 64 MiB page cache and the mapped file instead of a read(2) per page: `_changes` pages read
    // thousands of bodies. Writes still go through the WAL and its fsync.
    db.pragma('cache_size = -65536');
    db.pragma('mmap_size = 1073741824');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return new SqliteStorage(db);
  }

  async serverUuid(): Promise<string> {
    return this.uuid;
  }

  async secret(purpose: string): Promise<Buffer> {
    const key = `secret:${purpose}`;
    const row = this.sql<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key);
    if (row) return Buffer.from(row.value, 'base64');
    const made = randomBytes(32);
    this.sql('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(key, made.toString('base64'));
    return made;
  }

  async listDatabases(): Promise<string[]> {
    return this.sql<[], { name: string }>('SELECT name FROM databases ORDER BY name').all().map((row) => row.name);
  }

  async createDatabase(name: string): Promise<boolean> {
    return this.exclusive(async () => this.insertDatabase(name));
  }

  async deleteDatabase(name: string): Promise<boolean> {
    return this.exclusive(async () => {
      this.databaseRows.delete(name);
      return this.sql('DELETE FROM databases WHERE name = ?').run(name).changes > 0;
    });
  }

  async databaseInfo(name: string, scope: ReadScope): Promise<DatabaseInfo | null> {
    const row = this.findDatabase(name);
    if (!row) return null;
    if (scope === 'all') {
      return { name, docCount: row.doc_count, docDelCount: row.doc_del_count, updateSeq: row.update_seq, createdAt: row.created_at };
    }
    const tags = JSON.stringify(scope);
    const counts = this.sql<[number, string], { live: number; dead: number }>(
        // Without statistics SQLite would walk the whole primary key; the tag index reads only these tags.
        `SELECT COALESCE(SUM(deleted = 0), 0) AS live, COALESCE(SUM(deleted = 1), 0) AS dead FROM
           (SELECT DISTINCT doc_id, deleted FROM doc_tags INDEXED BY doc_tags_by_tag_doc
            WHERE db_id = ? AND tag IN (SELECT value FROM json_each(?)))`,
      )
      .get(row.id, tags);
    // One index probe per tag on (tag, seq): the newest change the reader can see.
    const readable = this.sql<[number, string], { seq: number | null }>(
        'SELECT MAX((SELECT MAX(seq) FROM doc_tags WHERE db_id = ? AND tag = j.value)) AS seq FROM json_each(?) j',
      )
      .get(row.id, tags);
    return { name, docCount: counts?.live ?? 0, docDelCount: counts?.dead ?? 0, updateSeq: readable?.seq ?? 0, createdAt: row.created_at };
  }

  async getDocuments(dbName: string, ids: string[], scope: ReadScope): Promise<Map<string, DocumentState>> {
    const dbId = this.requireDatabase(dbName).id;
    const select = this.sql<[number, string], DocumentRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE db_id = ? AND doc_id = ?`);
    const found = new Map<string, DocumentState>();
    for (const id of ids) {
      const row = select.get(dbId, id);
      if (!row) continue;
      const state = toState(row);
      if (isReadable(state.tags, scope)) found.set(id, state);
    }
    return found;
  }

  async getRevisions(dbName: string, id: string, revs: string[]): Promise<Map<string, StoredRevision>> {
    return this.loadRevisions(this.requireDatabase(dbName).id, id, revs);
  }

  async getAttachment(digest: string): Promise<Buffer | null> {
    return this.sql<[string], { data: Buffer }>('SELECT data FROM attachments WHERE digest = ?').get(digest)?.data ?? null;
  }

  async idsWithScope(dbName: string, tag: string): Promise<string[]> {
    const dbId = this.requireDatabase(dbName).id;
    return this.sql<[number, string], { doc_id: string }>('SELECT doc_id FROM doc_tags WHERE db_id = ? AND tag = ? AND deleted = 0 ORDER BY doc_id')
      .all(dbId, tag)
      .map((row) => row.doc_id);
  }

  async getBody(dbName: string, id: string): Promise<DocumentBody | null> {
    const dbId = this.requireDatabase(dbName).id;
    const row = this.sql<[number, string], DocumentRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE db_id = ? AND doc_id = ?`).get(dbId, id);
    if (!row || row.deleted) return null;
    const state = toState(row);
    return this.loadRevisions(dbId, id, [state.winner.rev]).get(state.winner.rev)?.body ?? null;
  }

  async bulkWrite(dbName: string, writes: DocumentWrite[], options: WriteOptions): Promise<WriteResult[]> {
    return this.exclusive(async () => {
      const dbId = this.requireDatabase(dbName).id;
      const working = new Map<string, WorkingDocument>();
      const view = batchView(dbName, working, this, (id, rev) => this.loadRevisions(dbId, id, [rev]).get(rev) ?? null);
      const results: WriteResult[] = [];
      for (const write of writes) {
        let doc = working.get(write.id);
        if (!doc) {
          doc = this.loadWorking(dbId, write.id);
          working.set(write.id, doc);
        }
        const result = await prepareWrite(dbName, doc, write, options, {
          loadRevision: (rev) => this.loadRevisions(dbId, write.id, [rev]).get(rev) ?? null,
          view,
        });
        if (result) results.push(result);
      }
      const written = [...working.values()].filter((doc) => doc.added.length > 0);
      this.databaseRows.delete(dbName);
      const updateSeq = this.commit(dbId, written);
      if (updateSeq !== null) this.bus.notify(dbName, updateSeq, [...new Set(written.flatMap((doc) => doc.tags ?? []))]);
      return results;
    });
  }

  async changes(dbName: string, query: ChangesQuery): Promise<ChangesPage> {
    const database = this.requireDatabase(dbName);
    const order = query.descending ? 'DESC' : 'ASC';
    const limit = query.limit ?? -1;
    let rows: DocumentRow[];
    let nearHead = false;
    if (query.docIds) {
      rows = this.sql<[number, string, number, number], DocumentRow>(
          `SELECT ${DOC_COLUMNS} FROM documents WHERE db_id = ? AND doc_id IN (SELECT value FROM json_each(?)) AND seq > ? ORDER BY seq ${order} LIMIT ?`,
        )
        .all(database.id, JSON.stringify(query.docIds), query.since, limit);
    } else if (query.scope === 'all') {
      rows = this.sql<[number, number, number], DocumentRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE db_id = ? AND seq > ? ORDER BY seq ${order} LIMIT ?`)
        .all(database.id, query.since, limit);
    } else if (!query.descending && database.update_seq - query.since <= RECENT_CHANGES) {
      // A reader near the head (a console's live pull after a write): the few newest documents, filtered by
      // their tags below, cost less than one probe of the tag index per tag (an officer's scope holds hundreds).
      nearHead = true;
      rows = this.sql<[number, number], DocumentRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE db_id = ? AND seq > ? ORDER BY seq ASC`).all(database.id, query.since);
    } else {
      // Walks the (tag, seq) index: cost follows the readable changes, not the database size.
      rows = this.sql<[number, number, string, number, number], DocumentRow>(
          `SELECT ${DOC_COLUMNS} FROM documents WHERE db_id = ? AND seq IN (
             SELECT DISTINCT seq FROM doc_tags WHERE db_id = ? AND tag IN (SELECT value FROM json_each(?)) AND seq > ? ORDER BY seq ${order} LIMIT ?
           ) ORDER BY seq ${order}`,
        )
        .all(database.id, database.id, JSON.stringify(query.scope), query.since, limit);
    }
    const readable = rows.map(toState).filter((state) => isReadable(state.tags, query.scope));
    // Near the head the limit applies here, after the tags; elsewhere the query applied it.
    const states = nearHead && query.limit !== null ? readable.slice(0, query.limit) : readable;
    const docs = query.includeDocs ? this.loadWinners(database.id, states) : null;
    const changeRows: ChangeRow[] = states.map((state) => ({ seq: state.seq, state, ...(docs ? { doc: docs.get(state.id) } : {}) }));
    const last = nearHead ? states.at(-1) : rows.at(-1);
    const full = query.limit !== null && (nearHead ? states.length : rows.length) >= query.limit;
    const lastSeq = query.descending || full ? (last?.seq ?? query.since) : Math.max(database.update_seq, query.since);
    return { rows: changeRows, lastSeq };
  }

  async allDocs(dbName: string, query: AllDocsQuery): Promise<AllDocsPage> {
    const database = this.requireDatabase(dbName);
    const scoped = query.scope !== 'all';
    const scopeJson = JSON.stringify(query.scope);
    const totalRows = (await this.databaseInfo(dbName, query.scope))?.docCount ?? 0;
    if (query.keys) {
      const states = await this.getDocuments(dbName, [...query.keys], query.scope);
      const live = [...states.values()].filter((state) => !state.winner.deleted);
      const docs = query.includeDocs ? this.loadWinners(database.id, live) : null;
      const rows = query.keys.map((key): AllDocsRow => {
        const state = states.get(key) ?? null;
        const doc = state ? docs?.get(state.id) : undefined;
        return { key, state, ...(doc ? { doc } : {}) };
      });
      return { totalRows, offset: 0, rows };
    }
    const conditions = ['d.db_id = ?', 'd.deleted = 0'];
    const params: (string | number)[] = [database.id];
    const [lower, upper] = query.descending ? ['<=', query.inclusiveEnd ? '>=' : '>'] : ['>=', query.inclusiveEnd ? '<=' : '<'];
    if (query.startKey !== null) {
      conditions.push(`d.doc_id ${lower} ?`);
      params.push(query.startKey);
    }
    if (query.endKey !== null) {
      conditions.push(`d.doc_id ${upper} ?`);
      params.push(query.endKey);
    }
    if (scoped) {
      conditions.push(READABLE);
      params.push(database.id, scopeJson);
    }
    const sql = `SELECT ${DOC_COLUMNS.split(', ').map((column) => `d.${column}`).join(', ')} FROM documents d WHERE ${conditions.join(' AND ')}
      ORDER BY d.doc_id ${query.descending ? 'DESC' : 'ASC'} LIMIT ? OFFSET ?`;
    const found = this.sql<(string | number)[], DocumentRow>(sql).all(...params, query.limit ?? -1, query.skip);
    const states = found.map(toState);
    const docs = query.includeDocs ? this.loadWinners(database.id, states) : null;
    const rows = states.map((state): AllDocsRow => {
      const doc = docs?.get(state.id);
      return { key: state.id, state, ...(doc ? { doc } : {}) };
    });
    return { totalRows, offset: query.skip + this.rowsBefore(database.id, query, scopeJson), rows };
  }

  async getLocal(dbName: string, owner: string, id: string): Promise<LocalDocument | null> {
    const dbId = this.requireDatabase(dbName).id;
    const row = this.sql<[number, string, string], { rev: string; body: string }>('SELECT rev, body FROM local_docs WHERE db_id = ? AND owner = ? AND doc_id = ?')
      .get(dbId, owner, id);
    return row ? { id, rev: row.rev, body: JSON.parse(row.body) as DocumentBody } : null;
  }

  async putLocal(dbName: string, owner: string, id: string, previousRev: string | null, body: DocumentBody): Promise<string | null> {
    return this.exclusive(async () => {
      const current = await this.getLocal(dbName, owner, id);
      if ((current?.rev ?? null) !== previousRev) return null;
      const rev = `0-${current ? Number(current.rev.slice(2)) + 1 : 1}`;
      this.sql('INSERT OR REPLACE INTO local_docs (db_id, owner, doc_id, rev, body) VALUES (?, ?, ?, ?, ?)').run(
        this.requireDatabase(dbName).id, owner, id, rev, JSON.stringify(body));
      return rev;
    });
  }

  async deleteLocal(dbName: string, owner: string, id: string, rev: string): Promise<boolean> {
    return this.exclusive(async () => {
      const dbId = this.requireDatabase(dbName).id;
      return this.sql('DELETE FROM local_docs WHERE db_id = ? AND owner = ? AND doc_id = ? AND rev = ?').run(dbId, owner, id, rev).changes > 0;
    });
  }

  subscribe(db: string, listener: ChangeListener): () => void {
    return this.bus.subscribe(db, listener);
  }

  async close(): Promise<void> {
    // Lets queued writes finish before the connection goes.
    await this.writeQueue.catch(() => undefined);
    if (this.db.open) this.db.close();
  }

  private sql<Params extends unknown[] = unknown[], Row = unknown>(source: string): Statement<Params, Row> {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement as Statement<Params, Row>;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writeQueue.then(work, work);
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  private ensureServerUuid(): string {
    const row = this.sql<[], { value: string }>("SELECT value FROM meta WHERE key = 'server_uuid'").get();
    if (row) return row.value;
    const uuid = randomUUID().replaceAll('-', '');
    this.sql("INSERT INTO meta (key, value) VALUES ('server_uuid', ?)").run(uuid);
    return uuid;
  }

  private insertDatabase(name: string): boolean {
    const createdAt = Date.now() * 1000;
    this.databaseRows.delete(name);
    return this.sql('INSERT OR IGNORE INTO databases (name, created_at) VALUES (?, ?)').run(name, createdAt).changes > 0;
  }

  private findDatabase(name: string): DatabaseRow | undefined {
    if (!this.databaseRowsCheckedThisTurn) {
      this.databaseRowsCheckedThisTurn = true;
      setImmediate(() => (this.databaseRowsCheckedThisTurn = false));
      const version = this.sql<[], number>('PRAGMA data_version').pluck().get()!;
      if (version !== this.databaseRowsVersion) {
        this.databaseRows.clear();
        this.databaseRowsVersion = version;
      }
    }
    let row = this.databaseRows.get(name);
    if (row === undefined) {
      row = this.sql<[string], DatabaseRow>('SELECT id, name, created_at, update_seq, doc_count, doc_del_count FROM databases WHERE name = ?').get(name) ?? null;
      this.databaseRows.set(name, row);
    }
    return row ?? undefined;
  }

  private requireDatabase(name: string): DatabaseRow {
    const row = this.findDatabase(name);
    if (!row) throw new MissingDatabaseError(name);
    return row;
  }

  private loadRevisions(dbId: number, id: string, revs: string[]): Map<string, StoredRevision> {
    const select = this.sql<[number, string, string], RevisionRow>('SELECT rev, deleted, body, attachments FROM revisions WHERE db_id = ? AND doc_id = ? AND rev = ?');
    const found = new Map<string, StoredRevision>();
    for (const rev of revs) {
      const row = select.get(dbId, id, rev);
      if (row) found.set(rev, toRevision(id, row));
    }
    return found;
  }

  /** The winning revisions of a page of documents, by id, in one query (CROSS JOIN: one primary-key probe per pair). */
  private loadWinners(dbId: number, states: DocumentState[]): Map<string, StoredRevision> {
    const found = new Map<string, StoredRevision>();
    if (states.length === 0) return found;
    // The body as a BLOB: SQLite hands over its UTF-8 bytes, which replies splice without decoding them.
    const select = this.sql<[string, number], Omit<RevisionRow, 'body'> & { doc_id: string; body: Buffer }>(
      `SELECT r.doc_id, r.rev, r.deleted, CAST(r.body AS BLOB) AS body, r.attachments FROM json_each(?) j
       CROSS JOIN revisions r ON r.db_id = ? AND r.doc_id = j.value ->> 0 AND r.rev = j.value ->> 1`,
    );
    const pairs = JSON.stringify(states.map((state) => [state.id, state.winner.rev]));
    for (const row of select.all(pairs, dbId)) found.set(row.doc_id, toRevision(row.doc_id, row));
    return found;
  }

  private loadWorking(dbId: number, id: string): WorkingDocument {
    const row = this.sql<[number, string], DocumentRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE db_id = ? AND doc_id = ?`).get(dbId, id);
    const state = row ? toState(row) : null;
    return {
      id,
      tree: new RevTree(state?.tree ?? []),
      tags: state?.tags ?? null,
      previous: state ? (state.winner.deleted ? 'deleted' : 'live') : 'none',
      added: [],
      blobs: new Map(),
    };
  }

  /**
   * Writes the prepared documents in one transaction; returns the new update sequence, or null when nothing
   * changed. Sequences are numbered here and the database row is updated once per batch.
   */
  private commit(dbId: number, docs: WorkingDocument[]): number | null {
    if (docs.length === 0) return null;
    const insertBlob = this.sql('INSERT OR IGNORE INTO attachments (digest, data) VALUES (?, ?)');
    const insertRevision = this.sql('INSERT OR IGNORE INTO revisions (db_id, doc_id, rev, deleted, body, attachments) VALUES (?, ?, ?, ?, ?, ?)');
    const upsertDocument = this.sql(
      `INSERT INTO documents (db_id, doc_id, seq, deleted, rev_tree, tags) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (db_id, doc_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, rev_tree = excluded.rev_tree, tags = excluded.tags`,
    );
    const clearTags = this.sql('DELETE FROM doc_tags WHERE db_id = ? AND doc_id = ?');
    const insertTag = this.sql('INSERT OR IGNORE INTO doc_tags (db_id, doc_id, tag, seq, deleted) VALUES (?, ?, ?, ?, ?)');
    const currentSeq = this.sql<[number], { update_seq: number }>('SELECT update_seq FROM databases WHERE id = ?');
    const updateDatabase = this.sql('UPDATE databases SET update_seq = ?, doc_count = doc_count + ?, doc_del_count = doc_del_count + ? WHERE id = ?');
    return this.db.transaction(() => {
      let seq = currentSeq.get(dbId)?.update_seq ?? 0;
      let live = 0;
      let dead = 0;
      for (const doc of docs) {
        for (const [digest, data] of doc.blobs) insertBlob.run(digest, data);
        for (const revision of doc.added) {
          const body = revision.bodyJson ?? JSON.stringify(revision.body);
          const attachments = Object.keys(revision.attachments).length === 0 ? '{}' : JSON.stringify(revision.attachments);
          insertRevision.run(dbId, doc.id, revision.rev, revision.deleted ? 1 : 0, body, attachments);
        }
        seq += 1;
        const deleted = doc.tree.winner()?.deleted ? 1 : 0;
        live += (deleted ? 0 : 1) - (doc.previous === 'live' ? 1 : 0);
        dead += deleted - (doc.previous === 'deleted' ? 1 : 0);
        const tags = doc.tags ?? [];
        upsertDocument.run(dbId, doc.id, seq, deleted, JSON.stringify(treeToJson(doc.tree.all())), JSON.stringify(tags));
        // A document new to the database has no tag rows yet.
        if (doc.previous !== 'none') clearTags.run(dbId, doc.id);
        for (const tag of tags) insertTag.run(dbId, doc.id, tag, seq, deleted);
      }
      updateDatabase.run(seq, live, dead, dbId);
      return seq;
    })();
  }

  private rowsBefore(dbId: number, query: AllDocsQuery, scopeJson: string): number {
    if (query.startKey === null) return 0;
    const operator = query.descending ? '>' : '<';
    const scoped = query.scope !== 'all';
    const sql = `SELECT COUNT(*) AS n FROM documents d WHERE d.db_id = ? AND d.deleted = 0 AND d.doc_id ${operator} ?${scoped ? ` AND ${READABLE}` : ''}`;
    const params: (string | number)[] = scoped ? [dbId, query.startKey, dbId, scopeJson] : [dbId, query.startKey];
    return this.sql<(string | number)[], { n: number }>(sql).get(...params)?.n ?? 0;
  }
}

function toState(row: DocumentRow): DocumentState {
  const tree = new RevTree(
    (JSON.parse(row.rev_tree) as TreeJson).map(([rev, parent, deleted, available]) => ({ rev, parent, deleted: deleted === 1, available: available === 1 })),
  );
  const leaves = tree.sortedLeaves();
  return { id: row.doc_id, seq: row.seq, tree: tree.all(), leaves, winner: leaves[0]!, tags: JSON.parse(row.tags) as string[] };
}

/**
 * A stored revision whose body is decoded and parsed only when someone reads it: responses can splice
 * `bodyJson` (or its bytes) instead.
 */
function toRevision(id: string, row: Omit<RevisionRow, 'body'> & { body: string | Buffer }): StoredRevision {
  const bytes = typeof row.body === 'string' ? undefined : row.body;
  let text = typeof row.body === 'string' ? row.body : undefined;
  let body: DocumentBody | undefined;
  const json = (): string => (text ??= bytes!.toString('utf8'));
  return {
    id,
    rev: row.rev,
    deleted: row.deleted === 1,
    get body(): DocumentBody {
      return (body ??= JSON.parse(json()) as DocumentBody);
    },
    get bodyJson(): string {
      return json();
    },
    ...(bytes ? { bodyBytes: bytes } : {}),
    attachments: row.attachments === '{}' ? {} : (JSON.parse(row.attachments) as Record<string, AttachmentInfo>),
  };
}

function treeToJson(nodes: RevNode[]): TreeJson {
  return nodes.map((node) => [node.rev, node.parent, node.deleted ? 1 : 0, node.available ? 1 : 0]);
}
