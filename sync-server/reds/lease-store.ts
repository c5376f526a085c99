import { randomUUID } from 'node:crypto';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { grantedBlockSize, leaseExpiresAt, type RedsLeaseConfig } from '../../shared/reds';
import { err, ok, type RedsLease, type Result } from '../../shared/schemas';

export interface LeaseRow {
  lease_id: string;
  year: number;
  first_sequence: number;
  last_sequence: number;
  workstation_id: string;
  user_id: string;
  unit_id: string;
  leased_at: string;
  expires_at: string;
  status: RedsLease['status'];
  closed_at: string | null;
  returned_from_sequence: number | null;
}

// Rows are written by this store only and constrained by the table's CHECKs; the ledger check reads one per
// entry, so rows are shaped without a zod pass.
export const toLease = (row: LeaseRow): RedsLease => ({
    type: 'reds_lease',
    schemaVersion: 1,
    leaseId: row.lease_id,
    year: row.year,
    firstSequence: row.first_sequence,
    lastSequence: row.last_sequence,
    workstationId: row.workstation_id,
    userId: row.user_id,
    unitId: row.unit_id,
    leasedAt: row.leased_at,
    expiresAt: row.expires_at,
    status: row.status,
    ...(row.closed_at ? { closedAt: row.closed_at } : {}),
    ...(row.returned_from_sequence !== null ? { returnedFromSequence: row.returned_from_sequence } : {}),
});

const MAX_SEQUENCE = 999_999_999;

/** A request's number, as the ledger check sees it. */
export interface Claim {
  requestId: string;
  number: string;
  leaseId: string;
  sequence: number;
}

export interface AllocationInput {
  workstationId: string;
  userId: string;
  unitId: string;
  size: number | undefined;
  now: Date;
}

/**
 * REDS blocks in the sync server's SQLite file (tables of migration 002), over a connection of its own.
 * Every change is one synchronous IMMEDIATE transaction, so concurrent requests, or processes, serialize.
 */
export class RedsLeaseStore {
  private constructor(
    private readonly db: Database,
    /** Request claims need no fsync each: they are checked per ledger entry, and a crash of the process keeps them (WAL). */
    private readonly claims: Database,
    /** This run's number: request claims of earlier runs may belong to ledger writes that died with them. */
    readonly epoch: number,
  ) {
    this.selectLease = db.prepare<[string], LeaseRow>('SELECT * FROM reds_leases WHERE lease_id = ?');
    this.insertClaim = claims.prepare(
      'INSERT OR IGNORE INTO reds_request_numbers (request_id, number, lease_id, sequence, epoch) VALUES (@requestId, @number, @leaseId, @sequence, @epoch)',
    );
    this.selectClaim = claims.prepare<[string], { number: string; epoch: number }>('SELECT number, epoch FROM reds_request_numbers WHERE request_id = ?');
  }

  private readonly selectLease: Statement<[string], LeaseRow>;
  private readonly insertClaim: Statement<[Claim & { epoch: number }]>;
  private readonly selectClaim: Statement<[string], { number: string; epoch: number }>;

  /** Opens the file the storage has already migrated. */
  static open(file: string): RedsLeaseStore {
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 10000');
    const claims = new BetterSqlite3(file);
    claims.pragma('synchronous = NORMAL');
    claims.pragma('busy_timeout = 10000');
    const epoch = db.transaction(() => {
      db.prepare('UPDATE reds_epoch SET epoch = epoch + 1 WHERE id = 1').run();
      return db.prepare<[], { epoch: number }>('SELECT epoch FROM reds_epoch WHERE id = 1').get()?.epoch ?? 1;
    }).immediate();
    return new RedsLeaseStore(db, claims, epoch);
  }

