import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_REDS_LEASE_CONFIG, redsNumberOf } from '../../shared/reds';
import type { RedsLease, RedsLedgerEntry } from '../../shared/schemas';
import type { Principal } from '../auth/principal';
import { scopeOf } from '../policy/scope-of';
import { ALLOWED } from '../policy/write-context';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage';
import { RedsLeaseStore } from './lease-store';
import { LEDGER_DB, RedsService } from './reds-service';

const officer: Principal = { name: 'ana', roles: ['triage_officer'], unitId: 'dv-mg', serverAdmin: false };
const admin: Principal = { name: 'admin', roles: ['admin'], serverAdmin: true };
const opened: { dir: string; storage: SqliteStorage; store: RedsLeaseStore }[] = [];

async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'reds-service-'));
  const storage = SqliteStorage.open(dir);
  const store = RedsLeaseStore.open(join(dir, 'plantao.sqlite'));
  opened.push({ dir, storage, store });
  const clock = { now: new Date('2026-03-01T08:00:00.000Z') };
  const service = new RedsService({ store, storage, policy: { scopeOf }, config: { ...DEFAULT_REDS_LEASE_CONFIG, defaultBlockSize: 10, leaseMinutes: 60 }, now: () => clock.now });
  await service.start();
  return { storage, service, clock };
}
afterEach(async () => {
  for (const { dir, storage, store } of opened.splice(0)) {
    await storage.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

function entry(lease: RedsLease, sequence: number, issuedAt: Date): RedsLedgerEntry {
  const requestId = `DV-2026-${String(sequence).padStart(8, '0')}`;
  return {
    type: 'reds_entry', schemaVersion: 1, number: redsNumberOf(lease.year, sequence), leaseId: lease.leaseId,
    workstationId: lease.workstationId, userId: lease.userId, unitId: lease.unitId, requestId,
    decisionId: `${requestId}:001`, issuedAt: issuedAt.toISOString(), status: 'issued',
  };
}

/** The write path of the server: the policy's REDS check, then the storage write. */
async function record(storage: SqliteStorage, service: RedsService, doc: RedsLedgerEntry, now: Date) {
  const checked = await service.issueCheck({ principal: officer, doc, current: null, storage, now });
  if (!checked.ok) return checked;
  await storage.bulkWrite(LEDGER_DB, [{ id: doc.number, deleted: false, body: { ...doc }, attachments: {} }], {
    newEdits: true,
    scopeOf: (id, body) => scopeOf(LEDGER_DB, id, body),
    check: async () => ALLOWED,
  });
  return checked;
}

describe('RedsService expiry', () => {
  it('closes an expired block after its last recorded number and still accepts numbers issued before expiry', async () => {
    const { storage, service, clock } = await setUp();
    const lease = await service.lease(officer, { workstationId: 'ws-01' });
    const beforeExpiry = new Date('2026-03-01T08:30:00.000Z');
    await record(storage, service, entry(lease, 1, beforeExpiry), beforeExpiry);
    await record(storage, service, entry(lease, 3, beforeExpiry), beforeExpiry);

    clock.now = new Date('2026-03-01T09:00:00.000Z');
    await service.expireDue();
    const period = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' };
    let report = await service.gapReport(admin, period);
    expect(report.blocks[0]).toMatchObject({ status: 'expired', issued: 2, missing: 1, unusedReturned: 7, missingNumbers: [redsNumberOf(2026, 2)] });

    // An offline console syncs late a number it issued before the block expired: accepted, accounted as issued.
    expect(await record(storage, service, entry(lease, 2, beforeExpiry), clock.now)).toEqual(ALLOWED);
    const late = await record(storage, service, entry(lease, 5, new Date('2026-03-01T09:00:01.000Z')), clock.now);
    expect(late).toMatchObject({ ok: false, error: { reason: `O bloco do número REDS ${redsNumberOf(2026, 5)} já tinha expirado na emissão.` } });
    report = await service.gapReport(admin, period);
    expect(report.totals).toMatchObject({ numbers: 10, issued: 3, missing: 0, unusedReturned: 7, outstanding: 0 });
  });

  it('refuses the gap report to an officer', async () => {
    const { service } = await setUp();
    await expect(service.gapReport(officer, { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' })).rejects.toMatchObject({ statusCode: 403 });
  });
});
