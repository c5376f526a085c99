import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DEFAULT_MAX_BODY_BYTES, type ServerConfig } from '../../../sync-server/config';
import { startServer } from '../../../sync-server/server';
import { testBackend, type StorageKind } from './storage-kinds';

export const ADMIN = { username: 'admin', password: 'senha-de-teste-forte' } as const;
export const ADMIN_AUTH = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;

export interface TestServer {
  url: string;
  dataDir: string;
  /** fetch against the server as the bootstrap admin (JSON body when `json` is given). */
  request(path: string, init?: RequestInit & { json?: unknown; anonymous?: boolean }): Promise<Response>;
  /** Stops the server; the data directory stays until `dispose`. */
  close(): Promise<void>;
  /** Starts again on the same data directory and port. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'plantao-sync-'));
}

/** Cheap argon2id for tests; production uses OWASP_ARGON2. */
export const CHEAP_ARGON2 = { memoryCost: 256, timeCost: 1, parallelism: 1 } as const;

export function testConfig(dataDir: string, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    corsOrigins: ['http://localhost:5173'],
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    version: 'test',
    argon2: CHEAP_ARGON2,
    ...overrides,
  };
}

/**
 * The real server (real SQLite, or a fresh database of a throwaway PostgreSQL cluster; real authenticator and
 * policy) on 127.0.0.1, a free port and a temporary data directory.
 */
export async function startTestServer(overrides: Partial<ServerConfig> = {}, kind: StorageKind = 'sqlite'): Promise<TestServer> {
  const backend = await testBackend(kind);
  const { dataDir } = backend;
  overrides = { ...backend.config, ...overrides };
  const env = { PLANTAO_ADMIN_PASSWORD: ADMIN.password };
  const logger = pino({ level: 'silent' });
  let running = await startServer({ config: testConfig(dataDir, overrides), env, logger });
  const port = Number(new URL(running.url).port);
  let stopped = false;
  return {
    get url() {
      return running.url;
    },
    dataDir,
    request(path, init = {}) {
      const { json, anonymous, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!anonymous && !headers.has('authorization')) headers.set('authorization', ADMIN_AUTH);
      if (json !== undefined) headers.set('content-type', 'application/json');
      const send = () => fetch(`${running.url}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
      // After a restart the pooled keep-alive socket to the old server is dead: one retry on a fresh one.
      return send().catch(send);
    },
    async close() {
      stopped = true;
      await running.close();
    },
    async restart() {
      if (!stopped) await running.close();
      running = await startServer({ config: testConfig(dataDir, { ...overrides, port }), env, logger });
      stopped = false;
    },
    async dispose() {
      if (!stopped) await running.close();
      backend.dispose();
    },
  };
}
