import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { decisionDocId, DecisionSchema, type Decision } from '../../shared/schemas';
import { COLLECTION_SCHEMAS } from '../data/collection-schemas';
import type { PlantaoDatabase } from '../data/open-store';
import { MemoryPoolStore } from './memory-pool-store';
import { reconcilePendingNumbers, voidAcknowledgedOrphans } from './reconcile-pending';
import { RedsPool } from './reds-pool';
import { TestLeaseServer } from './test-lease-server';

addRxPlugin(RxDBLocalDocumentsPlugin);

const opened: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

async function openLedgerDatabase(): Promise<PlantaoDatabase> {
  const db = await createRxDatabase({ name: `ledger-${crypto.randomUUID()}`, storage: getRxStorageMemory(), localDocuments: true, multiInstance: false });
  await db.addCollections({ decisions: { schema: COLLECTION_SCHEMAS.decisions }, reds_ledger: { schema: COLLECTION_SCHEMAS.reds_ledger } });
  opened.push(db);
  return db as unknown as PlantaoDatabase;
}

const holder = { userId: 'ana', unitId: 'dv-mg', workstationId: 'ws-01' };
const request = (n: number) => `DV-2026-${String(n).padStart(8, '0')}`;

function validation(requestId: string, redsNumber: string): Decision {
  return DecisionSchema.parse({
    type: 'decision', schemaVersion: 1, requestId, sequence: 1, unitId: holder.unitId, outcome: 'validated', officerId: holder.userId, officerName: 'Ana',
    workstationId: holder.workstationId, decidedAt: '2026-03-01T09:10:00.000Z', redsNumber, overrides: [],
  });
}

describe('numbers issued before a crash', () => {
  it('are settled, re-attached to their decision, or recorded and voided once the server holds them', async () => {
    const server = new TestLeaseServer();
    const store = new MemoryPoolStore();
    const crashed = await RedsPool.open({ source: server.sourceFor('ws-01', 'ana'), store, config: { blockSize: 10, refillThreshold: 2, expiryMarginMinutes: 30 }, workstationId: 'ws-01', userId: 'ana', now: () => server.now() });
    await crashed.maintain();
    const numbers: string[] = [];
    for (const n of [1, 2, 3]) {
      const issued = await crashed.issue(request(n));
      if (!issued.ok) throw new Error(issued.error.reason);
      numbers.push(issued.value.number);
    }
    const [written, decided, orphan] = numbers as [string, string, string];
    const database = await openLedgerDatabase();
    // 1: decision and ledger entry written, the console died before settling; 2: died after the decision; 3: before it.
    await database.decisions.insert({ ...validation(request(1), written), id: decisionDocId(request(1), 1) });
    await database.reds_ledger.insert({ id: written, type: 'reds_entry', schemaVersion: 1, number: written, leaseId: 'x', ...holder, requestId: request(1), decisionId: decisionDocId(request(1), 1), issuedAt: '2026-03-01T09:10:00.000Z', status: 'issued' });
    await database.decisions.insert({ ...validation(request(2), decided), id: decisionDocId(request(2), 1) });
    crashed.dispose();

    const reopened = await RedsPool.open({ source: server.sourceFor('ws-01', 'ana'), store, config: { blockSize: 10, refillThreshold: 2, expiryMarginMinutes: 30 }, workstationId: 'ws-01', userId: 'ana', now: () => server.now() });
    expect(reopened.pending().map((pending) => pending.number)).toEqual(numbers);
    const resolutions = await reconcilePendingNumbers(database, reopened, holder);
    expect(resolutions.map((resolution) => resolution.kind)).toEqual(['settle', 'attach', 'void']);
    expect(reopened.pending()).toEqual([]);
    expect((await store.load())?.pending).toEqual([]);

    const ledger = async (number: string) => (await database.reds_ledger.findOne(number).exec())?.toJSON() as Record<string, unknown> | undefined;
    expect(await ledger(written)).toMatchObject({ leaseId: 'x', status: 'issued' });
    expect(await ledger(decided)).toMatchObject({ status: 'issued', requestId: request(2), decisionId: decisionDocId(request(2), 1) });
    // The orphan is in the ledger at once, voided only after the server took it as issued (couchRev).
    expect(await ledger(orphan)).toMatchObject({ status: 'issued', requestId: request(3) });
    await voidAcknowledgedOrphans(database);
    expect((await ledger(orphan))?.status).toBe('issued');
    await (await database.reds_ledger.findOne(orphan).exec())!.incrementalPatch({ couchRev: '1-abc' });
    await voidAcknowledgedOrphans(database);
    expect(await ledger(orphan)).toMatchObject({ status: 'void', void: { automatic: true, voidedBy: 'ana', reason: expect.stringContaining(request(3)) } });
    // Nothing left to do on the next start.
    expect(await reconcilePendingNumbers(database, reopened, holder)).toEqual([]);
  });
});