  /** Reserves the next block of the current year for a workstation and user. Reasons are pt-BR. */
  allocate(input: AllocationInput, config: RedsLeaseConfig): Result<RedsLease> {
    const size = grantedBlockSize(input.size, config);
    const year = input.now.getUTCFullYear();
    const nowIso = input.now.toISOString();
    return this.db.transaction((): Result<RedsLease> => {
      const active = this.db
        .prepare<[string, string, string], { n: number }>(
          "SELECT COUNT(*) AS n FROM reds_leases WHERE workstation_id = ? AND user_id = ? AND status = 'active' AND expires_at > ?",
        )
        .get(input.workstationId, input.userId, nowIso);
      if ((active?.n ?? 0) >= config.maxActiveLeases) {
        return err(`Esta estação já tem ${config.maxActiveLeases} blocos de números REDS ativos. Devolva um bloco antes de pedir outro.`);
      }
      const counter = this.db.prepare<[number], { next_sequence: number }>('SELECT next_sequence FROM reds_counters WHERE year = ?').get(year);
      const first = counter?.next_sequence ?? 1;
      const last = first + size - 1;
      if (last > MAX_SEQUENCE) return err(`Os números REDS de ${year} se esgotaram.`);
      const row: LeaseRow = {
        lease_id: `reds-${year}-${randomUUID()}`,
        year,
        first_sequence: first,
        last_sequence: last,
        workstation_id: input.workstationId,
        user_id: input.userId,
        unit_id: input.unitId,
        leased_at: nowIso,
        expires_at: leaseExpiresAt(input.now, config).toISOString(),
        status: 'active',
        closed_at: null,
        returned_from_sequence: null,
      };
      this.db
        .prepare(
          `INSERT INTO reds_leases (lease_id, year, first_sequence, last_sequence, workstation_id, user_id, unit_id, leased_at, expires_at, status)
           VALUES (@lease_id, @year, @first_sequence, @last_sequence, @workstation_id, @user_id, @unit_id, @leased_at, @expires_at, @status)`,
        )
        .run(row);
      this.db
        .prepare('INSERT INTO reds_counters (year, next_sequence) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET next_sequence = excluded.next_sequence')
        .run(year, last + 1);
      return ok(toLease(row));
    }).immediate();
  }

  get(leaseId: string): RedsLease | null {
    const row = this.selectLease.get(leaseId);
    return row ? toLease(row) : null;
  }

  /** Closes an active block from `fromSequence` on; a closed one is returned as it is. */
  closeLease(leaseId: string, status: 'returned' | 'expired', fromSequence: number, now: Date): RedsLease | null {
    this.db
      .prepare(
        "UPDATE reds_leases SET status = ?, returned_from_sequence = ?, closed_at = ?, published = 0 WHERE lease_id = ? AND status = 'active'",
      )
      .run(status, fromSequence, now.toISOString(), leaseId);
    return this.get(leaseId);
  }

  /** Active blocks whose expiry has passed. */
  dueForExpiry(now: Date): RedsLease[] {
    return this.db
      .prepare<[string], LeaseRow>("SELECT * FROM reds_leases WHERE status = 'active' AND expires_at <= ?")
      .all(now.toISOString())
      .map(toLease);
  }

  leasedBetween(from: string, to: string): RedsLease[] {
    return this.db
      .prepare<[string, string], LeaseRow>('SELECT * FROM reds_leases WHERE leased_at >= ? AND leased_at < ? ORDER BY year, first_sequence')
      .all(new Date(from).toISOString(), new Date(to).toISOString())
      .map(toLease);
  }

  /** Leases whose current state is not yet in the `reds_leases` database. */
  unpublished(): RedsLease[] {
    return this.db.prepare<[], LeaseRow>('SELECT * FROM reds_leases WHERE published = 0').all().map(toLease);
  }

  markPublished(lease: RedsLease): void {
    // Only when the row did not change since: a close after the read must be published again.
    this.db.prepare('UPDATE reds_leases SET published = 1 WHERE lease_id = ? AND status = ?').run(lease.leaseId, lease.status);
  }

  /**
   * Claims a request's one number. Resolves the number the request already holds when it differs, with
   * whether that claim comes from an earlier run (its ledger write may never have happened).
   */
  claimRequest(claim: Claim): { held: string; earlierRun: boolean } | null {
    if (this.insertClaim.run({ ...claim, epoch: this.epoch }).changes > 0) return null;
    const row = this.selectClaim.get(claim.requestId);
    return row && row.number !== claim.number ? { held: row.number, earlierRun: row.epoch < this.epoch } : null;
  }

  /** Moves a request's claim to another number (the earlier claim never reached the ledger). */
  reclaimRequest(claim: Claim): void {
    this.claims
      .prepare('UPDATE reds_request_numbers SET number = @number, lease_id = @leaseId, sequence = @sequence, epoch = @epoch WHERE request_id = @requestId')
      .run({ ...claim, epoch: this.epoch });
  }

  /** The highest sequence of a block that passed the ledger check (its entry is written right after), or null. */
  lastClaimedSequence(leaseId: string): number | null {
    const row = this.claims
      .prepare<[string], { sequence: number | null }>('SELECT MAX(sequence) AS sequence FROM reds_request_numbers WHERE lease_id = ?')
      .get(leaseId);
    return row?.sequence ?? null;
  }

  close(): void {
    if (this.db.open) this.db.close();
    if (this.claims.open) this.claims.close();
  }
}
