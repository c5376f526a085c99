import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DocumentBody } from '../../policy/access-policy';
import { ChangeBus } from '../change-bus';
import { MissingDatabaseError } from '../errors';
import { RevTree, type RevNode } from '../rev-tree';
import { SYSTEM_DATABASES } from '../sqlite/sqlite-storage';
import { batchView, prepareWrite, type WorkingDocument } from '../sqlite/write-plan';
import type {
  AllDocsPage,
  AllDocsQuery,
  AllDocsRow,
  AttachmentInfo,
  ChangeListener,
  ChangeRow,
  ChangesPage,
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
import { changePayload, CHANGES_CHANNEL, PgChangeFeed } from './change-feed';
import { migratePostgres } from './migrate';
import { createPool } from './pool';

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
  deleted: boolean;
  rev_tree: string;
  tags: string;
}
interface RevisionRow {
  doc_id: string;
  rev: string;
  deleted: boolean;
  body: string;
  attachments: string;
}
type TreeJson = [rev: string, parent: string | null, deleted: 0 | 1, available: 0 | 1][];

const DOC_COLUMNS = 'd.doc_id, d.seq, d.deleted, d.rev_tree, d.tags';
/** Documents carrying one of the tags `$n` (a text[]), through the tag index. */
const readable = (dbParam: string, tagsParam: string) =>
  `d.doc_id IN (SELECT t.doc_id FROM doc_tags t WHERE t.db_id = ${dbParam} AND t.tag = ANY(${tagsParam}::text[]))`;

/**
 * PostgreSQL storage shared by any number of server processes (`DATABASE_URL`). A batch is one transaction
 * that first locks its database's row (`SELECT … FOR UPDATE`): writers of one database take turns across all
 * processes, exactly as the SQLite storage's single writer, so the policy check between reading and writing
 * sees no interleaved write, update sequences have no gaps and commit in order (a feed reading `seq > since`
 * never skips a change committed late), and revision trees are read and rewritten under the lock. Readers
 * take no lock. Commits NOTIFY the other processes, whose live feeds wake through one LISTEN connection each.
 */
export class PostgresStorage implements Storage {
  private readonly bus = new ChangeBus();
  private readonly origin = randomUUID();
  private readonly feed: PgChangeFeed;
  /**
   * Transactions of `bulkWrite` only. A writer waiting for its database's lock holds a client: were they
   * taken from `pool`, waiting writers could take every client while the lock holder's policy check needs
   * one to read (a deadlock). Checks, reads and the server stores use `pool`.
   */
  private readonly writePool: pg.Pool;
  /** Writers of one database in this process queue here, so only one of them at a time waits for the lock. */
  private readonly writeQueues = new Map<string, Promise<unknown>>();
  private closing = false;

  private constructor(
    readonly pool: pg.Pool,
    private readonly uuid: string,
    connectionString: string,
  ) {
    this.feed = new PgChangeFeed(connectionString, this.origin, this.bus, pool);
    this.writePool = createPool(connectionString, 6);
  }

