import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { ServerConfig } from '../../../sync-server/config';
import { PostgresStorage } from '../../../sync-server/storage/postgres/postgres-storage';
import { SqliteStorage } from '../../../sync-server/storage/sqlite/sqlite-storage';
import type { Storage } from '../../../sync-server/storage/storage';
import { startPostgres, type PostgresCluster } from '../../support/postgres';

/** The storages the conformance tests run against (`describe.each(STORAGE_KINDS)`). */
export const STORAGE_KINDS = ['sqlite', 'postgres'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

/** Where one test server keeps its data: a data directory, and for PostgreSQL a fresh database. */
export interface TestBackend {
  kind: StorageKind;
  dataDir: string;
  /** What the server's config needs to use this backend. */
  config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>;
  /** The storage itself, to seed it before the server starts (close it before starting the server on SQLite). */
  openStorage(): Promise<Storage>;
  /** Removes the data directory (the database goes with the test file's cluster). */
  dispose(): void;
}

let cluster: Promise<PostgresCluster> | null = null;

/** One throwaway cluster per test file, started on first use; each backend gets a database of its own. */
function testCluster(): Promise<PostgresCluster> {
  cluster ??= startPostgres();
  return cluster;
}

// Registered when a test file imports this module: the file's cluster stops after its last test.
afterAll(async () => {
  const started = cluster;
  cluster = null;
  await (await started)?.stop();
});

export async function testBackend(kind: StorageKind): Promise<TestBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plantao-sync-'));
  const databaseUrl = kind === 'postgres' ? await (await testCluster()).createDatabase() : undefined;
  return {
    kind,
    dataDir,
    config: { dataDir, ...(databaseUrl ? { databaseUrl } : {}) },
    openStorage: async () => (databaseUrl ? PostgresStorage.open(databaseUrl) : SqliteStorage.open(dataDir)),
    dispose: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
