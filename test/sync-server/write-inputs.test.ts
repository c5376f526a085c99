/**
 * What the server passes to its access policy besides the body: the argon2 cost it was configured with,
 * and the names of the attachments a revision carries (only requests take attachments).
 */
import { rmSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentIdOf } from '../../shared/schemas';
import { makeClaim, makeRequest } from '../../shared/rules/test-fixtures';
import { storageUserStore } from '../../sync-server/auth/storage-user-store';
import { REASONS } from '../../sync-server/policy/reasons';
import { CARD, REQ_UNCLAIMED, UNIT, USERS } from '../../sync-server/policy/test-fixtures';
import { startServer } from '../../sync-server/server';
import { SqliteStorage } from '../../sync-server/storage/sqlite/sqlite-storage';
import { startSeededServer, type SeededServer } from './support/seeded-server';
import { STORAGE_KINDS } from './support/storage-kinds';
import { ADMIN, tempDataDir, testConfig } from './support/test-server';

describe('argon2 cost', () => {
  it('hashes the bootstrap admin with the configured cost and signs in with it', async () => {
    const dataDir = tempDataDir();
    try {
      const config = testConfig(dataDir, { argon2: { memoryCost: 512, timeCost: 1, parallelism: 1 } });
      const server = await startServer({ config, env: { PLANTAO_ADMIN_PASSWORD: ADMIN.password }, logger: pino({ level: 'silent' }) });
      const login = await fetch(`${server.url}/_session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: ADMIN.username, password: ADMIN.password }),
      });
      expect(login.status).toBe(200);
      await server.close();
      const storage = SqliteStorage.open(dataDir);
      const admin = await storageUserStore(storage).getUser(ADMIN.username);
      await storage.close();
      expect(admin?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=512,t=1,p=1\$/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(STORAGE_KINDS)('attachments reach the write check (%s storage)', (kind) => {
  let server: SeededServer;
  beforeAll(async () => {
    server = await startSeededServer(kind);
  });
  afterAll(async () => server?.dispose());

  const inline = { 'foto.jpg': { content_type: 'image/jpeg', data: Buffer.from('jpeg').toString('base64') } };
  const refusedRow = { error: 'forbidden', reason: REASONS.noAttachments };

  it('refuses a claim that carries an attachment, in _bulk_docs and as a new attachment of a stored claim', async () => {
    const officer = server.as('officer');
    const claim = makeClaim({ requestId: REQ_UNCLAIMED, unitId: UNIT, officerId: USERS.officer.name, officerName: USERS.officer.displayName, expiresAt: '2099-01-01T00:00:00-03:00' });
    const withFile = await officer('/claims/_bulk_docs', { json: { docs: [{ _id: REQ_UNCLAIMED, ...claim, _attachments: inline }] } });
    expect(await withFile.json()).toEqual([{ id: REQ_UNCLAIMED, ...refusedRow }]);

    const plain = (await (await officer('/claims/_bulk_docs', { json: { docs: [{ _id: REQ_UNCLAIMED, ...claim }] } })).json()) as { rev: string }[];
    const put = await officer(`/claims/${REQ_UNCLAIMED}/foto.jpg?rev=${plain[0]!.rev}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: 'jpeg' });
    expect(put.status).toBe(403);
    expect(await put.json()).toEqual(refusedRow);
  });

  it('refuses an attachment added to a card process', async () => {
    const clerk = server.as('clerk');
    const card = (await (await clerk(`/cards/${CARD}`)).json()) as { _rev: string };
    const put = await clerk(`/cards/${CARD}/scan.pdf?rev=${card._rev}`, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: '%PDF' });
    expect(put.status).toBe(403);
    expect(await put.json()).toEqual(refusedRow);
  });

  it('accepts the files a citizen sent with a new request', async () => {
    const request = makeRequest({ protocol: 'DV-2025-00000077', unitId: UNIT, portalSubmissionId: 'portal-with-file' });
    const reply = await server.as('intake')('/requests/_bulk_docs', { json: { docs: [{ _id: documentIdOf(request), ...request, _attachments: inline }] } });
    expect(await reply.json()).toEqual([expect.objectContaining({ ok: true })]);
  });
});
