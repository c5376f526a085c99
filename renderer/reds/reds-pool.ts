import {
  addLease,
  closeLeases,
  dropLease,
  emptyPoolState,
  issueNumber,
  leasesToClose,
  needsRefill,
  orphanLeases,
  settleIssue,
  usableCount,
  type IssuedNumber,
  type PendingIssue,
  type RedsPoolConfig,
  type RedsPoolError,
  type RedsPoolState,
} from '../../shared/reds';
import type { Result } from '../../shared/schemas';
import { PoolStoreConflictError, type LeaseSource, type PoolStore } from './ports';

export interface RedsPoolOptions {
  source: LeaseSource;
  store: PoolStore;
  config: RedsPoolConfig;
  workstationId: string;
  userId: string;
  now?: () => Date;
  /** Blocks requested in one refill run at most (a refused or offline request ends the run anyway). */
  maxLeasesPerRefill?: number;
}

export interface RedsPoolStatus {
  usable: number;
  pending: number;
  /** Blocks held, including those waiting for the server to acknowledge their return. */
  blocks: number;
  /** The last contact with the server failed. */
  offline: boolean;
  lastError: string | null;
}

/**
 * A console's stock of REDS numbers. Every change is persisted before it takes effect, one at a time, so a
 * number is never handed out twice, even when the console dies right after issuing it.
 */
export class RedsPool {
  private queue: Promise<unknown> = Promise.resolve();
  private maintaining: Promise<void> | null = null;
  private offline = false;
  private lastError: string | null = null;
  /** After `closeAll`, no refill until the next issue. */
  private closed = false;
  /** A grant's reply may have been lost (and at start-up): look for orphan blocks at the next maintenance. */
  private reconcileNeeded = true;
  private disposed = false;

  private constructor(
    private readonly options: RedsPoolOptions,
    private state: RedsPoolState,
  ) {}

  static async open(options: RedsPoolOptions): Promise<RedsPool> {
    const stored = await options.store.load();
    return new RedsPool(options, stored ?? emptyPoolState(options.workstationId, options.userId));
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  /** Runs state changes one after another; a change counts only once it is stored. */
  private exclusive<T>(change: (state: RedsPoolState) => { state: RedsPoolState; value: T }): Promise<T> {
    const run = this.queue.then(async () => {
      this.assertActive();
      const { state, value } = change(this.state);
      if (state !== this.state) {
        try {
          await this.options.store.save(state);
        } catch (error) {
          // The stored state is the truth: another writer, or a save that landed but reported failure.
          if (error instanceof PoolStoreConflictError) this.state = (await this.options.store.load()) ?? this.state;
          throw error;
        }
        this.state = state;
      }
      return value;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Hands the next number to a validated request, online or not. The number stays pending until
   * `settle` says its ledger entry (or its voiding) was written; a retry for the same request gets it again.
   */
  async issue(requestId: string): Promise<Result<PendingIssue, RedsPoolError>> {
    this.closed = false;
    const result = await this.exclusive<Result<IssuedNumber, RedsPoolError>>((state) => {
      const issued = issueNumber(state, { requestId, now: this.now(), config: this.options.config });
      return issued.ok ? { state: issued.value.state, value: issued } : { state, value: issued };
    });
    void this.maintain();
    return result.ok ? { ok: true, value: result.value.issue } : result;
  }

  /** The ledger entry of a pending number was written, or the number was voided. */
  settle(number: string): Promise<void> {
    return this.exclusive((state) => ({ state: settleIssue(state, number), value: undefined }));
  }

  /** Numbers handed out whose ledger entry is not known to be written: after a crash, record or void them. */
  pending(): PendingIssue[] {
    return [...this.state.pending];
  }

  status(): RedsPoolStatus {
    return {
      usable: usableCount(this.state, this.now(), this.options.config),
      pending: this.state.pending.length,
      blocks: this.state.leases.length,
      offline: this.offline,
      lastError: this.lastError,
    };
  }

  /** Hands back every block (end of shift, user logs out); refills resume with the next issue. */
  async closeAll(): Promise<void> {
    this.closed = true;
    this.reconcileNeeded = true; // a grant whose reply was lost after the last look must go back too
    await this.exclusive((state) => ({ state: closeLeases(state), value: undefined }));
    await this.maintaining; // a run already under way may have missed the closing
    await this.maintain();
  }

  /**
   * Returns finished or expiring blocks and refills below the threshold. Runs one at a time; never rejects:
   * failures leave the pool as it was and show in `status()`.
   */
  maintain(): Promise<void> {
    this.maintaining ??= this.runMaintenance().finally(() => {
      this.maintaining = null;
    });
    return this.maintaining;
  }

  private async runMaintenance(): Promise<void> {
    try {
      await this.returnClosedLeases();
      await this.returnOrphans();
      await this.refill();
      this.offline = false;
      this.lastError = null;
    } catch (error) {
      this.offline = true;
      this.lastError = error instanceof Error ? error.message : String(error);
    }
  }

  private assertActive(): void {
    if (this.disposed) throw new Error('REDS pool disposed');
  }

  /**
   * A server call of this instance: a disposed pool (its console restarted) neither starts one nor acts on
   * the answer, which may describe blocks its successor holds.
   */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    this.assertActive();
    const value = await request();
    this.assertActive();
    return value;
  }

  private async returnClosedLeases(): Promise<void> {
    const { config, source } = this.options;
    const closing = await this.exclusive((state) => {
      const toClose = leasesToClose(state, this.now(), config);
      return { state: closeLeases(state, toClose.map((lease) => lease.leaseId)), value: toClose };
    });
    for (const { leaseId, fromSequence } of closing) {
      await this.call(() => source.returnLease(leaseId, fromSequence));
      await this.exclusive((state) => ({ state: dropLease(state, leaseId), value: undefined }));
    }
  }

  /** Runs between refills (never while a grant is awaited), so an orphan is a grant whose reply was lost. */
  private async returnOrphans(): Promise<void> {
    const { source, store } = this.options;
    const listLeases = source.leasesOnServer?.bind(source);
    if (!listLeases || !this.reconcileNeeded) return;
    const onServer = await this.call(listLeases);
    // Judged against the state stored now, not the one when the listing left: a slow listing may already
    // show a block that another instance on this store was granted meanwhile.
    const known = (await store.load()) ?? this.state;
    for (const lease of orphanLeases(known, onServer)) {
      await this.call(() => source.returnLease(lease.leaseId, lease.firstSequence));
    }
    this.reconcileNeeded = false;
  }

  private async refill(): Promise<void> {
    const { config, source, maxLeasesPerRefill = 2 } = this.options;
    for (let requested = 0; requested < maxLeasesPerRefill && !this.closed && needsRefill(this.state, this.now(), config); requested += 1) {
      const lease = await this.call(() => source.requestLease(config.blockSize)).catch((error: unknown) => {
        this.reconcileNeeded = true;
        throw error;
      });
      const added = await this.exclusive<Result<RedsPoolState, RedsPoolError>>((state) => {
        const result = addLease(state, lease);
        return result.ok ? { state: result.value, value: result } : { state, value: result };
      });
      if (!added.ok) throw new Error(added.error.reason);
    }
  }

  /** Stops this instance from changing the stored state (its console is closing; a new one takes over). */
  dispose(): void {
    this.disposed = true;
  }

  /** Refills and returns blocks every `intervalMs` (and right away); call the returned function to stop. */
  startBackground(intervalMs: number): () => void {
    void this.maintain();
    const timer = setInterval(() => void this.maintain(), intervalMs);
    return () => clearInterval(timer);
  }
}
