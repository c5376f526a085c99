import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type AppDependencies, requirePrincipal } from '../context';
import { badRequest } from '../errors';
import { intParam, type Query } from '../params';

const MAX_UUIDS = 1000;

export function registerServerRoutes(app: FastifyInstance, deps: AppDependencies): void {
  app.get('/', async () => ({
    couchdb: 'Welcome',
    version: '3.3.3',
    uuid: await deps.storage.serverUuid(),
    vendor: { name: 'plantao', version: deps.config.version },
    features: [],
  }));

  app.get('/_uuids', async (request) => {
    requirePrincipal(request);
    const count = intParam(request.query as Query, 'count') ?? 1;
    if (count > MAX_UUIDS) throw badRequest('count parameter too large');
    return { uuids: Array.from({ length: count }, () => randomUUID().replaceAll('-', '')) };
  });

  app.get('/_all_dbs', async (request) => {
    const principal = requirePrincipal(request);
    const names = await deps.storage.listDatabases();
    return names.filter((name) => !name.startsWith('_') && deps.policy.canAccessDatabase(principal, name));
  });
}
