import type { Reservation, ReserveInput } from './intake-store';

type Awaitable<T> = T | Promise<T>;

/** Protocol numbers and portal submissions: the SQLite file (`IntakeStore`) or PostgreSQL (`PgIntakeStore`). */
export interface IntakeStorePort {
  reserve(input: ReserveInput): Awaitable<Reservation>;
  markStored(portalSubmissionId: string): Awaitable<void>;
  forget(portalSubmissionId: string): Awaitable<void>;
  unstored(): Awaitable<{ portalSubmissionId: string; protocol: string; document: string }[]>;
  close(): Awaitable<void>;
}
