import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { grantedBlockSize, leaseExpiresAt, type RedsLeaseConfig } from '../../shared/reds';
import { err, ok, type RedsLease, type Result } from '../../shared/schemas';
import { inTransaction } from '../storage/postgres/transaction';
import { toLease, type AllocationInput, type Claim, type LeaseRow } from './lease-store';
import type { LeaseStore } from './lease-store-port';

const MAX_SEQUENCE = 999_999_999;

/**
 * REDS blocks in PostgreSQL (migration 002), shared by every server process. An allocation locks its year's
 * counter row (`SELECT … FOR UPDATE`), so allocations through any process take turns and blocks never overlap;
 * the UNIQUE constraints on (year, first/last sequence) refuse an overlap even if the counter were wrong.
 */
export class PgLeaseStore implements LeaseStore {
  private constructor(
    private readonly pool: pg.Pool,
    readonly epoch: number,
  ) {}

  static async open(pool: pg.Pool): Promise<PgLeaseStore> {
    const { rows } = await pool.query<{ epoch: number }>("SELECT nextval('reds_epoch') AS epoch");
    return new PgLeaseStore(pool, rows[0]!.epoch);
  }

  async allocate(input: AllocationInput, config: RedsLeaseConfig): Promise<Result<RedsLease>> {
    const size = grantedBlockSize(input.size, config);
    const year = input.now.getUTCFullYear();
    const nowIso = input.now.toISOString();
    return inTransaction(this.pool, async (client): Promise<Result<RedsLease>> => {
      await client.query('INSERT INTO reds_counters (year, next_sequence) VALUES ($1, 1) ON CONFLICT (year) DO NOTHING', [year]);
      const counter = await client.query<{ next_sequence: number }>('SELECT next_sequence FROM reds_counters WHERE year = $1 FOR UPDATE', [year]);
      const active = await client.query<{ n: number }>(
        "SELECT COUNT(*)::int AS n FROM reds_leases WHERE workstation_id = $1 AND user_id = $2 AND status = 'active' AND expires_at > $3",
        [input.workstationId, input.userId, nowIso],
      );
      if ((active.rows[0]?.n ?? 0) >= config.maxActiveLeases) {
        return err(`Esta estação já tem ${config.maxActiveLeases} blocos de números REDS ativos. Devolva um bloco antes de pedir outro.`);
      }
      const first = counter.rows[0]!.next_sequence;
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
      await client.query(
        `INSERT INTO reds_leases (lease_id, year, first_sequence, last_sequence, workstation_id, user_id, unit_id, leased_at, expires_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [row.lease_id, year, first, last, row.workstation_id, row.user_id, row.unit_id, row.leased_at, row.expires_at, row.status],
      );
      await client.query('UPDATE reds_counters SET next_sequence = $2 WHERE year = $1', [year, last + 1]);
      return ok(toLease(row));
    });
  }

  async get(leaseId: string): Promise<RedsLease | null> {
    const row = (await this.pool.query<LeaseRow>('SELECT * FROM reds_leases WHERE lease_id = $1', [leaseId])).rows[0];
    return row ? toLease(row) : null;
  }

  async closeLease(leaseId: string, status: 'returned' | 'expired', fromSequence: number, now: Date): Promise<RedsLease | null> {
    await this.pool.query(
      "UPDATE reds_leases SET status = $1, returned_from_sequence = $2, closed_at = $3, published = FALSE WHERE lease_id = $4 AND status = 'active'",
      [status, fromSequence, now.toISOString(), leaseId],
    );
    return this.get(leaseId);
  }

  async dueForExpiry(now: Date): Promise<RedsLease[]> {
    return this.leases("SELECT * FROM reds_leases WHERE status = 'active' AND expires_at <= $1", [now.toISOString()]);
  }

  async leasedBetween(from: string, to: string): Promise<RedsLease[]> {
    return this.leases('SELECT * FROM reds_leases WHERE leased_at >= $1 AND leased_at < $2 ORDER BY year, first_sequence', [
      new Date(from).toISOString(),
      new Date(to).toISOString(),
    ]);
  }

  async unpublished(): Promise<RedsLease[]> {
    return this.leases('SELECT * FROM reds_leases WHERE NOT published', []);
  }

  async markPublished(lease: RedsLease): Promise<void> {
    await this.pool.query('UPDATE reds_leases SET published = TRUE WHERE lease_id = $1 AND status = $2', [lease.leaseId, lease.status]);
  }

  async claimRequest(claim: Claim): Promise<{ held: string; earlierRun: boolean } | null> {
    const inserted = await this.pool.query(
      'INSERT INTO reds_request_numbers (request_id, number, lease_id, sequence, epoch) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id) DO NOTHING',
      [claim.requestId, claim.number, claim.leaseId, claim.sequence, this.epoch],
    );
    if ((inserted.rowCount ?? 0) > 0) return null;
    const row = (await this.pool.query<{ number: string; epoch: number }>('SELECT number, epoch FROM reds_request_numbers WHERE request_id = $1', [claim.requestId]))
      .rows[0];
    // Another process's claim counts as an earlier run's: ledger writes take turns, so its entry is already written if it ever will be.
    return row && row.number !== claim.number ? { held: row.number, earlierRun: row.epoch !== this.epoch } : null;
  }

  async reclaimRequest(claim: Claim): Promise<void> {
    await this.pool.query('UPDATE reds_request_numbers SET number = $2, lease_id = $3, sequence = $4, epoch = $5 WHERE request_id = $1', [
      claim.requestId,
      claim.number,
      claim.leaseId,
      claim.sequence,
      this.epoch,
    ]);
  }

  async lastClaimedSequence(leaseId: string): Promise<number | null> {
    const row = (await this.pool.query<{ sequence: number | null }>('SELECT MAX(sequence) AS sequence FROM reds_request_numbers WHERE lease_id = $1', [leaseId]))
      .rows[0];
    return row?.sequence ?? null;
  }

  /** The pool belongs to the storage, which closes it. */
  close(): void {}

  private async leases(sql: string, params: unknown[]): Promise<RedsLease[]> {
    return (await this.pool.query<LeaseRow>(sql, params)).rows.map(toLease);
  }
}
