import type pg from 'pg';
import type { MailStatus } from '../../shared/schemas';
import { inTransaction } from '../storage/postgres/transaction';
import { toStatus, type OutboxEntry, type OutboxRow } from './outbox-store';
import type { OutboxStorePort } from './outbox-store-port';

/** A message `sending` for this long belongs to a process that died mid-send: it is tried again. */
const STALE_SENDING_MS = 10 * 60_000;

/**
 * The citizen e-mail outbox in PostgreSQL (migration 003), shared by every server process. `due` claims its
 * rows (`FOR UPDATE SKIP LOCKED`, then `sending`): the mailers of several processes never get the same
 * message, so each is sent once.
 */
export class PgOutboxStore implements OutboxStorePort {
  constructor(private readonly pool: pg.Pool) {}

  async cursor(feed: string): Promise<string | null> {
    return (await this.pool.query<{ since: string }>('SELECT since FROM mail_feed_cursor WHERE db = $1', [feed])).rows[0]?.since ?? null;
  }

  async enqueue(feed: string, since: string, entries: OutboxEntry[], now: Date): Promise<number> {
    const iso = now.toISOString();
    return inTransaction(this.pool, async (client) => {
      const inserted = await client.query(
        `INSERT INTO mail_outbox (decision_id, request_id, unit_id, outcome, state, queued_at, updated_at, next_attempt_at)
         SELECT d, r, u, o, 'queued', $5, $5, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS e (d, r, u, o)
         ON CONFLICT (decision_id) DO NOTHING`,
        [entries.map((e) => e.decisionId), entries.map((e) => e.requestId), entries.map((e) => e.unitId), entries.map((e) => e.outcome), iso],
      );
      // Processes reading the feed together: the cursor only moves forward.
      await client.query(
        'INSERT INTO mail_feed_cursor (db, since) VALUES ($1, $2) ON CONFLICT (db) DO UPDATE SET since = excluded.since WHERE mail_feed_cursor.since::bigint < excluded.since::bigint',
        [feed, since],
      );
      return inserted.rowCount ?? 0;
    });
  }

  async due(now: Date, limit: number): Promise<MailStatus[]> {
    const iso = now.toISOString();
    const { rows } = await this.pool.query<OutboxRow>(
      `WITH claimed AS (
         SELECT decision_id FROM mail_outbox WHERE state IN ('queued', 'retrying') AND next_attempt_at <= $1
         ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED
       ), before AS (SELECT * FROM mail_outbox WHERE decision_id IN (SELECT decision_id FROM claimed))
       UPDATE mail_outbox m SET state = 'sending', updated_at = $1 FROM before b WHERE m.decision_id = b.decision_id RETURNING b.*`,
      [iso, limit],
    );
    return rows.sort((a, b) => (a.next_attempt_at ?? '').localeCompare(b.next_attempt_at ?? '')).map(toStatus);
  }

  async nextDueAt(): Promise<Date | null> {
    const row = (await this.pool.query<{ at: string | null }>("SELECT MIN(next_attempt_at) AS at FROM mail_outbox WHERE state IN ('queued', 'retrying')")).rows[0];
    return row?.at ? new Date(row.at) : null;
  }

  async markSending(decisionId: string, now: Date): Promise<void> {
    await this.pool.query("UPDATE mail_outbox SET state = 'sending', attempts = attempts + 1, updated_at = $2 WHERE decision_id = $1", [
      decisionId,
      now.toISOString(),
    ]);
  }

  async markSent(decisionId: string, now: Date): Promise<void> {
    const iso = now.toISOString();
    await this.pool.query("UPDATE mail_outbox SET state = 'sent', sent_at = $2, updated_at = $2, next_attempt_at = NULL WHERE decision_id = $1", [decisionId, iso]);
  }

  async markRetrying(decisionId: string, error: string, nextAttemptAt: Date, now: Date): Promise<void> {
    await this.pool.query("UPDATE mail_outbox SET state = 'retrying', last_error = $2, next_attempt_at = $3, updated_at = $4 WHERE decision_id = $1", [
      decisionId,
      error,
      nextAttemptAt.toISOString(),
      now.toISOString(),
    ]);
  }

  async markFailed(decisionId: string, error: string, now: Date): Promise<void> {
    await this.pool.query("UPDATE mail_outbox SET state = 'failed', last_error = $2, next_attempt_at = NULL, updated_at = $3 WHERE decision_id = $1", [
      decisionId,
      error,
      now.toISOString(),
    ]);
  }

  /** Only sends left stale: a fresh `sending` row may be another live process's message in flight. */
  async resumeInterrupted(now: Date): Promise<number> {
    const iso = now.toISOString();
    const stale = new Date(now.getTime() - STALE_SENDING_MS).toISOString();
    const result = await this.pool.query(
      "UPDATE mail_outbox SET state = 'retrying', last_error = 'envio interrompido (servidor reiniciado)', next_attempt_at = $1, updated_at = $1 WHERE state = 'sending' AND updated_at < $2",
      [iso, stale],
    );
    return result.rowCount ?? 0;
  }

  async byRequest(requestId: string): Promise<MailStatus[]> {
    return (await this.pool.query<OutboxRow>('SELECT * FROM mail_outbox WHERE request_id = $1 ORDER BY queued_at, decision_id', [requestId])).rows.map(toStatus);
  }

  /** The pool belongs to the storage, which closes it. */
  close(): void {}
}
