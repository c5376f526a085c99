import { afterAll, describe, expect, it } from 'vitest';
import { runRedsSimulation } from '../../scripts/reds-sim/run-simulation';
import { startPostgres, type PostgresCluster } from '../support/postgres';

let cluster: PostgresCluster | null = null;
afterAll(async () => cluster?.stop());

/** The server's storage: its data directory alone (SQLite), or a fresh database on a throwaway cluster. */
async function databaseUrlFor(kind: 'sqlite' | 'postgres'): Promise<string | undefined> {
  if (kind === 'sqlite') return undefined;
  cluster ??= await startPostgres();
  return cluster.createDatabase();
}

/**
 * 50 consoles issue 100,000 numbers through the real server (a child process), dropping off the network,
 * restarting, losing replies, while the server is killed with SIGKILL twice and restarted. About 3 minutes
 * on SQLite and 5 on PostgreSQL on the 2-core machine when it is not shared.
 */
describe.each(['sqlite', 'postgres'] as const)('REDS simulation on %s', (kind) => {
  it('issues 100,000 numbers from 50 consoles with no duplicate and every number accounted for', { timeout: 1_500_000 }, async () => {
    const databaseUrl = await databaseUrlFor(kind);
    const result = await runRedsSimulation({ consoles: 50, numbers: 100_000, killAt: [0.3, 0.65], blockSize: 500, batchSize: 250, seed: 7, ...(databaseUrl ? { databaseUrl } : {}) });
    expect(result.restarts).toBe(2);
    expect(result.issued).toBe(100_000);
    expect(result.duplicates).toBe(0);
    expect(result.unaccounted).toBe(0);
    expect(result.overlaps).toBe(0);
    expect(result.acknowledgedMissing).toBe(0);
    expect(result.acknowledged).toBe(100_000);
    expect(result.refused).toBe(0);
    expect(result.report.issued).toBe(100_000);
    expect(result.report.missing + result.report.outstanding).toBe(0);
    expect(result.report.numbers).toBe(result.report.issued + result.report.void + result.report.unusedReturned);
  });
});
