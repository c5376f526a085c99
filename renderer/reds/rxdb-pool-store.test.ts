import { addRxPlugin, createRxDatabase, type RxDatabase } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { addLease, emptyPoolState, issueNumber } from '../../shared/reds';
import { leaseFixture } from '../../shared/reds/test-fixtures';
import { PoolStoreConflictError } from './ports';
import { redsPoolDocumentId, rxdbPoolStore } from './rxdb-pool-store';

addRxPlugin(RxDBLocalDocumentsPlugin);

const databases: RxDatabase[] = [];
async function openDatabase(name: string): Promise<RxDatabase> {
  const db = await createRxDatabase({ name, storage: getRxStorageMemory(), localDocuments: true, multiInstance: false });
  databases.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.close()));
});

describe('rxdbPoolStore', () => {
  it('persists the pool in a local document and refuses a stale writer', async () => {
    const db = await openDatabase('reds-pool-store');
    const store = rxdbPoolStore(db, redsPoolDocumentId('ws-01', 'ana'));
    expect(await store.load()).toBeNull();
    const leased = addLease(emptyPoolState('ws-01', 'ana'), leaseFixture());
    if (!leased.ok) throw new Error('lease refused');
    await store.save(leased.value);
    const issued = issueNumber(leased.value, { requestId: 'DV-2026-00000001', now: new Date('2026-03-01T09:00:00.000Z'), config: { expiryMarginMinutes: 0 } });
    if (!issued.ok) throw new Error('no number');
    await store.save(issued.value.state);
    expect(await store.load()).toEqual(issued.value.state);
    await expect(store.save(leased.value)).rejects.toBeInstanceOf(PoolStoreConflictError);
    await expect(store.save({ ...issued.value.state, revision: 1 })).rejects.toBeInstanceOf(PoolStoreConflictError);
    expect((await store.load())?.revision).toBe(2);
  });
});
