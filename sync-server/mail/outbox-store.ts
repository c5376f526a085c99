import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { DecisionOutcome, MailState, MailStatus } from '../../shared/schemas';

export interface OutboxEntry {
  decisionId: string;
  requestId: string;
  unitId: string;
  outcome: DecisionOutcome;
}

export interface OutboxRow {
  decision_id: string;
  request_id: string;
  unit_id: string;
  outcome: DecisionOutcome;
  state: MailState;
  attempts: number;
  last_error: string | null;
  queued_at: string;
  updated_at: string;
  next_attempt_at: string | null;
  sent_at: string | null;
}

// Rows are written by this store only and constrained by the table's CHECKs.
export const toStatus = (row: OutboxRow): MailStatus => ({
  decisionId: row.decision_id,
  requestId: row.request_id,
  outcome: row.outcome,
  state: row.state,
  attempts: row.attempts,
  ...(row.last_error ? { lastError: row.last_error } : {}),
  queuedAt: row.queued_at,
  updatedAt: row.updated_at,
  ...(row.next_attempt_at && (row.state === 'queued' || row.state === 'retrying') ? { nextAttemptAt: row.next_attempt_at } : {}),
  ...(row.sent_at ? { sentAt: row.sent_at } : {}),
});

/** The citizen e-mail outbox and its feed cursor in the sync server's SQLite file (migration 004), over a connection of its own. */
export class OutboxStore {
  private constructor(private readonly db: Database) {}

  /** Opens the file the storage has already migrated. */
  static open(file: string): OutboxStore {
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 10000');
    return new OutboxStore(db);
  }

  cursor(feed: string): string | null {
    return this.db.prepare<[string], { since: string }>('SELECT since FROM mail_feed_cursor WHERE db = ?').get(feed)?.since ?? null;
  }

  /** Enqueues (an entry already there stays as it is) and moves the feed's cursor, in one transaction. */
  enqueue(feed: string, since: string, entries: OutboxEntry[], now: Date): number {
    const iso = now.toISOString();
    const insert = this.db.prepare(
      "INSERT OR IGNORE INTO mail_outbox (decision_id, request_id, unit_id, outcome, state, queued_at, updated_at, next_attempt_at) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)",
    );
    return this.db
      .transaction(() => {
        let added = 0;
        for (const entry of entries) added += insert.run(entry.decisionId, entry.requestId, entry.unitId, entry.outcome, iso, iso, iso).changes;
        this.db.prepare('INSERT INTO mail_feed_cursor (db, since) VALUES (?, ?) ON CONFLICT (db) DO UPDATE SET since = excluded.since').run(feed, since);
        return added;
      })
      .immediate();
  }

  /** Messages whose next attempt is due, oldest first. */
  due(now: Date, limit: number): MailStatus[] {
    return this.db
      .prepare<[string, number], OutboxRow>(
        "SELECT * FROM mail_outbox WHERE state IN ('queued', 'retrying') AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?",
      )
      .all(now.toISOString(), limit)
      .map(toStatus);
  }

  /** When the next queued or retrying message is due, if any. */
  nextDueAt(): Date | null {
    const row = this.db
      .prepare<[], { at: string | null }>("SELECT MIN(next_attempt_at) AS at FROM mail_outbox WHERE state IN ('queued', 'retrying')")
      .get();
    return row?.at ? new Date(row.at) : null;
  }

  markSending(decisionId: string, now: Date): void {
    this.db
      .prepare("UPDATE mail_outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE decision_id = ?")
      .run(now.toISOString(), decisionId);
  }

  markSent(decisionId: string, now: Date): void {
    const iso = now.toISOString();
    this.db.prepare("UPDATE mail_outbox SET state = 'sent', sent_at = ?, updated_at = ?, next_attempt_at = NULL WHERE decision_id = ?").run(iso, iso, decisionId);
  }

  markRetrying(decisionId: string, error: string, nextAttemptAt: Date, now: Date): void {
    this.db
      .prepare("UPDATE mail_outbox SET state = 'retrying', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE decision_id = ?")
      .run(error, nextAttemptAt.toISOString(), now.toISOString(), decisionId);
  }

  markFailed(decisionId: string, error: string, now: Date): void {
    this.db
      .prepare("UPDATE mail_outbox SET state = 'failed', last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE decision_id = ?")
      .run(error, now.toISOString(), decisionId);
  }

  /** After a crash, a message left `sending` may or may not have left: it is tried again (at least once). */
  resumeInterrupted(now: Date): number {
    const iso = now.toISOString();
    return this.db
      .prepare("UPDATE mail_outbox SET state = 'retrying', last_error = 'envio interrompido (servidor reiniciado)', next_attempt_at = ?, updated_at = ? WHERE state = 'sending'")
      .run(iso, iso).changes;
  }

  byRequest(requestId: string): MailStatus[] {
    return this.db
      .prepare<[string], OutboxRow>('SELECT * FROM mail_outbox WHERE request_id = ? ORDER BY queued_at, decision_id')
      .all(requestId)
      .map(toStatus);
  }

  close(): void {
    this.db.close();
  }
}
