import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, LogController } from 'fastify';
import { HttpError } from '../auth/http-error';
import type { AppDependencies } from './context';
import { badRequest, installErrorHandling } from './errors';
import { registerChangesRoutes } from './routes/changes-routes';
import { CONSOLE_PREFIX, registerConsoleRoutes } from './routes/console-routes';
import { registerDatabaseRoutes } from './routes/database-routes';
import { registerDocumentRoutes } from './routes/document-routes';
import { registerPlantaoChangesRoutes } from './routes/plantao-changes-routes';
import { registerReadRoutes } from './routes/read-routes';
import { registerServerRoutes } from './routes/server-routes';
import { createSequenceCodec } from './sequence-codec';

/** Headers PouchDB and RxDB send and read across origins. */
const CORS_HEADERS = ['accept', 'authorization', 'content-type', 'origin', 'referer', 'if-match', 'x-requested-with', 'x-csrf-token'];
const CORS_EXPOSED = ['content-type', 'cache-control', 'accept-ranges', 'etag', 'server', 'x-couch-request-id', 'x-couch-update-newrev'];

const isPublic = (method: string, path: string): boolean =>
  (method === 'GET' && path === '/') ||
  path === '/_session' ||
  ((method === 'GET' || method === 'HEAD') && (path === CONSOLE_PREFIX || path.startsWith(`${CONSOLE_PREFIX}/`)));

/** The CouchDB-compatible HTTP API over a storage, an authenticator and an access policy. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's own typings and fastify's copy of them differ only nominally.
    loggerInstance: deps.logger as unknown as FastifyBaseLogger,
    // Fastify's request log carries URLs, and so document ids: we log route patterns instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.maxBodyBytes,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1024 },
    return503OnClosing: true,
    // A URL the router cannot decode (broken percent-encoding) is bad input like any other: JSON, not fastify's text.
    frameworkErrors: (_error, _request, reply) => (reply as FastifyReply).code(400).send(badRequest('invalid URL encoding').toJSON()),
  });
  const shutdown = new AbortController();
  // Live changes feeds end first, so that closing waits only for real work.
  app.addHook('preClose', async () => shutdown.abort());

  installErrorHandling(app);
  // CouchDB takes JSON bodies only (attachments have their own parser): text/plain is a 415.
  app.removeContentTypeParser('text/plain');
  // An empty JSON body is no body (`PUT /db` with a JSON content type), as in CouchDB.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
    body === '' ? done(null, undefined) : parseJson(request, String(body), done),
  );
  await app.register(cors, {
    origin: deps.config.corsOrigins,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: CORS_HEADERS,
    exposedHeaders: CORS_EXPOSED,
    maxAge: 600,
  });

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?', 1)[0] ?? '/';
    if (request.method === 'OPTIONS' || isPublic(request.method, path)) return;
    request.principal = await deps.authenticator.authenticate(request);
    if (!request.principal) throw new HttpError(401, 'unauthorized', 'É preciso entrar para acessar o servidor.');
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        user: request.principal?.name ?? null,
      },
      'request',
    );
  });

  deps.authenticator.register(app);
  registerServerRoutes(app, deps);
  // Keyed by a secret kept with the data: tokens stay valid across restarts and unforgeable by clients.
  const sequences = createSequenceCodec(await deps.storage.secret('changes-sequence'));
  registerDatabaseRoutes(app, deps, sequences);
  registerReadRoutes(app, deps);
  registerChangesRoutes(app, deps, sequences, shutdown.signal);
  registerPlantaoChangesRoutes(app, deps, sequences, shutdown.signal);
  registerDocumentRoutes(app, deps);
  if (deps.config.consoleDir) await registerConsoleRoutes(app, deps.config.consoleDir);
  return app;
}
