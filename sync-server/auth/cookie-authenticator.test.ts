import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionInfoSchema } from '../../shared/schemas';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage';
import { bootstrapAdmin } from './bootstrap';
import { COOKIE_NAME, createAuthenticator } from './cookie-authenticator';
import { HttpError } from './http-error';
import { createPasswordHasher } from './password';
import { storageUserStore } from './storage-user-store';
import type { UserStore } from './user-store';
import { newUserAccount } from './users';

/** Cheap argon2id for tests; production uses OWASP_ARGON2. */
const CHEAP = { memoryCost: 256, timeCost: 1, parallelism: 1 };
const hasher = createPasswordHasher(CHEAP);
const PASSWORD = 'senha forte de teste';
const TIMEOUT = 600;

let dir: string;
let storage: SqliteStorage;
let store: UserStore;
let app: FastifyInstance;
let clock = Date.parse('2025-06-10T12:00:00-03:00');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plantao-auth-'));
  storage = SqliteStorage.open(dir);
  store = storageUserStore(storage);
  const at = new Date(clock);
  await store.putUser(await newUserAccount({ name: 'joao.souza', roles: ['triage_officer'], unitId: 'dv-mg', password: PASSWORD }, hasher, at));
  await store.putUser({ ...(await newUserAccount({ name: 'inativo', roles: ['service_desk'], password: PASSWORD }, hasher, at)), active: false });
  await store.putUser(await newUserAccount({ name: 'limitado', roles: ['service_desk'], password: PASSWORD }, hasher, at));
  const authenticator = createAuthenticator({ store, argon2: CHEAP, sessionTimeoutSeconds: TIMEOUT, now: () => clock, loginLimit: { maxFailures: 3, windowMs: 60_000 } });
  app = Fastify();
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof HttpError) return reply.code(error.statusCode).headers(error.headers).send(error.toJSON());
    return reply.code(500).send({ error: 'internal', reason: String(error) });
  });
  authenticator.register(app);
  app.get('/whoami', async (request) => ({ principal: await authenticator.authenticate(request) }));
});
afterAll(async () => {
  await app.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const basic = (name: string, password: string) => `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
const cookieOf = (setCookie: string | string[] | undefined): string => {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return header?.split(';')[0]?.split('=').slice(1).join('=') ?? '';
};
const logIn = (payload: object | string, contentType = 'application/json') =>
  app.inject({ method: 'POST', url: '/_session', payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers: { 'content-type': contentType } });

describe('POST /_session', () => {
  it('signs in with JSON and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const reply = await logIn({ name: 'joao.souza', password: PASSWORD });
    expect(reply.statusCode).toBe(200);
    const header = String(reply.headers['set-cookie']);
    expect(header).toMatch(new RegExp(`^${COOKIE_NAME}=[A-Za-z0-9_-]+; Path=/; HttpOnly; SameSite=Lax$`));
    // The same token in the body, for consoles the cookie does not reach (Authorization: Bearer).
    expect(reply.json()).toEqual({ ok: true, name: 'joao.souza', roles: ['triage_officer'], token: cookieOf(reply.headers['set-cookie']) });
  });

  it('signs in with form fields', async () => {
    const reply = await logIn(`name=joao.souza&password=${encodeURIComponent(PASSWORD)}`, 'application/x-www-form-urlencoded');
    expect(reply.json()).toMatchObject({ ok: true, name: 'joao.souza' });
  });

  it('refuses a wrong password, an unknown name and an inactive user alike', async () => {
    for (const [name, password] of [['joao.souza', 'errada errada'], ['ninguem', PASSWORD], ['inativo', PASSWORD]] as const) {
      const reply = await logIn({ name, password });
      expect(reply.statusCode).toBe(401);
      expect(reply.json()).toEqual({ error: 'unauthorized', reason: 'Nome ou senha incorretos.' });
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
  });

  it('rate-limits failed logins per name and IP with 429, even for the right password', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await logIn({ name: 'limitado', password: 'errada errada' })).statusCode).toBe(401);
    const blocked = await logIn({ name: 'limitado', password: PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ error: 'too_many_requests', reason: expect.stringContaining('Muitas tentativas') });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    clock += 61_000;
    expect((await logIn({ name: 'limitado', password: PASSWORD })).statusCode).toBe(200);
  });

  it('answers 400 without name or password', async () => {
    expect((await logIn({ name: 'joao.souza' })).statusCode).toBe(400);
  });
});

describe('authenticate', () => {
  it('reads the cookie, and GET /_session reports the user', async () => {
    const token = cookieOf((await logIn({ name: 'joao.souza', password: PASSWORD })).headers['set-cookie']);
    const who = await app.inject({ url: '/whoami', cookies: { [COOKIE_NAME]: token } });
    expect(who.json().principal).toEqual({ name: 'joao.souza', roles: ['triage_officer'], unitId: 'dv-mg', serverAdmin: false });
    const session = await app.inject({ url: '/_session', cookies: { [COOKIE_NAME]: token } });
    const info = SessionInfoSchema.parse(session.json());
    expect(info.userCtx).toMatchObject({ name: 'joao.souza', roles: ['triage_officer'] });
    expect(info.info).toEqual({ authentication_handlers: ['cookie', 'default'], authenticated: 'cookie' });
  });

  it('reads Basic credentials and refuses bad ones with 401', async () => {
    const ok = await app.inject({ url: '/whoami', headers: { authorization: basic('joao.souza', PASSWORD) } });
    expect(ok.json().principal.name).toBe('joao.souza');
    const bad = await app.inject({ url: '/whoami', headers: { authorization: basic('joao.souza', 'outra senha qualquer') } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toEqual({ error: 'unauthorized', reason: 'Nome ou senha incorretos.' });
  });

  it('is anonymous without credentials', async () => {
    expect((await app.inject({ url: '/whoami' })).json()).toEqual({ principal: null });
    expect(SessionInfoSchema.parse((await app.inject({ url: '/_session' })).json()).userCtx).toEqual({ name: null, roles: [] });
  });

  it('refuses a tampered, expired or foreign cookie', async () => {
    const token = cookieOf((await logIn({ name: 'joao.souza', password: PASSWORD })).headers['set-cookie']);
    const raw = Buffer.from(token, 'base64url');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    const tampered = raw.toString('base64url');
    const forged = Buffer.from(`joao.souza:${(Math.floor(clock / 1000) + 999).toString(16)}:${'x'.repeat(32)}`).toString('base64url');
    for (const cookie of [tampered, forged, 'lixo']) {
      const reply = await app.inject({ url: '/whoami', cookies: { [COOKIE_NAME]: cookie } });
      expect(reply.statusCode).toBe(401);
    }
    clock += TIMEOUT * 1000 + 1000;
    expect((await app.inject({ url: '/whoami', cookies: { [COOKIE_NAME]: token } })).statusCode).toBe(401);
    // GET /_session answers a stale cookie as anonymous and clears it.
    const session = await app.inject({ url: '/_session', cookies: { [COOKIE_NAME]: token } });
    expect(session.statusCode).toBe(200);
    expect(session.json().userCtx.name).toBeNull();
    expect(String(session.headers['set-cookie'])).toContain('Expires=Thu, 01 Jan 1970');
  });

  it('renews a cookie past half its life, and not before', async () => {
    const token = cookieOf((await logIn({ name: 'joao.souza', password: PASSWORD })).headers['set-cookie']);
    clock += (TIMEOUT / 2 - 10) * 1000;
    expect((await app.inject({ url: '/whoami', cookies: { [COOKIE_NAME]: token } })).headers['set-cookie']).toBeUndefined();
    clock += 20_000;
    const renewed = await app.inject({ url: '/whoami', cookies: { [COOKIE_NAME]: token } });
    const fresh = cookieOf(renewed.headers['set-cookie']);
    expect(fresh).not.toBe('');
    expect(fresh).not.toBe(token);
    clock += (TIMEOUT / 2 + 10) * 1000; // the old token has expired; the renewed one lives on
    expect((await app.inject({ url: '/whoami', cookies: { [COOKIE_NAME]: token } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/whoami', cookies: { [COOKIE_NAME]: fresh } })).json().principal.name).toBe('joao.souza');
  });

  it('ends sessions and cached Basic credentials when the password changes or the user is disabled', async () => {
    const token = cookieOf((await logIn({ name: 'joao.souza', password: PASSWORD })).headers['set-cookie']);
    const auth = { authorization: basic('joao.souza', PASSWORD) };
    expect((await app.inject({ url: '/whoami', headers: auth })).statusCode).toBe(200);
    const user = (await store.getUser('joao.souza'))!;
    await store.putUser({ ...user, passwordHash: await hasher.hash('uma senha totalmente nova') });
    expect((await app.inject({ url: '/whoami', cookies: { [COOKIE_NAME]: token } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/whoami', headers: auth })).statusCode).toBe(401);
    await store.putUser(user);
    expect((await app.inject({ url: '/whoami', headers: auth })).statusCode).toBe(200);
    await store.putUser({ ...user, active: false });
    expect((await app.inject({ url: '/whoami', headers: auth })).statusCode).toBe(401);
    await store.putUser(user);
  });

  it('DELETE /_session clears the cookie', async () => {
    const reply = await app.inject({ method: 'DELETE', url: '/_session' });
    expect(reply.json()).toEqual({ ok: true });
    expect(String(reply.headers['set-cookie'])).toMatch(new RegExp(`^${COOKIE_NAME}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$`));
  });
});

describe('passwords and bootstrap', () => {
  it('stores argon2id hashes with the configured cost, never the password', async () => {
    const user = (await store.getUser('joao.souza'))!;
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=256,t=1,p=1\$/);
    expect(JSON.stringify(user)).not.toContain(PASSWORD);
    expect(await createPasswordHasher().hash('x'.repeat(12))).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('creates the admin once, only when there is no user', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'plantao-boot-'));
    const fresh = SqliteStorage.open(emptyDir);
    try {
      const freshStore = storageUserStore(fresh);
      expect(await bootstrapAdmin(freshStore, {}, hasher)).toBe(false);
      await expect(bootstrapAdmin(freshStore, { PLANTAO_ADMIN_PASSWORD: 'curta' }, hasher)).rejects.toThrow('ao menos 12');
      expect(await bootstrapAdmin(freshStore, { PLANTAO_ADMIN_PASSWORD: 'senha do administrador' }, hasher)).toBe(true);
      const admin = (await freshStore.getUser('admin'))!;
      expect(admin).toMatchObject({ roles: ['admin'], active: true });
      expect(await hasher.verify(admin.passwordHash, 'senha do administrador')).toBe(true);
      expect(await bootstrapAdmin(freshStore, { PLANTAO_ADMIN_PASSWORD: 'outra senha do administrador' }, hasher)).toBe(false);
      expect(await hasher.verify((await freshStore.getUser('admin'))!.passwordHash, 'senha do administrador')).toBe(true);
    } finally {
      await fresh.close();
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  it('keeps the session secret across restarts of the storage', async () => {
    const first = await store.sessionSecret();
    expect(first.length).toBe(32);
    expect(await storageUserStore(storage).sessionSecret()).toEqual(first);
  });
});
