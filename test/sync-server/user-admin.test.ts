/* eslint-disable @typescript-eslint/no-explicit-any -- replies are asserted field by field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserInfoSchema } from '../../shared/schemas';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
const ANA = { name: 'ana.ferreira', password: 'senha-da-ana-123', roles: ['triage_officer'], unitId: 'dv-mg-capital', displayName: 'Ana Paula Ferreira' };
const basic = (name: string, password: string) => `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
const asAna = (path: string, init: RequestInit = {}) => server.request(path, { ...init, headers: { authorization: basic(ANA.name, ANA.password), 'content-type': 'application/json' } });

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

describe('/_users over HTTP', () => {
  it('creates an account that can sign in; GET shows it without the hash', async () => {
    const created = await server.request(`/_users/org.couchdb.user:${ANA.name}`, { method: 'PUT', json: ANA });
    expect(created.status).toBe(201);
    expect((await asAna('/_session').then((r) => r.json())) as any).toMatchObject({ userCtx: { name: ANA.name, roles: ANA.roles, unitId: ANA.unitId } });
    const info = await (await server.request(`/_users/org.couchdb.user:${ANA.name}`)).json();
    expect(UserInfoSchema.parse(info)).toMatchObject({ name: ANA.name, displayName: ANA.displayName, active: true, unitId: ANA.unitId });
    expect(JSON.stringify(info)).not.toMatch(/argon2|passwordHash/);
  });

  it('updates roles and keeps the password when none is given', async () => {
    const { password: _password, ...withoutPassword } = ANA;
    const updated = await server.request(`/_users/org.couchdb.user:${ANA.name}`, { method: 'PUT', json: { ...withoutPassword, roles: ['supervisor'] } });
    expect(updated.status).toBe(200);
    expect((await (await asAna('/_session')).json()) as any).toMatchObject({ userCtx: { roles: ['supervisor'] } });
  });

  it('is for server admins only', async () => {
    expect((await asAna(`/_users/org.couchdb.user:${ANA.name}`)).status).toBe(403);
    expect((await asAna('/_users/org.couchdb.user:intruso', { method: 'PUT', body: JSON.stringify({ ...ANA, name: 'intruso' }) })).status).toBe(403);
    expect((await server.request(`/_users/org.couchdb.user:${ANA.name}`, { anonymous: true })).status).toBe(401);
  });

  it('refuses bad bodies with a JSON 400', async () => {
    for (const [id, body] of [
      ['org.couchdb.user:novo', { ...ANA, name: 'novo', password: undefined }],
      ['org.couchdb.user:outro', ANA],
      ['org.couchdb.user:curta', { ...ANA, name: 'curta', password: '123' }],
      ['org.couchdb.user:sem-papel', { ...ANA, name: 'sem-papel', roles: [] }],
      ['ana', ANA],
    ] as const) {
      const response = await server.request(`/_users/${id}`, { method: 'PUT', json: body });
      expect(response.status, id).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'bad_request' });
    }
    expect((await server.request('/_users/org.couchdb.user:ninguem')).status).toBe(404);
  });

  it('DELETE disables the account: its credentials stop working at once', async () => {
    expect((await asAna('/_session')).status).toBe(200);
    expect((await server.request(`/_users/org.couchdb.user:${ANA.name}`, { method: 'DELETE' })).status).toBe(200);
    expect((await asAna('/requests')).status).toBe(401);
    expect(UserInfoSchema.parse(await (await server.request(`/_users/org.couchdb.user:${ANA.name}`)).json()).active).toBe(false);
  });
});
