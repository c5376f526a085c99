import type { FastifyInstance } from 'fastify';
import { OutboxQuerySchema, type OutboxStatus } from '../../shared/schemas';
import { forbidden } from '../auth/http-error';
import { requirePrincipal } from '../http/context';
import { badRequest } from '../http/errors';
import type { AccessPolicy } from '../policy/access-policy';
import type { Storage } from '../storage/storage';
import { DECISIONS_DB } from './outbox-feed';
import type { OutboxStorePort } from './outbox-store-port';

/**
 * `GET /api/outbox?requestId=…`: delivery states of a request's citizen e-mails, for triage officers and
 * supervisors. A message is listed only when its decision is readable to the user (same scope rules as the
 * `decisions` database: unit, secrecy), so the endpoint reveals nothing the console could not replicate.
 */
export function outboxRoutes(deps: { store: OutboxStorePort; storage: Storage; policy: AccessPolicy }) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/outbox', async (request): Promise<OutboxStatus> => {
      const principal = requirePrincipal(request);
      const staff = principal.serverAdmin || principal.roles.some((role) => role === 'triage_officer' || role === 'supervisor');
      if (!staff) throw forbidden('Só a equipe de triagem e supervisores acompanham os e-mails ao cidadão.');
      const query = OutboxQuerySchema.safeParse(request.query);
      if (!query.success) throw badRequest('Informe um protocolo válido (requestId).');
      const messages = await deps.store.byRequest(query.data.requestId);
      if (messages.length === 0) return { requestId: query.data.requestId, messages };
      const scope = await deps.policy.readableScopes(principal, DECISIONS_DB, deps.storage);
      const readable = await deps.storage.getDocuments(DECISIONS_DB, messages.map((message) => message.decisionId), scope);
      return { requestId: query.data.requestId, messages: messages.filter((message) => readable.has(message.decisionId)) };
    });
  };
}
