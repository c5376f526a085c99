import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCreatedSchema, SessionInfoSchema } from '../../shared/schemas';
import { ADMIN, startTestServer, type TestServer } from './support/test-server';

/** Electron's console lives at app://plantao: its SameSite=Lax cookie is not sent, so it carries the token itself. */
const APP_ORIGIN = 'app://plantao';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ corsOrigins: [APP_ORIGIN] });
});
afterAll(() => server.dispose());

const logIn = async () => {
  const response = await server.request('/_session', { method: 'POST', anonymous: true, json: { name: ADMIN.username, password: ADMIN.password } });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie')?.match(/AuthSession=([^;]+)/)?.[1];
  return { body: SessionCreatedSchema.parse(await response.json()), cookie };
};

describe('session tokens', () => {
  it('POST /_session returns the cookie token in the body too', async () => {
    const { body, cookie } = await logIn();
    expect(body).toMatchObject({ ok: true, name: 'admin' });
    expect(body.token).toBe(cookie);
  });

  it('reads Authorization: Bearer <token>, from a cross-site origin the CORS policy lets send it', async () => {
    const preflight = await server.request('/requests', {
      method: 'OPTIONS',
      anonymous: true,
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    const { body } = await logIn();
    const headers = { authorization: `Bearer ${body.token}`, origin: APP_ORIGIN };
    const session = SessionInfoSchema.parse(await (await server.request('/_session', { headers })).json());
    expect(session.userCtx.name).toBe('admin');
    const db = await server.request('/requests', { headers });
    expect(db.status).toBe(200);
    expect(db.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
  });

  it('still reads the cookie', async () => {
    const { cookie } = await logIn();
    expect((await server.request('/requests', { headers: { cookie: `AuthSession=${cookie}` } })).status).toBe(200);
  });

  it('refuses a tampered or unknown bearer token with 401', async () => {
    const { body } = await logIn();
    const tampered = `${body.token.slice(0, -2)}${body.token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const token of [tampered, 'nonsense']) {
      const response = await server.request('/requests', { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, token).toBe(401);
    }
  });
});
