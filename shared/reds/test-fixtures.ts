import type { RedsLease, RedsLedgerEntry } from '../schemas';
import { redsNumberOf } from './block';

/** Builders for the tests of this folder and of the console pool. */
export function leaseFixture(overrides: Partial<RedsLease> = {}): RedsLease {
  return {
    type: 'reds_lease',
    schemaVersion: 1,
    leaseId: 'lease-1',
    year: 2026,
    firstSequence: 101,
    lastSequence: 110,
    workstationId: 'ws-01',
    userId: 'ana',
    unitId: 'dv-mg',
    leasedAt: '2026-03-01T08:00:00.000Z',
    expiresAt: '2026-03-08T08:00:00.000Z',
    status: 'active',
    ...overrides,
  };
}

export function entryFixture(lease: RedsLease, sequence: number, overrides: Partial<RedsLedgerEntry> = {}): RedsLedgerEntry {
  return {
    type: 'reds_entry',
    schemaVersion: 1,
    number: redsNumberOf(lease.year, sequence),
    leaseId: lease.leaseId,
    workstationId: lease.workstationId,
    userId: lease.userId,
    unitId: lease.unitId,
    requestId: `DV-${lease.year}-${String(sequence).padStart(8, '0')}`,
    decisionId: `DV-${lease.year}-${String(sequence).padStart(8, '0')}:001`,
    issuedAt: lease.leasedAt,
    status: 'issued',
    ...overrides,
  };
}
