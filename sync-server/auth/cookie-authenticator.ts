import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type SessionCreated, type SessionInfo, SessionRequestSchema, type UserAccount } from '../../shared/schemas';
import type { Authenticator } from './authenticator';
import { HttpError, unauthorized } from './http-error';
import { createLoginLimiter, DEFAULT_LOGIN_LIMIT, type LoginLimitConfig } from './login-limiter';
import { createPasswordHasher, OWASP_ARGON2, type Argon2Cost } from './password';
import type { Principal } from './principal';
import { readSessionToken, sessionKey, signSessionToken, verifySessionToken } from './session-token';
import type { UserStore } from './user-store';
import { principalOf } from './users';

export interface AuthenticatorOptions {
  store: UserStore;
  argon2?: Argon2Cost;
  /** Session lifetime; a cookie past half of it is renewed on the next request. CouchDB's default is 600. */
  sessionTimeoutSeconds?: number;
  loginLimit?: LoginLimitConfig;
  /** Adds `Secure` to the cookie (when served over HTTPS). */
  secureCookie?: boolean;
  now?: () => number;
}

/** The session routes answer their own errors, whatever error handler the server installs. */
function replyError(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof HttpError)) throw error;
  return reply.code(error.statusCode).headers(error.headers).send(error.toJSON());
}

export const COOKIE_NAME = 'AuthSession';
const BAD_CREDENTIALS = 'Nome ou senha incorretos.';
const SESSION_EXPIRED = 'Sua sessão expirou. Entre novamente.';
/** How long a verified Basic credential skips argon2: replication sends one on every request. */
const BASIC_CACHE_MS = 5 * 60_000;
const BASIC_CACHE_MAX = 1_000;

