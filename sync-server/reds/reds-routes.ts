import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RedsGapReportQuerySchema, RedsLeaseReturnSchema } from '../../shared/reds';
import { RedsLeaseRequestSchema } from '../../shared/schemas';
import { requirePrincipal } from '../http/context';
import { badRequest } from '../http/errors';
import type { RedsService } from './reds-service';

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

/** `POST /_reds/leases`, `POST /_reds/leases/{id}/return`, `GET /_reds/gap-report?from&to`. */
export function redsRoutes(service: RedsService) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.post('/_reds/leases', async (request, reply) => {
      const lease = await service.lease(requirePrincipal(request), parse(RedsLeaseRequestSchema, request.body));
      return reply.code(201).send(lease);
    });

    app.post<{ Params: { id: string } }>('/_reds/leases/:id/return', async (request) => {
      const body = parse(RedsLeaseReturnSchema, request.body);
      return service.returnLease(requirePrincipal(request), request.params.id, body.fromSequence);
    });

    app.get('/_reds/gap-report', async (request) => {
      const principal = requirePrincipal(request);
      return service.gapReport(principal, parse(RedsGapReportQuerySchema, request.query));
    });
  };
}
