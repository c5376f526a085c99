import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DEFAULT_MAX_BODY_BYTES } from '../../sync-server/config';
import { startServer } from '../../sync-server/server';
import type { TestServer } from '../../test/sync-server/support/test-server';

const ADMIN_PASSWORD = 'senha-de-bench-forte';

/**
 * The real server (SQLite, cheap argon2) on 127.0.0.1 and a free port, started here: the test support registers
 * vitest hooks that a plain script cannot run. The board bench needs it only to sign in and seed the post.
 */
export async function startCardsBenchServer(): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plantao-bench-cards-'));
  const config = { host: '127.0.0.1', port: 0, dataDir, corsOrigins: [], maxBodyBytes: DEFAULT_MAX_BODY_BYTES, version: 'bench', argon2: { memoryCost: 256, timeCost: 1, parallelism: 1 } };
  const start = (port: number) => startServer({ config: { ...config, port }, env: { PLANTAO_ADMIN_PASSWORD: ADMIN_PASSWORD }, logger: pino({ level: 'silent' }) });
  let running = await start(0);
  const port = Number(new URL(running.url).port);
  const authorization = `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`;
  let closed = false;
  return {
    get url() {
      return running.url;
    },
    dataDir,
    request(path, init = {}) {
      const { json, anonymous, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!anonymous) headers.set('authorization', authorization);
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
