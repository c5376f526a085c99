import { createPasswordHasher } from '../../sync-server/auth/password';
import { storageUserStore } from '../../sync-server/auth/storage-user-store';
import { newUserAccount } from '../../sync-server/auth/users';
import { PostgresStorage } from '../../sync-server/storage/postgres/postgres-storage';
import { SqliteStorage } from '../../sync-server/storage/sqlite/sqlite-storage';

export const PASSWORD = 'senha-da-simulacao-reds';
export const UNIT = 'dv-mg';

export const officerName = (index: number): string => `officer-${String(index).padStart(3, '0')}`;

/** Writes `admin` and `officer-001…` (triage officers of one unit) into a data directory (or PostgreSQL) before the server starts. */
export async function seedUsers(dataDir: string, consoles: number, databaseUrl?: string): Promise<void> {
  const storage = databaseUrl ? await PostgresStorage.open(databaseUrl) : SqliteStorage.open(dataDir);
  // A cheap hash: the simulation measures REDS, not argon2.
  const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
  const users = storageUserStore(storage);
  const now = new Date();
  await users.putUser(await newUserAccount({ name: 'admin', roles: ['admin'], password: PASSWORD }, hasher, now));
  for (let index = 1; index <= consoles; index += 1) {
    const name = officerName(index);
    await users.putUser(await newUserAccount({ name, roles: ['triage_officer'], unitId: UNIT, password: PASSWORD }, hasher, now));
  }
  await storage.close();
}

