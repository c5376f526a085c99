import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { Role } from '../../../shared/schemas';
import { createAuthenticator } from '../../../sync-server/auth/cookie-authenticator';
import { createPasswordHasher } from '../../../sync-server/auth/password';
import { storageUserStore } from '../../../sync-server/auth/storage-user-store';
import { newUserAccount } from '../../../sync-server/auth/users';
import { buildApp } from '../../../sync-server/http/app';
import type { AccessPolicy } from '../../../sync-server/policy/access-policy';
import { SqliteStorage } from '../../../sync-server/storage/sqlite/sqlite-storage';
import { testConfig } from './test-server';

export const PASSWORD = 'senha-de-teste-forte';
const CHEAP_ARGON2 = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

export interface PolicyApp {
  url: string;
  dataDir: string;
  storage: SqliteStorage;
  app: FastifyInstance;
  /** fetch as a user (JSON body when `json` is given). */
  as(user: string): (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
  /** Closes the app and the storage; the data directory stays until `dispose`. */
  close(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The real HTTP app, storage and authenticator with a policy chosen by the test: for checking that the HTTP
 * layer asks the policy on every path, apart from what the real policy decides.
 */
export async function startPolicyApp(policy: AccessPolicy, users: { name: string; roles: Role[]; unitId?: string }[]): Promise<PolicyApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plantao-policy-app-'));
  const storage = SqliteStorage.open(dataDir);
  const store = storageUserStore(storage);
  const hasher = createPasswordHasher(CHEAP_ARGON2);
  for (const user of users) await store.putUser(await newUserAccount({ ...user, password: PASSWORD }, hasher, new Date()));
  const authenticator = createAuthenticator({ store, argon2: CHEAP_ARGON2 });
  const app = await buildApp({ storage, authenticator, policy, config: testConfig(dataDir), logger: pino({ level: 'silent' }) });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await app.close();
    await storage.close();
  };
  return {
    url,
    dataDir,
    storage,
    app,
    as: (user) => (path, init = {}) => {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('authorization', `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${url}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    },
    close,
    async dispose() {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
