import { Writable } from 'node:stream';
import { rmSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../sync-server/server';
import { ADMIN, ADMIN_AUTH, tempDataDir, testConfig } from './support/test-server';

const lines: Record<string, unknown>[] = [];
const dataDir = tempDataDir();
let server: RunningServer;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  server = await startServer({
    config: testConfig(dataDir, { corsOrigins: ['http://localhost:5173'] }),
    env: { PLANTAO_ADMIN_PASSWORD: ADMIN.password },
    logger: pino({ level: 'info' }, sink),
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { authorization: ADMIN_AUTH, 'content-type': 'application/json', ...init.headers } });

describe('logs', () => {
  it('record method, route pattern, status, duration and user, never ids or bodies', async () => {
    await call('/logdb', { method: 'PUT' });
    await call('/logdb/maria-cpf-12345678909', { method: 'PUT', body: JSON.stringify({ cpf: '12345678909', nome: 'Maria' }) });
    await call('/logdb/maria-cpf-12345678909');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'PUT', route: '/:db/:id', status: 201, user: 'admin', ms: expect.any(Number) }),
        expect.objectContaining({ method: 'GET', route: '/:db/:id', status: 200, user: 'admin' }),
      ]),
    );
    const everything = JSON.stringify(lines);
    expect(everything).not.toContain('12345678909');
    expect(everything).not.toContain('Maria');
    expect(everything).not.toContain('logdb');
    expect(lines.filter((line) => String(line.msg).startsWith('plantao sync server listening on'))).toHaveLength(1);
  });
});

describe('CORS', () => {
  it('lets the console call with credentials and the headers PouchDB and RxDB use', async () => {
    const preflight = await fetch(`${server.url}/logdb/_bulk_docs`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const actual = await call('/logdb', { headers: { origin: 'http://localhost:5173' } });
    expect(actual.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(actual.headers.get('access-control-expose-headers')).toContain('etag');
    const stranger = await call('/logdb', { headers: { origin: 'http://evil.example' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });
});