type Method = 'cookie' | 'default';
interface Identified {
  account: UserAccount;
  method: Method;
}

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { store } = options;
  const hasher = createPasswordHasher(options.argon2 ?? OWASP_ARGON2);
  const limiter = createLoginLimiter(options.loginLimit ?? DEFAULT_LOGIN_LIMIT);
  const timeout = options.sessionTimeoutSeconds ?? 3600;
  const now = options.now ?? Date.now;
  const renewed = new WeakMap<FastifyRequest, string>();
  const basicCache = new Map<string, { passwordHash: string; until: number }>();

  const keyFor = async (account: UserAccount): Promise<Buffer> => sessionKey(await store.sessionSecret(), account.passwordHash);

  const issueToken = async (account: UserAccount): Promise<string> =>
    signSessionToken({ name: account.name, expiresAt: Math.floor(now() / 1000) + timeout }, await keyFor(account));

  const setCookie = (reply: FastifyReply, token: string | null): void => {
    reply.header(
      'set-cookie',
      stringifySetCookie({
        name: COOKIE_NAME,
        value: token ?? '',
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookie ?? false,
        ...(token === null ? { expires: new Date(0) } : {}),
      }),
    );
  };

  /** Checks a name and password, counting failures per name+IP. */
  const checkPassword = async (name: string, password: string, ip: string): Promise<UserAccount> => {
    const limitKey = `${name}\u0000${ip}`;
    const wait = limiter.retryAfter(limitKey, now());
    if (wait > 0) {
      throw new HttpError(429, 'too_many_requests', `Muitas tentativas de entrada. Tente de novo em ${Math.ceil(wait / 60)} minuto(s).`, {
        'retry-after': String(wait),
      });
    }
    const account = await store.getUser(name);
    const valid = account ? await hasher.verify(account.passwordHash, password) : await hasher.verifyNobody(password);
    if (!account || !valid || !account.active) {
      limiter.recordFailure(limitKey, now());
      throw unauthorized(BAD_CREDENTIALS);
    }
    limiter.reset(limitKey);
    return account;
  };

  const fromBasic = async (header: string, ip: string): Promise<UserAccount> => {
    const decoded = Buffer.from(header.slice('basic '.length).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) throw unauthorized(BAD_CREDENTIALS);
    const name = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const cacheKey = createHmac('sha256', await store.sessionSecret()).update(decoded).digest('base64url');
    const cached = basicCache.get(cacheKey);
    if (cached && cached.until > now()) {
      const account = await store.getUser(name);
      // The cache is void once the password changed; disabling a user takes effect at once.
      if (account?.active && timingSafeEqual(Buffer.from(account.passwordHash), Buffer.from(cached.passwordHash))) return account;
    }
    basicCache.delete(cacheKey);
    const account = await checkPassword(name, password, ip);
    basicCache.set(cacheKey, { passwordHash: account.passwordHash, until: now() + BASIC_CACHE_MS });
    if (basicCache.size > BASIC_CACHE_MAX) {
      const oldest = basicCache.keys().next().value;
      if (oldest !== undefined) basicCache.delete(oldest);
    }
    return account;
  };

  const fromCookie = async (request: FastifyRequest, token: string): Promise<UserAccount> => {
    const claimed = readSessionToken(token);
    const account = claimed ? await store.getUser(claimed.name) : null;
    if (!account?.active) throw unauthorized(SESSION_EXPIRED);
    const nowSeconds = Math.floor(now() / 1000);
    const claims = verifySessionToken(token, await keyFor(account), nowSeconds);
    if (!claims) throw unauthorized(SESSION_EXPIRED);
    if (claims.expiresAt - nowSeconds < timeout / 2) renewed.set(request, await issueToken(account));
    return account;
  };

  const identify = async (request: FastifyRequest): Promise<Identified | null> => {
    const authorization = request.headers.authorization;
    if (authorization?.toLowerCase().startsWith('basic ')) {
      return { account: await fromBasic(authorization, request.ip), method: 'default' };
    }
    // The cookie's own token, sent by a console its SameSite=Lax cookie does not reach.
    if (authorization?.toLowerCase().startsWith('bearer ')) {
      return { account: await fromCookie(request, authorization.slice('bearer '.length).trim()), method: 'cookie' };
    }
    const token = request.headers.cookie ? parseCookie(request.headers.cookie)[COOKIE_NAME] : undefined;
    if (!token) return null;
    return { account: await fromCookie(request, token), method: 'cookie' };
  };

  const sessionInfo = (identified: Identified | null): SessionInfo => ({
    ok: true,
    userCtx: identified
      ? {
          name: identified.account.name,
          roles: identified.account.roles,
          displayName: identified.account.displayName,
          ...(identified.account.unitId ? { unitId: identified.account.unitId } : {}),
          ...(identified.account.postId ? { postId: identified.account.postId } : {}),
        }
      : { name: null, roles: [] },
    info: {
      authentication_handlers: ['cookie', 'default'],
      ...(identified ? { authenticated: identified.method } : {}),
    },
  });

  return {
    async authenticate(request: FastifyRequest): Promise<Principal | null> {
      const identified = await identify(request);
      return identified ? principalOf(identified.account) : null;
    },

    register(app: FastifyInstance): void {
      if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
        app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
          done(null, Object.fromEntries(new URLSearchParams(String(body))));
        });
      }
      // A renewed cookie rides on whatever reply the request gets.
      app.addHook('onSend', async (request, reply, payload) => {
        const token = renewed.get(request);
        if (token && !reply.hasHeader('set-cookie')) setCookie(reply, token);
        return payload;
      });

      app.post('/_session', async (request, reply) => {
        try {
          return await logIn(request, reply);
        } catch (error) {
          return replyError(reply, error);
        }
      });

      const logIn = async (request: FastifyRequest, reply: FastifyReply): Promise<SessionCreated> => {
        const parsed = SessionRequestSchema.safeParse(request.body);
        if (!parsed.success) throw new HttpError(400, 'bad_request', 'Informe nome e senha.');
        const account = await checkPassword(parsed.data.name, parsed.data.password, request.ip);
        const token = await issueToken(account);
        setCookie(reply, token);
        return { ok: true, name: account.name, roles: account.roles, token };
      };

      app.get('/_session', async (request, reply) => {
        try {
          return sessionInfo(await identify(request));
        } catch (error) {
          // A stale cookie is not an error here: the console asks precisely to learn it must sign in again.
          if (!(error instanceof HttpError) || error.statusCode !== 401 || request.headers.authorization) {
            return replyError(reply, error);
          }
          setCookie(reply, null);
          return sessionInfo(null);
        }
      });

      app.delete('/_session', async (_request, reply) => {
        setCookie(reply, null);
        return { ok: true };
      });
    },
  };
}
