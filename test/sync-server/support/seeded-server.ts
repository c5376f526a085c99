import pino from 'pino';
import { storageUserStore } from '../../../sync-server/auth/storage-user-store';
import { createPasswordHasher } from '../../../sync-server/auth/password';
import { newUserAccount } from '../../../sync-server/auth/users';
import { NOW, seedWorld, USER_KEYS, USERS, type UserKey } from '../../../sync-server/policy/test-fixtures';
import { startServer } from '../../../sync-server/server';
import { testBackend, type StorageKind } from './storage-kinds';
import { CHEAP_ARGON2, testConfig } from './test-server';

export const SEEDED_PASSWORD = 'senha de teste do mundo semeado';

export interface SeededServer {
  url: string;
  /** fetch as one of the policy fixtures' users, with Basic auth (JSON body when `json` is given; POST then). */
  as(user: UserKey): (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
  dispose(): Promise<void>;
}

/** The real server on the policy fixtures' world (`seedWorld`) and users, on 127.0.0.1 and a free port. */
export async function startSeededServer(kind: StorageKind = 'sqlite'): Promise<SeededServer> {
  const backend = await testBackend(kind);
  const storage = await backend.openStorage();
  await seedWorld(storage);
  const store = storageUserStore(storage);
  const hasher = createPasswordHasher(CHEAP_ARGON2);
  for (const key of USER_KEYS) await store.putUser(await newUserAccount({ ...USERS[key], password: SEEDED_PASSWORD }, hasher, new Date(NOW)));
  await storage.close();
  const server = await startServer({ config: testConfig(backend.dataDir, backend.config), env: {}, logger: pino({ level: 'silent' }) });
  return {
    url: server.url,
    as: (user) => (path, init = {}) => {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('authorization', `Basic ${Buffer.from(`${USERS[user].name}:${SEEDED_PASSWORD}`).toString('base64')}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      const body = json !== undefined ? { method: rest.method ?? 'POST', body: JSON.stringify(json) } : {};
      return fetch(`${server.url}${path}`, { ...rest, headers, ...body });
    },
    async dispose() {
      await server.close();
      backend.dispose();
    },
  };
}
