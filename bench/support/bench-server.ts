import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DEFAULT_MAX_BODY_BYTES } from '../../sync-server/config';
import { startServer } from '../../sync-server/server';
import type { TestServer } from '../../test/sync-server/support/test-server';

const ADMIN = { username: 'admin', password: 'senha-de-bench-forte' } as const;

/**
 * The real server (real SQLite, authenticator and policy, cheap argon2 as in tests) on 127.0.0.1 and a free
 * port, started here rather than by the test support, whose storage kinds register vitest hooks a plain
 * script cannot run. `consoleDir` serves a built console at `/_console/`.
 */
export async function startBenchServer(consoleDir?: string): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plantao-bench-'));
  const config = {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    corsOrigins: [],
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    version: 'bench',
    argon2: { memoryCost: 256, timeCost: 1, parallelism: 1 },
    ...(consoleDir ? { consoleDir } : {}),
  };
  const start = (port: number) => startServer({ config: { ...config, port }, env: { PLANTAO_ADMIN_PASSWORD: ADMIN.password }, logger: pino({ level: 'silent' }) });
  let running = await start(0);
  const port = Number(new URL(running.url).port);
  const authorization = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;
  let closed = false;
  return {
    get url() {
      return running.url;
    },
    dataDir,
    request(path, init = {}) {
      const { json, anonymous, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!anonymous && !headers.has('authorization')) headers.set('authorization', authorization);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${running.url}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    },
    async close() {
      closed = true;
      await running.close();
    },
    async restart() {
      running = await start(port);
      closed = false;
    },
    async dispose() {
      if (!closed) await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
