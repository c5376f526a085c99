import { rmSync } from 'node:fs';
import pino from 'pino';
import { storageUserStore } from '../../../sync-server/auth/storage-user-store';
import { createPasswordHasher } from '../../../sync-server/auth/password';
import { newUserAccount } from '../../../sync-server/auth/users';
import { NOW, seedWorld, USER_KEYS, USERS, type UserKey } from '../../../sync-server/policy/test-fixtures';
import { startServer, type RunningServer } from '../../../sync-server/server';
import { SqliteStorage } from '../../../sync-server/storage/sqlite/sqlite-storage';
import { CHEAP_ARGON2, tempDataDir, testConfig } from '../../sync-server/support/test-server';

export const WORLD_PASSWORD = 'senha de teste do mundo semeado';

export interface WorldServer {
  readonly url: string;
  dataDir: string;
  /** fetch as one of the policy fixtures' users (JSON body when `json` is given; POST unless `method` says otherwise). */
  as(user: UserKey | null): (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
  close(): Promise<void>;
  /** Starts again on the same data directory. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** The real server over the policy fixtures' world and users, with the environment the intake and mail read. */
export async function startWorldServer(env: Record<string, string>): Promise<WorldServer> {
  const dataDir = tempDataDir();
  const storage = SqliteStorage.open(dataDir);
  await seedWorld(storage);
  const store = storageUserStore(storage);
  const hasher = createPasswordHasher(CHEAP_ARGON2);
  for (const key of USER_KEYS) await store.putUser(await newUserAccount({ ...USERS[key], password: WORLD_PASSWORD }, hasher, new Date(NOW)));
  await storage.close();
  const start = () => startServer({ config: testConfig(dataDir), env, logger: pino({ level: 'silent' }) });
  let server: RunningServer | null = await start();
  let url = server.url;
  return {
    get url() {
      return url;
    },
    dataDir,
    as: (user) => (path, init = {}) => {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (user) headers.set('authorization', `Basic ${Buffer.from(`${USERS[user].name}:${WORLD_PASSWORD}`).toString('base64')}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      const body = json !== undefined ? { method: rest.method ?? 'POST', body: JSON.stringify(json) } : {};
      return fetch(`${url}${path}`, { ...rest, headers, ...body });
    },
    async close() {
      await server?.close();
      server = null;
    },
    async restart() {
      await server?.close();
      server = await start();
      url = server.url;
    },
    async dispose() {
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
