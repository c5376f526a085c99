import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksOverlap, redsNumberOf, RedsGapReportSchema } from '../../shared/reds';
import { BulkDocsResponseSchema, RedsLeaseSchema, type RedsLease, type RedsLedgerEntry } from '../../shared/schemas';
import { httpLeaseSource } from '../../renderer/reds/http-lease-source';
import { ledgerRefusalMessage } from '../../renderer/reds/ledger-refusal';
import { SimHttp } from '../../scripts/reds-sim/http-client';
import { officerName, PASSWORD, seedUsers, UNIT } from '../../scripts/reds-sim/seed-users';
import { startServer, type RunningServer } from '../../sync-server/server';
import { STORAGE_KINDS, testBackend, type TestBackend } from '../sync-server/support/storage-kinds';
import { testConfig } from '../sync-server/support/test-server';

describe.each(STORAGE_KINDS)('%s storage', (kind) => {
  const env = { PLANTAO_REDS_BLOCK_SIZE: '10', PLANTAO_REDS_MAX_ACTIVE_LEASES: '50' };
  let backend: TestBackend;
  let server: RunningServer;
  let port: number;

  async function start(): Promise<void> {
    server = await startServer({ config: testConfig(backend.dataDir, { ...backend.config, port }), env, logger: pino({ level: 'silent' }) });
    port = Number(new URL(server.url).port);
  }

  async function signIn(name: string): Promise<SimHttp> {
    const http = new SimHttp(server.url, Math.random);
    await http.login(name, PASSWORD);
    return http;
  }

  async function leaseFor(http: SimHttp, workstationId: string): Promise<RedsLease> {
    return httpLeaseSource({ baseUrl: server.url, workstationId, fetch: http.fetch }).requestLease(10);
  }

  function entry(lease: RedsLease, sequence: number, overrides: Partial<RedsLedgerEntry> = {}): RedsLedgerEntry {
    const requestId = `DV-2026-${String(sequence).padStart(8, '0')}`;
    return {
      type: 'reds_entry',
      schemaVersion: 1,
      number: redsNumberOf(lease.year, sequence),
      leaseId: lease.leaseId,
      workstationId: lease.workstationId,
      userId: lease.userId,
      unitId: UNIT,
      requestId,
      decisionId: `${requestId}:001`,
      issuedAt: new Date().toISOString(),
      status: 'issued',
      ...overrides,
    };
  }

  async function record(http: SimHttp, ...entries: RedsLedgerEntry[]) {
    const reply = await http.json('/reds_ledger/_bulk_docs', { docs: entries.map((doc) => ({ _id: doc.number, ...doc })) });
    return BulkDocsResponseSchema.parse(reply.body);
  }

  beforeAll(async () => {
    backend = await testBackend(kind);
    await seedUsers(backend.dataDir, 4, backend.config.databaseUrl);
    port = 0;
    await start();
  });
  afterAll(async () => {
    await server.close();
    backend?.dispose();
  });

  describe('REDS leases and ledger on the real server', () => {
    it('refuses a number from someone else\'s block, with a reason the console shows in Portuguese', async () => {
      const ana = await signIn(officerName(1));
      const bruno = await signIn(officerName(2));
      const anasBlock = await leaseFor(ana, 'ws-001');
      await leaseFor(bruno, 'ws-002');
      const stolen = entry(anasBlock, anasBlock.firstSequence, { userId: officerName(2), workstationId: 'ws-002' });
      const [row] = await record(bruno, stolen);
      expect(row).toMatchObject({ id: stolen.number, error: 'forbidden' });
      expect(row && ledgerRefusalMessage(row)).toBe(
        `O número REDS ${stolen.number} não pertence a um bloco reservado para esta estação e este usuário.`,
      );
      // Ana's workstation, Bruno's login: still not his block.
      const [other] = await record(bruno, entry(anasBlock, anasBlock.firstSequence, { userId: officerName(2) }));
      expect(other && ledgerRefusalMessage(other)).toMatch(/não pertence a um bloco reservado/);
      // Ana records her own number.
      const [own] = await record(ana, entry(anasBlock, anasBlock.firstSequence));
      expect(own && ledgerRefusalMessage(own)).toBeNull();
    });

    it('refuses a second validation of one request, voiding its number, until the first number is voided', async () => {
      const carla = await signIn(officerName(3));
      const block = await leaseFor(carla, 'ws-003');
      const first = entry(block, block.firstSequence);
      const sameRequest = { requestId: first.requestId, decisionId: first.decisionId };
      const second = entry(block, block.firstSequence + 1, sameRequest);
      expect(await record(carla, first)).toMatchObject([{ ok: true }]);
      const [refused] = await record(carla, second);
      expect(refused && ledgerRefusalMessage(refused)).toBe(
        `A solicitação ${first.requestId} já foi validada com o número REDS ${first.number}. O número ${second.number} foi anulado automaticamente.`,
      );
      // The refused number is accounted for: void in the ledger, never missing.
      await expect.poll(async () => (await carla.json(`/reds_ledger/${second.number}`)).body).toMatchObject({ status: 'void', void: { automatic: true } });

      const stored = await carla.json(`/reds_ledger/${first.number}`);
      const { _rev } = stored.body as { _rev: string };
      const voided = { ...first, status: 'void' as const, void: { reason: 'validação desfeita pela supervisão', voidedBy: officerName(3), voidedAt: new Date().toISOString(), automatic: false } };
      const put = await carla.json('/reds_ledger/_bulk_docs', { docs: [{ _id: first.number, _rev, ...voided }] });
      expect(put.body).toMatchObject([{ ok: true }]);
      expect(await record(carla, entry(block, block.firstSequence + 2, sameRequest))).toMatchObject([{ ok: true }]);
    });

    it('never grants overlapping blocks to concurrent requests, also across a restart', async () => {
      const officers = await Promise.all([1, 2, 3, 4].map((index) => signIn(officerName(index))));
      const grant = () =>
        Promise.all(
          officers.flatMap((http, index) =>
            Array.from({ length: 8 }, () => {
              const ask = () => http.json('/_reds/leases', { workstationId: `ws-00${index + 1}` });
              // After the restart a pooled keep-alive socket to the old server fails once.
              return ask().catch(ask);
            }),
          ),
        );
      const before = (await grant()).map((reply) => RedsLeaseSchema.parse(reply.body));
      await server.close();
      await start();
      // Session cookies outlive the restart: the same consoles ask again.
      const after = (await grant()).map((reply) => RedsLeaseSchema.parse(reply.body));
      const all = [...before, ...after];
      expect(all).toHaveLength(64);
      for (const a of all) for (const b of all) if (a !== b) expect(blocksOverlap(a, b)).toBe(false);
      const leased = await officers[0]?.json('/reds_leases/_all_docs?include_docs=true');
      expect((leased?.body as { rows: unknown[] }).rows.length).toBeGreaterThanOrEqual(16);
    });

    it('accounts for every number of a returned block in the gap report, and lists the missing ones', async () => {
      const dora = await signIn(officerName(4));
      const block = await leaseFor(dora, 'ws-004');
      const start = block.firstSequence;
      await record(dora, entry(block, start), entry(block, start + 2));
      const returned = await dora.json(`/_reds/leases/${block.leaseId}/return`, { fromSequence: start + 3 });
      expect(returned.body).toMatchObject({ status: 'returned', returnedFromSequence: start + 3 });
      const [late] = await record(dora, entry(block, start + 5));
      expect(late && ledgerRefusalMessage(late)).toMatch(/foi devolvido ao servidor/);

      const period = { from: block.leasedAt, to: new Date(Date.parse(block.leasedAt) + 1).toISOString() };
      const query = `/_reds/gap-report?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`;
      expect((await dora.json(query)).status).toBe(403);
      const admin = await signIn('admin');
      const report = RedsGapReportSchema.parse((await admin.json(query)).body);
      const account = report.blocks.find((b) => b.leaseId === block.leaseId);
      expect(account).toMatchObject({ issued: 2, void: 0, unusedReturned: 7, outstanding: 0, missing: 1, missingNumbers: [redsNumberOf(block.year, start + 1)] });
    });
  });
});
