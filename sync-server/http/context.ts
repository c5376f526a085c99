import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator';
import { forbidden, HttpError } from '../auth/http-error';
import type { Principal } from '../auth/principal';
import type { ServerConfig } from '../config';
import type { AccessPolicy } from '../policy/access-policy';
import type { ReadScope, Storage, WriteOptions } from '../storage/storage';
import { badRequest, missingDatabase } from './errors';

export interface AppDependencies {
  storage: Storage;
  authenticator: Authenticator;
  policy: AccessPolicy;
  config: ServerConfig;
  logger: Logger;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** CouchDB's database names, without `/` (and so without system databases, which start with `_`). */
const DATABASE_NAME = /^[a-z][a-z0-9_$()+-]{0,237}$/;

export function checkDatabaseName(name: string): string {
  if (!DATABASE_NAME.test(name)) {
    throw badRequest(
      'Name: must begin with a lowercase letter and contain only lowercase letters, digits and _$()+-',
      'illegal_database_name',
    );
  }
  return name;
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpError(401, 'unauthorized', 'É preciso entrar para acessar o servidor.');
  return request.principal;
}

export function requireServerAdmin(request: FastifyRequest): Principal {
  const principal = requirePrincipal(request);
  if (!principal.serverAdmin) throw forbidden('Só o administrador do servidor pode fazer isso.');
  return principal;
}

/** What a request may do in one database: resolved once, after checking that it exists and is open to the user. */
export interface DatabaseAccess {
  db: string;
  principal: Principal;
  /** The readable scope tags, computed on first use. */
  scope(): Promise<ReadScope>;
  writeOptions(newEdits: boolean): WriteOptions;
}

export async function openDatabase(deps: AppDependencies, request: FastifyRequest, name: string): Promise<DatabaseAccess> {
  const principal = requirePrincipal(request);
  const db = checkDatabaseName(name);
  if (!(await deps.storage.databaseInfo(db, 'all'))) throw missingDatabase();
  if (!deps.policy.canAccessDatabase(principal, db)) throw forbidden('Você não tem acesso a esta base.');
  let scope: Promise<ReadScope> | null = null;
  return {
    db,
    principal,
    scope: () => (scope ??= deps.policy.readableScopes(principal, db, deps.storage)),
    writeOptions: (newEdits) => ({
      newEdits,
      scopeOf: (id, body) => deps.policy.scopeOf(db, id, body),
      check: (write, current, view) => deps.policy.checkWrite(principal, write, current, view),
    }),
  };
}
