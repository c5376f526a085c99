import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blocksOverlap, DEFAULT_REDS_LEASE_CONFIG } from '../../shared/reds';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage';
import { RedsLeaseStore } from './lease-store';

const dirs: string[] = [];
async function openStores(count: number): Promise<RedsLeaseStore[]> {
  const dir = mkdtempSync(join(tmpdir(), 'reds-store-'));
  dirs.push(dir);
  await SqliteStorage.open(dir).close(); // runs the migrations
  return Array.from({ length: count }, () => RedsLeaseStore.open(join(dir, 'plantao.sqlite')));
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const config = { ...DEFAULT_REDS_LEASE_CONFIG, maxActiveLeases: 1000 };
const input = (now: Date) => ({ workstationId: 'ws-01', userId: 'ana', unitId: 'dv-mg', size: 500, now });

describe('RedsLeaseStore', () => {
  it('hands out consecutive, non-overlapping blocks across connections and restarts', async () => {
    const [a, b] = await openStores(2);
    if (!a || !b) throw new Error('no stores');
    const now = new Date('2026-03-01T08:00:00.000Z');
    const leases = [];
    for (let i = 0; i < 20; i += 1) {
      const result = (i % 2 ? a : b).allocate(input(now), config);
      if (!result.ok) throw new Error(result.error);
      leases.push(result.value);
    }
    expect(leases[0]).toMatchObject({ year: 2026, firstSequence: 1, lastSequence: 500, status: 'active', expiresAt: '2026-03-08T08:00:00.000Z' });
    expect(leases.at(-1)).toMatchObject({ firstSequence: 9501, lastSequence: 10000 });
    for (const x of leases) for (const y of leases) if (x !== y) expect(blocksOverlap(x, y)).toBe(false);
    expect(b.epoch).toBe(a.epoch + 1);
    a.close();
    b.close();
  });

  it('caps block size and active blocks per workstation and user, in Portuguese', async () => {
    const [store] = await openStores(1);
    if (!store) throw new Error('no store');
    const now = new Date('2026-03-01T08:00:00.000Z');
    const small = { ...DEFAULT_REDS_LEASE_CONFIG, maxBlockSize: 50, maxActiveLeases: 1 };
    expect(store.allocate(input(now), small)).toMatchObject({ ok: true, value: { firstSequence: 1, lastSequence: 50 } });
    expect(store.allocate(input(now), small)).toEqual({
      ok: false,
      error: 'Esta estação já tem 1 blocos de números REDS ativos. Devolva um bloco antes de pedir outro.',
    });
    store.close();
  });

  it('keeps one number per request and lets a claim of an earlier run be replaced', async () => {
    const [first, second] = await openStores(2);
    if (!first || !second) throw new Error('no stores');
    const claim = (sequence: number) => ({ requestId: 'DV-2026-00000001', number: `2026-00000000${sequence}-001`, leaseId: 'lease-1', sequence });
    expect(first.claimRequest(claim(1))).toBeNull();
    expect(first.claimRequest(claim(1))).toBeNull();
    expect(first.claimRequest(claim(2))).toEqual({ held: '2026-000000001-001', earlierRun: false });
    expect(second.claimRequest(claim(2))).toEqual({ held: '2026-000000001-001', earlierRun: true });
    expect(second.lastClaimedSequence('lease-1')).toBe(1);
    second.reclaimRequest(claim(2));
    expect(first.lastClaimedSequence('lease-1')).toBe(2);
    expect(first.lastClaimedSequence('lease-2')).toBeNull();
    first.close();
    second.close();
  });
});
