import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type UserAccount, type UserInfo, userAccountDocId, UserPutSchema } from '../../../shared/schemas';
import { HttpError } from '../../auth/http-error';
import type { PasswordHasher } from '../../auth/password';
import type { UserStore } from '../../auth/user-store';
import { newUserAccount } from '../../auth/users';
import { requireServerAdmin } from '../context';
import { badRequest, notFound } from '../errors';

const PREFIX = 'org.couchdb.user:';

const nameOf = (request: FastifyRequest): string => {
  const id = (request.params as { id: string }).id;
  if (!id.startsWith(PREFIX)) throw badRequest(`O id de uma conta começa com ${PREFIX}`);
  return id.slice(PREFIX.length);
};

const infoOf = ({ passwordHash: _hash, ...account }: UserAccount): UserInfo => ({ _id: userAccountDocId(account.name), ...account });

/**
 * Accounts over HTTP for server admins, CouchDB-style (`/_users/org.couchdb.user:<name>`): PUT creates or
 * updates, GET reads without the hash, DELETE disables (sessions and cached credentials end at once; the
 * account stays for the audit trail).
 */
export function registerUserRoutes(app: FastifyInstance, store: UserStore, hasher: PasswordHasher): void {
  app.put('/_users/:id', async (request, reply) => {
    requireServerAdmin(request);
    const name = nameOf(request);
    const parsed = UserPutSchema.safeParse(request.body);
    if (!parsed.success) throw badRequest(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    const input = parsed.data;
    if (input.name !== name) throw badRequest('O nome não confere com o id da conta.');
    const current = await store.getUser(name);
    const now = new Date();
    let account: UserAccount;
    if (current) {
      account = {
        ...current,
        roles: input.roles,
        displayName: input.displayName ?? current.displayName,
        unitId: input.unitId,
        postId: input.postId,
        active: true,
        passwordHash: input.password ? await hasher.hash(input.password) : current.passwordHash,
        updatedAt: now.toISOString(),
      };
      if (!account.unitId) delete account.unitId;
      if (!account.postId) delete account.postId;
    } else {
      if (!input.password) throw badRequest('Informe a senha da nova conta.');
      account = await newUserAccount({ ...input, password: input.password }, hasher, now);
    }
    await store.putUser(account);
    return reply.code(current ? 200 : 201).send({ ok: true, id: userAccountDocId(name) });
  });

  app.get('/_users/:id', async (request) => {
    requireServerAdmin(request);
    const account = await store.getUser(nameOf(request));
    if (!account) throw notFound();
    return infoOf(account);
  });

  app.delete('/_users/:id', async (request) => {
    requireServerAdmin(request);
    const account = await store.getUser(nameOf(request));
    if (!account) throw notFound();
    if (account.name === request.principal?.name) throw new HttpError(409, 'conflict', 'Você não pode desativar a própria conta.');
    await store.putUser({ ...account, active: false, updatedAt: new Date().toISOString() });
    return { ok: true, id: userAccountDocId(account.name) };
  });
}
