import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../../shared/web/content-security-policy';
import { startTestServer, type TestServer } from './support/test-server';

const INDEX = '<!doctype html><title>Plantão</title><script type="module" src="./assets/index-abc123.js"></script>';
let consoleDir: string;
let server: TestServer;
const anonymous = (path: string) => server.request(path, { anonymous: true, redirect: 'manual' });

beforeAll(async () => {
  consoleDir = mkdtempSync(join(tmpdir(), 'plantao-console-'));
  mkdirSync(join(consoleDir, 'assets'));
  writeFileSync(join(consoleDir, 'index.html'), INDEX);
  writeFileSync(join(consoleDir, 'assets/index-abc123.js'), 'console.log("plantão")');
  writeFileSync(join(consoleDir, 'assets/index-abc123.css'), 'body{}');
  writeFileSync(join(tmpdir(), 'outside-console.txt'), 'segredo');
  server = await startTestServer({ consoleDir });
});
afterAll(async () => {
  await server.dispose();
  rmSync(consoleDir, { recursive: true, force: true });
});

describe('the browser console at /_console/', () => {
  it('serves index.html without a session, never cached, with the strict same-origin CSP', async () => {
    const response = await anonymous('/_console/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(buildContentSecurityPolicy({ dev: false }));
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self';");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX);
  });

  it('redirects /_console to /_console/, where relative asset URLs resolve', async () => {
    const response = await anonymous('/_console');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/_console/');
  });

  it('serves hashed assets with their content type, cached for good', async () => {
    const script = await anonymous('/_console/assets/index-abc123.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe('console.log("plantão")');
    expect((await anonymous('/_console/assets/index-abc123.css')).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it("answers the console's own routes with index.html, missing files with a JSON 404", async () => {
    const route = await anonymous('/_console/triagem/DV-2026-00000001');
    expect(route.status).toBe(200);
    expect(await route.text()).toBe(INDEX);
    const missing = await anonymous('/_console/assets/gone-000.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
  });

  it('never serves a file outside the console directory', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(server.url);
      httpRequest({ host: url.hostname, port: url.port, path: '/_console/%2e%2e/outside-console.txt' }, (answer) => {
        answer.resume();
        resolve(answer.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(404);
  });

  it("keeps CouchDB's JSON welcome at / and the API behind a session", async () => {
    expect(await (await anonymous('/')).json()).toMatchObject({ couchdb: 'Welcome' });
    expect((await anonymous('/requests')).status).toBe(401);
  });
});
