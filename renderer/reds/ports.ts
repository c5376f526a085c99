import type { RedsLease } from '../../shared/schemas';
import type { RedsPoolState } from '../../shared/reds';

/** The server side of the pool. Both calls reject when the console is offline or the server refuses. */
export interface LeaseSource {
  /** Reserves a new block of numbers for this workstation and user. */
  requestLease(size: number): Promise<RedsLease>;
  /** Hands back the unused tail of a block; resolves with the closed lease (also when it was closed already). */
  returnLease(leaseId: string, fromSequence: number): Promise<RedsLease>;
  /**
   * The blocks the server holds for this workstation and user (the replicated `reds_leases` documents),
   * so the pool can hand back a block whose grant it never received.
   */
  leasesOnServer?(): Promise<RedsLease[]>;
}

/** Where the pool keeps its state across restarts. */
export interface PoolStore {
  load(): Promise<RedsPoolState | null>;
  /**
   * Durably replaces the stored state, only when the stored revision is `state.revision - 1` (nothing stored
   * counts as revision 0); rejects otherwise, so two writers can never both hand out one number.
   */
  save(state: RedsPoolState): Promise<void>;
}

export class PoolStoreConflictError extends Error {
  constructor(expected: number, found: number) {
    super(`pool state revision ${found} found, ${expected} expected`);
    this.name = 'PoolStoreConflictError';
  }
}
