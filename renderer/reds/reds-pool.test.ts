import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RedsPoolConfig } from '../../shared/reds';
import { MemoryPoolStore } from './memory-pool-store';
import { RedsPool } from './reds-pool';
import { TestLeaseServer } from './test-lease-server';

const config: RedsPoolConfig = { blockSize: 10, refillThreshold: 4, expiryMarginMinutes: 30 };

async function openPool(server: TestLeaseServer, store: MemoryPoolStore, overrides: Partial<RedsPoolConfig> = {}) {
  return RedsPool.open({ source: server.sourceFor('ws-01', 'ana'), store, config: { ...config, ...overrides }, workstationId: 'ws-01', userId: 'ana', now: () => server.now() });
}

const request = (n: number) => `DV-2026-${String(n).padStart(8, '0')}`;

async function issueOrThrow(pool: RedsPool, requestId: string): Promise<string> {
  const result = await pool.issue(requestId);
  if (!result.ok) throw new Error(result.error.reason);
  return result.value.number;
}

describe('RedsPool', () => {
  it('refills in the background once below the threshold', async () => {
    const server = new TestLeaseServer();
    const pool = await openPool(server, new MemoryPoolStore());
    await pool.maintain();
    expect(pool.status().usable).toBe(10);
    for (let n = 1; n <= 6; n += 1) await issueOrThrow(pool, request(n));
    expect(server.leases.size).toBe(1);
    await issueOrThrow(pool, request(7)); // 3 left < 4: the issue triggers a refill
    await pool.maintain();
    expect(server.leases.size).toBe(2);
    expect(pool.status().usable).toBe(13);
  });

  it('issues offline from the stock and reports the failed refill', async () => {
    const server = new TestLeaseServer();
    const pool = await openPool(server, new MemoryPoolStore());
    await pool.maintain();
    server.online = false;
    const numbers = [];
    for (let n = 1; n <= 10; n += 1) numbers.push(await issueOrThrow(pool, request(n)));
    expect(new Set(numbers).size).toBe(10);
    await pool.maintain();
    expect(pool.status()).toMatchObject({ usable: 0, offline: true, lastError: 'Sem conexão com o servidor.' });
    const empty = await pool.issue(request(11));
    expect(empty).toMatchObject({ ok: false, error: { code: 'pool_empty' } });
    server.online = true;
    await pool.maintain();
    expect(await issueOrThrow(pool, request(11))).toBe('2026-000000011-001');
  });

  it('keeps its numbers across a restart and never repeats one', async () => {
    const server = new TestLeaseServer();
    const store = new MemoryPoolStore();
    const before = await openPool(server, store);
    await before.maintain();
    const first = await issueOrThrow(before, request(1));
    const after = await openPool(server, store);
    expect(after.pending().map((issue) => issue.number)).toEqual([first]);
    expect(await issueOrThrow(after, request(2))).toBe('2026-000000002-001');
    expect(server.leases.size).toBe(1);
  });

  it('stops issuing from an expired block and returns it with its unused tail', async () => {
    const server = new TestLeaseServer();
    const pool = await openPool(server, new MemoryPoolStore(), { refillThreshold: 0 });
    await pool.maintain();
    await issueOrThrow(pool, request(1));
    await issueOrThrow(pool, request(2));
    const later = server.now().getTime() + (server.leaseMinutes - 29) * 60_000;
    server.now = () => new Date(later);
    server.online = false;
    expect(await pool.issue(request(3))).toMatchObject({ ok: false, error: { code: 'pool_empty' } });
    server.online = true;
    await pool.maintain();
    expect(server.leases.get('lease-1')).toMatchObject({ status: 'returned', returnedFromSequence: 3 });
    expect(await issueOrThrow(pool, request(3))).toBe('2026-000000011-001');
  });

  it('hands back a block whose grant reply was lost', async () => {
    const server = new TestLeaseServer();
    const pool = await openPool(server, new MemoryPoolStore(), { refillThreshold: 1 });
    server.loseNextReply = true;
    await pool.maintain();
    expect(pool.status()).toMatchObject({ usable: 0, offline: true });
    await pool.maintain();
    expect(server.leases.get('lease-1')).toMatchObject({ status: 'returned', returnedFromSequence: 1 });
    expect(await issueOrThrow(pool, request(1))).toBe('2026-000000011-001');
  });

  it('a pool replaced while its listing was under way hands back no block of its successor', async () => {
    const server = new TestLeaseServer();
    const store = new MemoryPoolStore();
    const replaced = await openPool(server, store);
    const listing = server.holdNextListing();
    const replacedRun = replaced.maintain(); // a new pool looks for orphan blocks first
    await listing.entered;
    replaced.dispose(); // the console restarts while the listing is under way
    const successor = await openPool(server, store);
    await successor.maintain();
    expect(server.leases.get('lease-1')).toMatchObject({ status: 'active' });
    listing.release(); // the late answer lists lease-1, which the replaced pool never knew
    await replacedRun;
    expect(server.leases.get('lease-1')).toMatchObject({ status: 'active' });
    expect(server.leases.size).toBe(1); // nor did the replaced pool ask for a block of its own
    expect(await issueOrThrow(successor, request(1))).toBe('2026-000000001-001');
  });

  it('returns every block at the end of a shift', async () => {
    const server = new TestLeaseServer();
    const pool = await openPool(server, new MemoryPoolStore());
    await pool.maintain();
    await issueOrThrow(pool, request(1));
    await pool.closeAll();
    expect(server.leases.get('lease-1')).toMatchObject({ status: 'returned', returnedFromSequence: 2 });
    expect(pool.status().usable).toBe(0);
  });

  it('never hands out a number twice across any interleaving of issue, refill, settle, offline and restart', async () => {
    const step = fc.oneof(
      fc.constant({ kind: 'issue' as const }),
      fc.constant({ kind: 'retry' as const }),
      fc.constant({ kind: 'maintain' as const }),
      fc.constant({ kind: 'settle' as const }),
      fc.constant({ kind: 'toggle-network' as const }),
      fc.constant({ kind: 'restart' as const }),
      fc.constant({ kind: 'close-all' as const }),
      fc.constant({ kind: 'advance-hours' as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 60 }), async (steps) => {
        const server = new TestLeaseServer();
        server.leaseMinutes = 6 * 60;
        const store = new MemoryPoolStore();
        let pool = await openPool(server, store);
        const handedOut = new Map<string, string>(); // number → request
        let requestCounter = 0;
        for (const { kind } of steps) {
          if (kind === 'issue' || kind === 'retry') {
            const requestId = request(kind === 'retry' && requestCounter > 0 ? requestCounter : ++requestCounter);
            const result = await pool.issue(requestId);
            if (result.ok) {
              const holder = handedOut.get(result.value.number);
              expect(holder === undefined || holder === requestId).toBe(true);
              handedOut.set(result.value.number, requestId);
              const lease = server.leases.get(result.value.leaseId);
              expect(lease && Date.parse(result.value.issuedAt) < Date.parse(lease.expiresAt)).toBe(true);
            }
          } else if (kind === 'maintain') await pool.maintain();
          else if (kind === 'settle') {
            const [oldest] = pool.pending();
            if (oldest) await pool.settle(oldest.number);
          } else if (kind === 'toggle-network') server.online = !server.online;
          else if (kind === 'restart') {
            pool.dispose(); // the old process is gone, whatever it had in flight
            pool = await openPool(server, store);
          }
          else if (kind === 'close-all') await pool.closeAll();
          else {
            const later = server.now().getTime() + 2 * 3_600_000;
            server.now = () => new Date(later);
          }
        }
        // Every number handed out was in a block leased to this console and is not in a returned tail.
        for (const number of handedOut.keys()) {
          const sequence = Number(number.slice(5, 14));
          const lease = [...server.leases.values()].find((l) => sequence >= l.firstSequence && sequence <= l.lastSequence);
          expect(lease).toBeDefined();
          if (lease?.status === 'returned') expect(sequence).toBeLessThan(lease.returnedFromSequence ?? 0);
        }
      }),
      { numRuns: 150 },
    );
  });
});
