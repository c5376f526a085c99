import { statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { buildContentSecurityPolicy } from '../../../shared/web/content-security-policy';
import { notFound } from '../errors';

export const CONSOLE_PREFIX = '/_console';
/** The same strict policy as Electron's pages; the console talks to this origin only. */
const CONSOLE_CSP = buildContentSecurityPolicy({ dev: false });
/** Vite puts content hashes in asset names: they never change under the same name. */
const HASHED_ASSET = /^assets\//;

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The built browser console under `/_console/` (public: the console signs in through `/_session`). Paths
 * without a file extension are the console's own routes and get `index.html`; index.html is never cached,
 * hashed assets for a year.
 */
export async function registerConsoleRoutes(app: FastifyInstance, consoleDir: string): Promise<void> {
  const root = resolve(consoleDir);
  await app.register(fastifyStatic, { root, serve: false });

  const send = (reply: FastifyReply, file: string): FastifyReply => {
    reply.header('content-security-policy', CONSOLE_CSP).header('x-content-type-options', 'nosniff');
    return HASHED_ASSET.test(file)
      ? reply.sendFile(file, { maxAge: '365d', immutable: true })
      : reply.header('cache-control', 'no-cache').sendFile(file, { cacheControl: false });
  };

  // `/_console` and `/_console/` are one route (trailing slashes are ignored), else `/:db` would take them.
  app.get(CONSOLE_PREFIX, async (request, reply) =>
    // Relative asset URLs (`./assets/…`) need the trailing slash.
    request.url.split('?', 1)[0] === CONSOLE_PREFIX ? reply.redirect(`${CONSOLE_PREFIX}/`, 301) : send(reply, 'index.html'),
  );
  app.get(`${CONSOLE_PREFIX}/*`, async (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    const absolute = resolve(root, file);
    if (file !== '' && absolute.startsWith(root + sep) && isFile(absolute)) return send(reply, file);
    if (file === '' || extname(file) === '') return send(reply, 'index.html');
    throw notFound();
  });
}
