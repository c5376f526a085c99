/** The PostgreSQL lease, intake and outbox stores, each opened twice over one database as two server processes would. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REDS_LEASE_CONFIG, blocksOverlap } from '../../../shared/reds';
import { startPostgres, type PostgresCluster } from '../../../test/support/postgres';
import { PgIntakeStore } from '../../intake/pg-intake-store';
import { PgOutboxStore } from '../../mail/pg-outbox-store';
import { PgLeaseStore } from '../../reds/pg-lease-store';
import { migratePostgres } from './migrate';
import { createPool } from './pool';

let cluster: PostgresCluster;
const pools: ReturnType<typeof createPool>[] = [];
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await cluster?.stop();
});

async function twoPools() {
  const url = await cluster.createDatabase();
  const made = [createPool(url), createPool(url)] as const;
  pools.push(...made);
  await migratePostgres(made[0]);
  return made;
}

describe('PostgreSQL server stores across processes', () => {
  it('leases blocks that never overlap, each run with its own epoch', async () => {
    const [p, q] = await twoPools();
    const stores = [await PgLeaseStore.open(p), await PgLeaseStore.open(q)];
    expect(stores[0]!.epoch).not.toBe(stores[1]!.epoch);
    const config = { ...DEFAULT_REDS_LEASE_CONFIG, maxActiveLeases: 100 };
    const now = new Date('2026-03-01T12:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        stores[index % 2]!.allocate({ workstationId: `ws-${index % 3}`, userId: `u-${index % 3}`, unitId: 'dv', size: 7, now }, config),
      ),
    );
    const leases = results.map((result) => (result.ok ? result.value : null));
    expect(leases.every((lease) => lease !== null)).toBe(true);
    for (const [index, lease] of leases.entries()) for (const other of leases.slice(index + 1)) expect(blocksOverlap(lease!, other!)).toBe(false);
  });

  it('gives an identical resubmission the same protocol whichever process receives it', async () => {
    const [p, q] = await twoPools();
    const stores = [new PgIntakeStore(p), new PgIntakeStore(q)];
    const input = (id: string, sha = 'same') => ({ portalSubmissionId: id, submissionSha256: sha, year: 2026, floor: 0, build: (protocol: string) => `{"p":"${protocol}"}` });
    const same = await Promise.all(Array.from({ length: 8 }, (_, index) => stores[index % 2]!.reserve(input('portal-1'))));
    expect(same.filter((reservation) => reservation.kind === 'new')).toHaveLength(1);
    expect(new Set(same.map((reservation) => reservation.protocol))).toEqual(new Set(['DV-2026-00000001']));
    expect(await stores[1]!.reserve(input('portal-1', 'other'))).toEqual({ kind: 'mismatch', protocol: 'DV-2026-00000001' });
    const distinct = await Promise.all(Array.from({ length: 6 }, (_, index) => stores[index % 2]!.reserve(input(`portal-${index + 2}`))));
    expect(new Set(distinct.map((reservation) => reservation.protocol)).size).toBe(6);
  });

  it('hands each due message to one mailer only', async () => {
    const [p, q] = await twoPools();
    const stores = [new PgOutboxStore(p), new PgOutboxStore(q)];
    const now = new Date('2026-03-01T12:00:00Z');
    const entries = Array.from({ length: 40 }, (_, index) => ({ decisionId: `d-${index}`, requestId: `r-${index}`, unitId: 'dv', outcome: 'validated' as const }));
    expect(await stores[0]!.enqueue('decisions', '40', entries, now)).toBe(40);
    expect(await stores[1]!.enqueue('decisions', '12', entries, now)).toBe(0);
    expect(await stores[1]!.cursor('decisions')).toBe('40');
    const claimed: string[] = [];
    await Promise.all(
      stores.map(async (store) => {
        let batch;
        while ((batch = await store.due(now, 3)).length > 0) claimed.push(...batch.map((message) => message.decisionId));
      }),
    );
    expect(claimed.sort()).toEqual(entries.map((entry) => entry.decisionId).sort());
    // A fresh `sending` row may be another process's message in flight: a start-up leaves it alone.
    expect(await stores[1]!.resumeInterrupted(now)).toBe(0);
    expect(await stores[1]!.resumeInterrupted(new Date(now.getTime() + 3_600_000))).toBe(40);
  });
});
