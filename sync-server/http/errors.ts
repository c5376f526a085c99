import type { FastifyError, FastifyInstance } from 'fastify';
import { HttpError } from '../auth/http-error';
import { MissingDatabaseError } from '../storage/errors';

// Protocol-level reasons keep CouchDB's wording: clients (PouchDB, RxDB) and operators match on them.
export const badRequest = (reason: string, error = 'bad_request'): HttpError => new HttpError(400, error, reason);
export const notFound = (reason = 'missing'): HttpError => new HttpError(404, 'not_found', reason);
export const missingDatabase = (): HttpError => notFound('Database does not exist.');
export const conflict = (): HttpError => new HttpError(409, 'conflict', 'Document update conflict.');

/** The status CouchDB answers for an error row of a single-document write. */
export function statusOfWriteError(error: string): number {
  switch (error) {
    case 'conflict':
      return 409;
    case 'forbidden':
      return 403;
    case 'unauthorized':
      return 401;
    case 'precondition_failed':
      return 412;
    default:
      return 400;
  }
}

/** Fastify's own errors, in CouchDB's words. */
function fromFastify(error: FastifyError): HttpError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'too_large', 'the request entity is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'bad_content_type', 'Content-Type must be application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return badRequest('invalid UTF-8 JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return badRequest('invalid content length');
    default:
      break;
  }
  if (error.statusCode === 400 || error instanceof SyntaxError) return badRequest('invalid UTF-8 JSON');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new HttpError(error.statusCode, 'bad_request', 'invalid request');
  }
  return null;
}

/** Every error leaves as JSON `{ error, reason }`: never a stack trace, never HTML. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((raw, request, reply) => {
    const error =
      raw instanceof HttpError
        ? raw
        : raw instanceof MissingDatabaseError
          ? missingDatabase()
          : fromFastify(raw as FastifyError);
    if (error) return reply.code(error.statusCode).headers(error.headers).send(error.toJSON());
    request.log.error({ err: raw }, 'unexpected error');
    return reply.code(500).send({ error: 'internal_server_error', reason: 'Erro interno do servidor.' });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found', reason: 'missing' }));
}
