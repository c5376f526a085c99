import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from './principal';

/**
 * Who is calling. The HTTP layer calls `authenticate` on every request and `register` once at start-up.
 *
 * `authenticate` reads the `AuthSession` cookie or HTTP Basic credentials; it resolves null when the request
 * carries none, and throws an `HttpError` 401 `{ error: 'unauthorized', reason: 'Nome ou senha incorretos.' }`
 * when it carries an invalid one (429 when the name+IP is rate-limited).
 *
 * `register` adds `GET|POST|DELETE /_session` with CouchDB semantics.
 */
export interface Authenticator {
  authenticate(request: FastifyRequest): Promise<Principal | null>;
  register(app: FastifyInstance): void;
}
