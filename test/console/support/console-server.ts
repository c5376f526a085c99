import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export interface ConsoleServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built console and passes every other path to the sync server, the way a reverse proxy puts
 * both behind one origin in production. When the sync server is down the client's connection is dropped,
 * so the browser sees a network failure, not a proxy error page.
 */
export async function startConsoleServer(staticDir: string, upstream: () => string): Promise<ConsoleServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path === '/' ? join(staticDir, 'index.html') : join(staticDir, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    if (req.method === 'GET' && (path === '/' || path.startsWith('/assets/')) && existsSync(file) && statSync(file).isFile()) {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
      return;
    }
    const target = new URL(req.url ?? '/', upstream());
    const proxied = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    proxied.on('error', () => res.socket?.destroy());
    req.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
