import type { RedsLeaseConfig } from '../../shared/reds';
import type { RedsLease, Result } from '../../shared/schemas';
import type { AllocationInput, Claim } from './lease-store';

type Awaitable<T> = T | Promise<T>;

/** Where REDS blocks live: the SQLite file (`RedsLeaseStore`) or PostgreSQL shared by several processes (`PgLeaseStore`). */
export interface LeaseStore {
  /** This run's number: request claims of earlier runs may belong to ledger writes that died with them. */
  readonly epoch: number;
  allocate(input: AllocationInput, config: RedsLeaseConfig): Awaitable<Result<RedsLease>>;
  get(leaseId: string): Awaitable<RedsLease | null>;
  closeLease(leaseId: string, status: 'returned' | 'expired', fromSequence: number, now: Date): Awaitable<RedsLease | null>;
  dueForExpiry(now: Date): Awaitable<RedsLease[]>;
  leasedBetween(from: string, to: string): Awaitable<RedsLease[]>;
  unpublished(): Awaitable<RedsLease[]>;
  markPublished(lease: RedsLease): Awaitable<void>;
  claimRequest(claim: Claim): Awaitable<{ held: string; earlierRun: boolean } | null>;
  reclaimRequest(claim: Claim): Awaitable<void>;
  lastClaimedSequence(leaseId: string): Awaitable<number | null>;
  close(): Awaitable<void>;
}
