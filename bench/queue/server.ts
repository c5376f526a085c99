import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DEFAULT_MAX_BODY_BYTES } from '../../sync-server/config';
import { startServer } from '../../sync-server/server';
import type { TestServer } from '../../test/sync-server/support/test-server';

const ADMIN_PASSWORD = 'senha-de-bench-forte';

/**
 * The real sync server (SQLite) on 127.0.0.1, a free port and a temporary directory, outside vitest (the
 * test helper's storage kinds register vitest hooks). Only what the console seed helpers call.
 */
export async function startBenchServer(): Promise<Pick<TestServer, 'url' | 'request' | 'dispose'>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plantao-bench-queue-'));
  const running = await startServer({
    config: { host: '127.0.0.1', port: 0, dataDir, corsOrigins: [], maxBodyBytes: DEFAULT_MAX_BODY_BYTES, version: 'bench', argon2: { memoryCost: 256, timeCost: 1, parallelism: 1 } },
    env: { PLANTAO_ADMIN_PASSWORD: ADMIN_PASSWORD },
    logger: pino({ level: 'silent' }),
  });
  const auth = `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`;
  return {
    url: running.url,
    request(path, init = {}) {
      const { json, anonymous, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!anonymous) headers.set('authorization', auth);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${running.url}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    },
    async dispose() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
