import type { MailStatus } from '../../shared/schemas';
import type { OutboxEntry } from './outbox-store';

type Awaitable<T> = T | Promise<T>;

/** The citizen e-mail outbox: the SQLite file (`OutboxStore`) or PostgreSQL shared by several processes (`PgOutboxStore`). */
export interface OutboxStorePort {
  cursor(feed: string): Awaitable<string | null>;
  enqueue(feed: string, since: string, entries: OutboxEntry[], now: Date): Awaitable<number>;
  /** Messages due now, oldest first; a store shared by processes hands each one to a single caller. */
  due(now: Date, limit: number): Awaitable<MailStatus[]>;
  nextDueAt(): Awaitable<Date | null>;
  markSending(decisionId: string, now: Date): Awaitable<void>;
  markSent(decisionId: string, now: Date): Awaitable<void>;
  markRetrying(decisionId: string, error: string, nextAttemptAt: Date, now: Date): Awaitable<void>;
  markFailed(decisionId: string, error: string, now: Date): Awaitable<void>;
  resumeInterrupted(now: Date): Awaitable<number>;
  byRequest(requestId: string): Awaitable<MailStatus[]>;
  close(): Awaitable<void>;
}
