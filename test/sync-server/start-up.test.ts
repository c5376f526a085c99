import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_NAMES } from '../../shared/schemas';
import { noticeOf } from '../console/support/seed';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

describe('a fresh server', () => {
  it('has every database the console replicates', async () => {
    const names = (await (await server.request('/_all_dbs')).json()) as string[];
    expect(names).toEqual(expect.arrayContaining([...DATABASE_NAMES]));
    for (const db of DATABASE_NAMES) expect((await server.request(`/${db}`)).status).toBe(200);
  });

  it('keeps existing databases and their documents across a restart', async () => {
    expect((await server.request('/notices/notice:manutencao-1', { method: 'PUT', json: noticeOf(Date.now()) })).status).toBe(201);
    await server.restart();
    expect((await server.request('/notices/notice:manutencao-1')).status).toBe(200);
  });
});
