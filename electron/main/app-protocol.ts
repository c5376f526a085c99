import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Maps `app://plantao/<path>` to a file inside the built renderer folder; null for anything else or outside it. */
export function resolveAppAsset(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  const inside = relative(root, file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? null : file;
}

/** The `protocol.handle` body: the file with its content type, and the CSP on every response. */
export async function serveAppAsset(url: string, rendererDir: string, contentSecurityPolicy: string): Promise<Response> {
  const headers = { 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff' };
  const file = resolveAppAsset(url, rendererDir);
  const contentType = file === null ? undefined : CONTENT_TYPES[extname(file).toLowerCase()];
  if (file === null || contentType === undefined) return new Response('Não encontrado', { status: 404, headers });
  try {
    return new Response(await readFile(file), { status: 200, headers: { ...headers, 'Content-Type': contentType } });
  } catch {
    return new Response('Não encontrado', { status: 404, headers });
  }
}
