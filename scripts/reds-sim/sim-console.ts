import type { RedsPoolConfig } from '../../shared/reds';
import type { RedsLedgerEntry } from '../../shared/schemas';
import { httpLeaseSource } from '../../renderer/reds/http-lease-source';
import { MemoryPoolStore } from '../../renderer/reds/memory-pool-store';
import { RedsPool } from '../../renderer/reds/reds-pool';
import { SimHttp } from './http-client';

export interface SimConsoleOptions {
  index: number;
  baseUrl: string;
  password: string;
  unitId: string;
  pool: RedsPoolConfig;
  batchSize: number;
  random: () => number;
  /** Per issued number: chance of dropping off the network for a while. */
  disconnectRate: number;
  /** Per issued number: chance the console process restarts (its pool reloads from its store). */
  restartRate: number;
  lostReplyRate: number;
}

export interface BulkRow {
  id: string;
  ok?: boolean;
  error?: string;
  reason?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One simulated triage console: validates requests, takes each number from its own RedsPool (persisted in
 * memory across simulated restarts), keeps ledger entries in an outbox as the console's local store would,
 * and pushes them in `_bulk_docs` batches whenever it is online.
 */
export class SimConsole {
  readonly userId: string;
  readonly workstationId: string;
  readonly http: SimHttp;
  readonly handedOut: RedsLedgerEntry[] = [];
  readonly acknowledged = new Set<string>();
  readonly refused: { number: string; reason: string }[] = [];
  private readonly store = new MemoryPoolStore();
  private pool!: RedsPool;
  private outbox: RedsLedgerEntry[] = [];
  private offlineUntil = 0;
  private requestCounter = 0;

  constructor(private readonly options: SimConsoleOptions) {
    this.userId = `officer-${String(options.index).padStart(3, '0')}`;
    this.workstationId = `ws-${String(options.index).padStart(3, '0')}`;
    this.http = new SimHttp(options.baseUrl, options.random);
    this.http.lostReplyRate = options.lostReplyRate;
  }

  async open(): Promise<void> {
    await this.http.login(this.userId, this.options.password);
    await this.reopenPool();
  }

  private async reopenPool(): Promise<void> {
    this.pool?.dispose();
    this.pool = await RedsPool.open({
      source: httpLeaseSource({ baseUrl: this.options.baseUrl, workstationId: this.workstationId, fetch: this.http.fetch }),
      store: this.store,
      config: this.options.pool,
      workstationId: this.workstationId,
      userId: this.userId,
    });
    // Numbers handed out before a crash whose entry never reached the outbox would be recorded here;
    // this console settles each number only after queuing its entry, so there are none.
    for (const issue of this.pool.pending()) await this.pool.settle(issue.number);
  }

  private updateNetwork(): void {
    const now = Date.now();
    if (this.http.offline && now >= this.offlineUntil) this.http.offline = false;
    if (!this.http.offline && this.options.random() < this.options.disconnectRate) {
      this.http.offline = true;
      this.offlineUntil = now + 200 + this.options.random() * 1500;
    }
  }

  /** Validates `quota` requests, each getting one number, online or not. */
  async issue(quota: number, onIssued: () => void): Promise<void> {
    const target = this.handedOut.length + quota;
    while (this.handedOut.length < target) {
      this.updateNetwork();
      if (this.options.random() < this.options.restartRate) await this.reopenPool();
      const requestId = `DV-2026-${String(this.options.index * 100_000 + this.requestCounter + 1).padStart(8, '0')}`;
      const result = await this.pool.issue(requestId);
      if (!result.ok) {
        await sleep(20); // pool empty while offline: the officer waits for the network
        continue;
      }
      this.requestCounter += 1;
      const entry: RedsLedgerEntry = {
        type: 'reds_entry',
        schemaVersion: 1,
        number: result.value.number,
        leaseId: result.value.leaseId,
        workstationId: this.workstationId,
        userId: this.userId,
        unitId: this.options.unitId,
        requestId,
        decisionId: `${requestId}:001`,
        issuedAt: result.value.issuedAt,
        status: 'issued',
      };
      this.outbox.push(entry);
      await this.pool.settle(entry.number);
      this.handedOut.push(entry);
      onIssued();
      if (this.outbox.length >= this.options.batchSize) await this.flush();
    }
  }

  /** Pushes queued entries; rows the server stored (or already had) leave the outbox. */
  async flush(): Promise<void> {
    while (this.outbox.length > 0 && !this.http.offline) {
      const batch = this.outbox.slice(0, this.options.batchSize);
      let rows: BulkRow[];
      try {
        const reply = await this.http.json('/reds_ledger/_bulk_docs', { docs: batch.map((entry) => ({ _id: entry.number, ...entry })) });
        if (reply.status !== 201 && reply.status !== 200) return;
        rows = reply.body as BulkRow[];
      } catch {
        return; // offline, server down or reply lost: the entries stay queued
      }
      const settled = new Set<string>();
      for (const row of rows) {
        settled.add(row.id);
        // A conflict is this console's own earlier write whose reply was lost: only it can write its numbers.
        if (row.ok || row.error === 'conflict') this.acknowledged.add(row.id);
        else this.refused.push({ number: row.id, reason: row.reason ?? row.error ?? '?' });
      }
      this.outbox = this.outbox.filter((entry) => !settled.has(entry.number));
    }
  }

  /** End of the shift: back online, every entry pushed, every block handed back. */
  async finish(deadline: number): Promise<void> {
    this.offlineUntil = 0;
    this.http.offline = false;
    this.http.lostReplyRate = 0;
    while (Date.now() < deadline) {
      await this.flush();
      if (this.outbox.length === 0) {
        await this.pool.closeAll();
        if (this.pool.status().blocks === 0) return;
      }
      await sleep(200);
    }
    throw new Error(`${this.userId} could not finish: ${this.outbox.length} entries queued, ${this.pool.status().lastError ?? ''}`);
  }
}
