import type { FastifyInstance } from 'fastify';
import type { IntakeAccepted, IntakeRefused } from '../../shared/schemas';
import { requirePrincipal } from '../http/context';
import { IntakeRefusal, type IntakeService } from './intake-service';

/** `POST /api/intake/requests`: 201 new, 200 the same submission again, 400 with fields, 403, 409. */
export function intakeRoutes(service: IntakeService) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.post('/api/intake/requests', async (request, reply) => {
      try {
        const { created, ...accepted } = await service.submit(requirePrincipal(request), request.body);
        return reply.code(created ? 201 : 200).send(accepted satisfies IntakeAccepted);
      } catch (error) {
        if (!(error instanceof IntakeRefusal)) throw error;
        return reply.code(400).send({ error: 'bad_request', reason: error.reason, fields: error.fields } satisfies IntakeRefused);
      }
    });
  };
}
