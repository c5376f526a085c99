import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppAsset, serveAppAsset } from './app-protocol';

describe('app:// protocol', () => {
  let dir: string;
  let rendererDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plantao-renderer-'));
    rendererDir = join(dir, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Plantão</title>');
    await writeFile(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'segredo');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('maps app URLs into the renderer folder only', () => {
    expect(resolveAppAsset('app://plantao/', rendererDir)).toBe(join(rendererDir, 'index.html'));
    expect(resolveAppAsset('app://plantao/assets/index-abc.js?v=1#x', rendererDir)).toBe(join(rendererDir, 'assets', 'index-abc.js'));
    for (const url of ['app://other/index.html', 'file:///etc/passwd', 'app://plantao/%E0%A4%A', 'app://plantao/a%00.js']) {
      expect(resolveAppAsset(url, rendererDir), url).toBeNull();
    }
    // Encoded dot segments either collapse inside the folder or are refused: never a path outside it.
    for (const url of ['app://plantao/%2e%2e/secret.txt', 'app://plantao/..%2fsecret.txt', 'app://plantao/assets/%2e%2e%2f%2e%2e%2fsecret.txt']) {
      const file = resolveAppAsset(url, rendererDir);
      expect(file === null || file.startsWith(rendererDir + sep), `${url} → ${file}`).toBe(true);
    }
  });

  it('serves files with their content type and the CSP', async () => {
    const response = await serveAppAsset('app://plantao/index.html', rendererDir, "default-src 'self'");
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('Plantão');
    expect((await serveAppAsset('app://plantao/assets/index-abc.js', rendererDir, 'x')).headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers 404 outside the folder, for missing files and unknown types', async () => {
    for (const url of ['app://plantao/%2e%2e/secret.txt', 'app://plantao/missing.js', 'app://plantao/../secret.txt']) {
      const response = await serveAppAsset(url, rendererDir, "default-src 'self'");
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    }
  });
});
