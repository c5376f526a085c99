import { join } from 'node:path';
import type { ServerConfig } from './config';
import { IntakeStore } from './intake/intake-store';
import type { IntakeStorePort } from './intake/intake-store-port';
import { PgIntakeStore } from './intake/pg-intake-store';
import { OutboxStore } from './mail/outbox-store';
import type { OutboxStorePort } from './mail/outbox-store-port';
import { PgOutboxStore } from './mail/pg-outbox-store';
import { RedsLeaseStore } from './reds/lease-store';
import type { LeaseStore } from './reds/lease-store-port';
import { PgLeaseStore } from './reds/pg-lease-store';
import { PostgresStorage } from './storage/postgres/postgres-storage';
import { SqliteStorage } from './storage/sqlite/sqlite-storage';
import type { Storage } from './storage/storage';

/** The documents' storage and the server-only stores beside it, all in one place. */
export interface Backend {
  storage: Storage;
  leases: LeaseStore;
  intake: IntakeStorePort;
  outbox: OutboxStorePort;
}

/**
 * PostgreSQL when `databaseUrl` is set (several server processes may share it), else SQLite in `dataDir`
 * (the stores open their own connections to the migrated file). Closing the storage closes what it owns;
 * the stores are closed by their installations.
 */
export async function openBackend(config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>): Promise<Backend> {
  if (config.databaseUrl) {
    const storage = await PostgresStorage.open(config.databaseUrl);
    try {
      return { storage, leases: await PgLeaseStore.open(storage.pool), intake: new PgIntakeStore(storage.pool), outbox: new PgOutboxStore(storage.pool) };
    } catch (error) {
      await storage.close();
      throw error;
    }
  }
  const storage = SqliteStorage.open(config.dataDir);
  const file = join(config.dataDir, 'plantao.sqlite');
  return { storage, leases: RedsLeaseStore.open(file), intake: IntakeStore.open(file), outbox: OutboxStore.open(file) };
}