  static async open(connectionString: string): Promise<PostgresStorage> {
    const pool = createPool(connectionString);
    try {
      await migratePostgres(pool);
      await pool.query("INSERT INTO meta (key, value) VALUES ('server_uuid', $1) ON CONFLICT (key) DO NOTHING", [randomUUID().replaceAll('-', '')]);
      const uuid = (await pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'server_uuid'")).rows[0]!.value;
      const storage = new PostgresStorage(pool, uuid, connectionString);
      for (const name of SYSTEM_DATABASES) await storage.createDatabase(name);
      await storage.feed.start();
      return storage;
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  async serverUuid(): Promise<string> {
    return this.uuid;
  }

  async secret(purpose: string): Promise<Buffer> {
    const key = `secret:${purpose}`;
    await this.pool.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, randomBytes(32).toString('base64')]);
    const row = (await this.pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]!;
    return Buffer.from(row.value, 'base64');
  }

  async listDatabases(): Promise<string[]> {
    return (await this.pool.query<{ name: string }>('SELECT name FROM databases ORDER BY name COLLATE "C"')).rows.map((row) => row.name);
  }

  async createDatabase(name: string): Promise<boolean> {
    const result = await this.pool.query('INSERT INTO databases (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, Date.now() * 1000]);
    return (result.rowCount ?? 0) > 0;
  }

  async deleteDatabase(name: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM databases WHERE name = $1', [name])).rowCount ?? 0) > 0;
  }

  async databaseInfo(name: string, scope: ReadScope): Promise<DatabaseInfo | null> {
    const row = await this.findDatabase(name);
    if (!row) return null;
    if (scope === 'all') {
      return { name, docCount: row.doc_count, docDelCount: row.doc_del_count, updateSeq: row.update_seq, createdAt: row.created_at };
    }
    const { rows } = await this.pool.query<{ live: number; dead: number; seq: number | null }>(
      `SELECT
         (SELECT COUNT(*) FILTER (WHERE NOT deleted) FROM (SELECT DISTINCT doc_id, deleted FROM doc_tags WHERE db_id = $1 AND tag = ANY($2::text[])) s) AS live,
         (SELECT COUNT(*) FILTER (WHERE deleted) FROM (SELECT DISTINCT doc_id, deleted FROM doc_tags WHERE db_id = $1 AND tag = ANY($2::text[])) s) AS dead,
         (SELECT MAX(seq) FROM doc_tags WHERE db_id = $1 AND tag = ANY($2::text[])) AS seq`,
      [row.id, scope],
    );
    const counts = rows[0];
    return { name, docCount: counts?.live ?? 0, docDelCount: counts?.dead ?? 0, updateSeq: counts?.seq ?? 0, createdAt: row.created_at };
  }

  async getDocuments(dbName: string, ids: string[], scope: ReadScope): Promise<Map<string, DocumentState>> {
    const dbId = (await this.requireDatabase(dbName)).id;
    const found = new Map<string, DocumentState>();
    if (ids.length === 0) return found;
    const { rows } = await this.pool.query<DocumentRow>(`SELECT ${DOC_COLUMNS} FROM documents d WHERE d.db_id = $1 AND d.doc_id = ANY($2::text[])`, [
      dbId,
      ids,
    ]);
    for (const row of rows) {
      const state = toState(row);
      if (isReadable(state.tags, scope)) found.set(state.id, state);
    }
    return found;
  }

  async getRevisions(dbName: string, id: string, revs: string[]): Promise<Map<string, StoredRevision>> {
    return this.loadRevisions(this.pool, (await this.requireDatabase(dbName)).id, [id], revs);
  }

  async getAttachment(digest: string): Promise<Buffer | null> {
    return (await this.pool.query<{ data: Buffer }>('SELECT data FROM attachments WHERE digest = $1', [digest])).rows[0]?.data ?? null;
  }

  async idsWithScope(dbName: string, tag: string): Promise<string[]> {
    const dbId = (await this.requireDatabase(dbName)).id;
    const { rows } = await this.pool.query<{ doc_id: string }>('SELECT doc_id FROM doc_tags WHERE db_id = $1 AND tag = $2 AND NOT deleted ORDER BY doc_id', [
      dbId,
      tag,
    ]);
    return rows.map((row) => row.doc_id);
  }

  async getBody(dbName: string, id: string): Promise<DocumentBody | null> {
    const state = (await this.getDocuments(dbName, [id], 'all')).get(id);
    if (!state || state.winner.deleted) return null;
    return (await this.getRevisions(dbName, id, [state.winner.rev])).get(state.winner.rev)?.body ?? null;
  }

  async bulkWrite(dbName: string, writes: DocumentWrite[], options: WriteOptions): Promise<WriteResult[]> {
    const previous = this.writeQueues.get(dbName) ?? Promise.resolve();
    const run = previous.then(() => this.writeBatch(dbName, writes, options));
    const settled = run.catch(() => undefined);
    this.writeQueues.set(dbName, settled);
    void settled.then(() => this.writeQueues.get(dbName) === settled && this.writeQueues.delete(dbName));
    return run;
  }

  private async writeBatch(dbName: string, writes: DocumentWrite[], options: WriteOptions): Promise<WriteResult[]> {
    const client = await this.writePool.connect();
    try {
      await client.query('BEGIN');
      const database = (await client.query<DatabaseRow>('SELECT * FROM databases WHERE name = $1 FOR UPDATE', [dbName])).rows[0];
      if (!database) throw new MissingDatabaseError(dbName);
      // Every stored revision of the batch's documents, read once under the lock: prepareWrite reads them synchronously.
      const ids = [...new Set(writes.map((write) => write.id))];
      const docs = await client.query<DocumentRow>(`SELECT ${DOC_COLUMNS} FROM documents d WHERE d.db_id = $1 AND d.doc_id = ANY($2::text[])`, [
        database.id,
        ids,
      ]);
      const stored = await this.loadRevisions(client, database.id, ids, null);
      const working = new Map<string, WorkingDocument>();
      for (const id of ids) working.set(id, toWorking(id, docs.rows.find((row) => row.doc_id === id)));
      const loadRevision = (id: string, rev: string) => stored.get(`${id}\u0000${rev}`) ?? null;
      const view = batchView(dbName, working, this, loadRevision);
      const results: WriteResult[] = [];
      for (const write of writes) {
        const doc = working.get(write.id)!;
        const result = await prepareWrite(dbName, doc, write, options, { loadRevision: (rev) => loadRevision(write.id, rev), view });
        if (result) results.push(result);
      }
      const written = [...working.values()].filter((doc) => doc.added.length > 0);
      if (written.length === 0) {
        await client.query('ROLLBACK');
        return results;
      }
      const seq = await this.commit(client, database, written);
      const tags = [...new Set(written.flatMap((doc) => doc.tags ?? []))];
      await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, changePayload(this.origin, dbName, database.update_seq, seq, tags)]);
      await client.query('COMMIT');
      this.feed.wrote(dbName, seq);
      this.bus.notify(dbName, seq, tags);
      return results;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async changes(dbName: string, query: ChangesQuery): Promise<ChangesPage> {
    // The database row first: its update_seq never passes a change the rows below miss.
    const database = await this.requireDatabase(dbName);
    const order = query.descending ? 'DESC' : 'ASC';
    let rows: DocumentRow[];
    if (query.docIds) {
      rows = (
        await this.pool.query<DocumentRow>(
          `SELECT ${DOC_COLUMNS} FROM documents d WHERE d.db_id = $1 AND d.doc_id = ANY($2::text[]) AND d.seq > $3 ORDER BY d.seq ${order} LIMIT $4`,
          [database.id, query.docIds, query.since, query.limit],
        )
      ).rows;
    } else if (query.scope === 'all') {
      rows = (
        await this.pool.query<DocumentRow>(`SELECT ${DOC_COLUMNS} FROM documents d WHERE d.db_id = $1 AND d.seq > $2 ORDER BY d.seq ${order} LIMIT $3`, [
          database.id,
          query.since,
          query.limit,
        ])
      ).rows;
    } else {
      rows = (
        await this.pool.query<DocumentRow>(
          `SELECT ${DOC_COLUMNS} FROM documents d WHERE d.db_id = $1 AND d.seq IN (
             SELECT DISTINCT seq FROM doc_tags WHERE db_id = $1 AND tag = ANY($2::text[]) AND seq > $3 ORDER BY seq ${order} LIMIT $4
           ) ORDER BY d.seq ${order}`,
          [database.id, query.scope, query.since, query.limit],
        )
      ).rows;
    }
    const states = rows.map(toState).filter((state) => isReadable(state.tags, query.scope));
    const docs = query.includeDocs ? await this.winningRevisions(database.id, states) : null;
    const changeRows: ChangeRow[] = states.map((state) => {
      const doc = docs?.get(`${state.id}\u0000${state.winner.rev}`);
      return { seq: state.seq, state, ...(docs ? { doc } : {}) };
    });
    const last = rows.at(-1);
    const full = query.limit !== null && rows.length >= query.limit;
    const lastSeq = query.descending || full ? (last?.seq ?? query.since) : Math.max(database.update_seq, query.since, last?.seq ?? 0);
    return { rows: changeRows, lastSeq };
  }

  async allDocs(dbName: string, query: AllDocsQuery): Promise<AllDocsPage> {
    const database = await this.requireDatabase(dbName);
    const totalRows = (await this.databaseInfo(dbName, query.scope))?.docCount ?? 0;
    if (query.keys) {
      const states = await this.getDocuments(dbName, [...query.keys], query.scope);
      const live = [...states.values()].filter((state) => !state.winner.deleted);
      const docs = query.includeDocs ? await this.winningRevisions(database.id, live) : null;
      const rows = query.keys.map((key): AllDocsRow => {
        const state = states.get(key) ?? null;
        const doc = state && docs ? docs.get(`${state.id}\u0000${state.winner.rev}`) : undefined;
        return { key, state, ...(doc ? { doc } : {}) };
      });
      return { totalRows, offset: 0, rows };
    }
    const params: unknown[] = [database.id];
    const conditions = ['d.db_id = $1', 'NOT d.deleted', ...this.keyRange(query, params)];
    if (query.scope !== 'all') {
      params.push(query.scope);
      conditions.push(readable('$1', `$${params.length}`));
    }
    params.push(query.limit, query.skip);
    const sql = `SELECT ${DOC_COLUMNS} FROM documents d WHERE ${conditions.join(' AND ')}
      ORDER BY d.doc_id ${query.descending ? 'DESC' : 'ASC'} LIMIT $${params.length - 1} OFFSET $${params.length}`;
    const states = (await this.pool.query<DocumentRow>(sql, params)).rows.map(toState);
    const docs = query.includeDocs ? await this.winningRevisions(database.id, states) : null;
    const rows = states.map((state): AllDocsRow => {
      const doc = docs?.get(`${state.id}\u0000${state.winner.rev}`);
      return { key: state.id, state, ...(doc ? { doc } : {}) };
    });
    return { totalRows, offset: query.skip + (await this.rowsBefore(database.id, query)), rows };
  }

  async getLocal(dbName: string, owner: string, id: string): Promise<LocalDocument | null> {
    const dbId = (await this.requireDatabase(dbName)).id;
    const row = (
      await this.pool.query<{ rev: string; body: string }>('SELECT rev, body FROM local_docs WHERE db_id = $1 AND owner = $2 AND doc_id = $3', [dbId, owner, id])
    ).rows[0];
    return row ? { id, rev: row.rev, body: JSON.parse(row.body) as DocumentBody } : null;
  }

  async putLocal(dbName: string, owner: string, id: string, previousRev: string | null, body: DocumentBody): Promise<string | null> {
    const dbId = (await this.requireDatabase(dbName)).id;
    // One conditional statement each: the rev check and the write are atomic across processes.
    if (previousRev === null) {
      const inserted = await this.pool.query(
        "INSERT INTO local_docs (db_id, owner, doc_id, rev, body) VALUES ($1, $2, $3, '0-1', $4) ON CONFLICT DO NOTHING",
        [dbId, owner, id, JSON.stringify(body)],
      );
      return (inserted.rowCount ?? 0) > 0 ? '0-1' : null;
    }
    const rev = `0-${Number(previousRev.slice(2)) + 1}`;
    const updated = await this.pool.query('UPDATE local_docs SET rev = $5, body = $6 WHERE db_id = $1 AND owner = $2 AND doc_id = $3 AND rev = $4', [
      dbId,
      owner,
      id,
      previousRev,
      rev,
      JSON.stringify(body),
    ]);
    return (updated.rowCount ?? 0) > 0 ? rev : null;
  }

  async deleteLocal(dbName: string, owner: string, id: string, rev: string): Promise<boolean> {
    const dbId = (await this.requireDatabase(dbName)).id;
    const deleted = await this.pool.query('DELETE FROM local_docs WHERE db_id = $1 AND owner = $2 AND doc_id = $3 AND rev = $4', [dbId, owner, id, rev]);
    return (deleted.rowCount ?? 0) > 0;
  }

  subscribe(db: string, listener: ChangeListener): () => void {
    return this.bus.subscribe(db, listener);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.feed.close();
    // Ends once the clients of in-flight writes are back.
    await Promise.all([...this.writeQueues.values()]);
    await this.writePool.end();
    await this.pool.end();
  }

  private async findDatabase(name: string): Promise<DatabaseRow | undefined> {
    return (await this.pool.query<DatabaseRow>('SELECT * FROM databases WHERE name = $1', [name])).rows[0];
  }

  private async requireDatabase(name: string): Promise<DatabaseRow> {
    const row = await this.findDatabase(name);
    if (!row) throw new MissingDatabaseError(name);
    return row;
  }

  /** Revisions keyed `id\0rev`; `revs` null: every stored revision of the documents. */
  private async loadRevisions(
    db: pg.Pool | pg.PoolClient,
    dbId: number,
    ids: string[],
    revs: string[] | null,
  ): Promise<Map<string, StoredRevision>> {
    const found = new Map<string, StoredRevision>();
    if (ids.length === 0 || revs?.length === 0) return found;
    const { rows } = revs
      ? await db.query<RevisionRow>(
          'SELECT doc_id, rev, deleted, body, attachments FROM revisions WHERE db_id = $1 AND doc_id = $2 AND rev = ANY($3::text[])',
          [dbId, ids[0], revs],
        )
      : await db.query<RevisionRow>('SELECT doc_id, rev, deleted, body, attachments FROM revisions WHERE db_id = $1 AND doc_id = ANY($2::text[])', [
          dbId,
          ids,
        ]);
    for (const row of rows) found.set(revs ? row.rev : `${row.doc_id}\u0000${row.rev}`, toRevision(row));
    return found;
  }

  /** Winning revisions of many documents in one read, keyed `id\0rev`. */
  private async winningRevisions(dbId: number, states: DocumentState[]): Promise<Map<string, StoredRevision>> {
    const found = new Map<string, StoredRevision>();
    if (states.length === 0) return found;
    const { rows } = await this.pool.query<RevisionRow>(
      `SELECT r.doc_id, r.rev, r.deleted, r.body, r.attachments FROM revisions r
       JOIN unnest($2::text[], $3::text[]) AS w (doc_id, rev) ON r.doc_id = w.doc_id AND r.rev = w.rev WHERE r.db_id = $1`,
      [dbId, states.map((state) => state.id), states.map((state) => state.winner.rev)],
    );
    for (const row of rows) found.set(`${row.doc_id}\u0000${row.rev}`, toRevision(row));
    return found;
  }

  /** Writes the prepared documents inside the locked transaction; returns the new update sequence. */
  private async commit(client: pg.PoolClient, database: DatabaseRow, docs: WorkingDocument[]): Promise<number> {
    for (const doc of docs) {
      for (const [digest, data] of doc.blobs) {
        await client.query('INSERT INTO attachments (digest, data) VALUES ($1, $2) ON CONFLICT DO NOTHING', [digest, data]);
      }
    }
    const revisions = docs.flatMap((doc) => doc.added);
    await client.query(
      `INSERT INTO revisions (db_id, doc_id, rev, deleted, body, attachments)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[], $6::text[]) ON CONFLICT DO NOTHING`,
      [
        database.id,
        revisions.map((revision) => revision.id),
        revisions.map((revision) => revision.rev),
        revisions.map((revision) => revision.deleted),
        revisions.map((revision) => JSON.stringify(revision.body)),
        revisions.map((revision) => JSON.stringify(revision.attachments)),
      ],
    );
    let seq = database.update_seq;
    let live = 0;
    let dead = 0;
    const rows = docs.map((doc) => {
      seq += 1;
      const deleted = doc.tree.winner()?.deleted ?? false;
      live += (deleted ? 0 : 1) - (doc.previous === 'live' ? 1 : 0);
      dead += (deleted ? 1 : 0) - (doc.previous === 'deleted' ? 1 : 0);
      return { id: doc.id, seq, deleted, tree: JSON.stringify(treeToJson(doc.tree.all())), tags: doc.tags ?? [] };
    });
    const ids = rows.map((row) => row.id);
    await client.query('DELETE FROM doc_tags WHERE db_id = $1 AND doc_id = ANY($2::text[])', [database.id, ids]);
    await client.query(
      `INSERT INTO documents (db_id, doc_id, seq, deleted, rev_tree, tags)
       SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::boolean[], $5::text[], $6::text[])
       ON CONFLICT (db_id, doc_id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, rev_tree = excluded.rev_tree, tags = excluded.tags`,
      [database.id, ids, rows.map((row) => row.seq), rows.map((row) => row.deleted), rows.map((row) => row.tree), rows.map((row) => JSON.stringify(row.tags))],
    );
    const tagRows = rows.flatMap((row) => [...new Set(row.tags)].map((tag) => ({ ...row, tag })));
    await client.query(
      `INSERT INTO doc_tags (db_id, doc_id, tag, seq, deleted) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::boolean[])`,
      [database.id, tagRows.map((row) => row.id), tagRows.map((row) => row.tag), tagRows.map((row) => row.seq), tagRows.map((row) => row.deleted)],
    );
    await client.query('UPDATE databases SET update_seq = $2, doc_count = doc_count + $3, doc_del_count = doc_del_count + $4 WHERE id = $1', [
      database.id,
      seq,
      live,
      dead,
    ]);
    return seq;
  }

  private keyRange(query: AllDocsQuery, params: unknown[]): string[] {
    const [lower, upper] = query.descending ? ['<=', query.inclusiveEnd ? '>=' : '>'] : ['>=', query.inclusiveEnd ? '<=' : '<'];
    const conditions: string[] = [];
    if (query.startKey !== null) {
      params.push(query.startKey);
      conditions.push(`d.doc_id ${lower} $${params.length}`);
    }
    if (query.endKey !== null) {
      params.push(query.endKey);
      conditions.push(`d.doc_id ${upper} $${params.length}`);
    }
    return conditions;
  }

  private async rowsBefore(dbId: number, query: AllDocsQuery): Promise<number> {
    if (query.startKey === null) return 0;
    const params: unknown[] = [dbId, query.startKey];
    let sql = `SELECT COUNT(*) AS n FROM documents d WHERE d.db_id = $1 AND NOT d.deleted AND d.doc_id ${query.descending ? '>' : '<'} $2`;
    if (query.scope !== 'all') {
      params.push(query.scope);
      sql += ` AND ${readable('$1', '$3')}`;
    }
    return (await this.pool.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;
  }
}

function toState(row: DocumentRow): DocumentState {
  const tree = new RevTree(
    (JSON.parse(row.rev_tree) as TreeJson).map(([rev, parent, deleted, available]) => ({ rev, parent, deleted: deleted === 1, available: available === 1 })),
  );
  const leaves = tree.sortedLeaves();
  return { id: row.doc_id, seq: row.seq, tree: tree.all(), leaves, winner: leaves[0]!, tags: JSON.parse(row.tags) as string[] };
}

function toWorking(id: string, row: DocumentRow | undefined): WorkingDocument {
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

function toRevision(row: RevisionRow): StoredRevision {
  return {
    id: row.doc_id,
    rev: row.rev,
    deleted: row.deleted,
    body: JSON.parse(row.body) as DocumentBody,
    attachments: JSON.parse(row.attachments) as Record<string, AttachmentInfo>,
  };
}

function treeToJson(nodes: RevNode[]): TreeJson {
  return nodes.map((node) => [node.rev, node.parent, node.deleted ? 1 : 0, node.available ? 1 : 0]);
}
