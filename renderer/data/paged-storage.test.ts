import 'fake-indexeddb/auto';
import { createRxDatabase, type RxCollection, type RxJsonSchema, type RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { withPagedCollections } from './paged-storage';
import { PageLog } from './page-log';
import { deriveSealingKey } from './sealed-storage';

interface Person {
  id: string;
  unitId: string;
  name: string;
}

const schema: RxJsonSchema<Person> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    unitId: { type: 'string', maxLength: 40 },
    name: { type: 'string' },
  },
  required: ['id', 'unitId', 'name'],
  indexes: [['unitId', 'id']],
  encrypted: ['name'],
};

const person = (index: number, unitId = 'dv-mg'): Person => ({ id: `p${String(index).padStart(6, '0')}`, unitId, name: `Pessoa Sigilosa ${index}` });

let databases = 0;
const opened: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

const pagedWith = (fallback: ReturnType<typeof getRxStorageMemory>, key: CryptoKey) =>
  withPagedCollections(fallback as RxStorage<unknown, unknown>, { isPaged: (params) => params.collectionName === 'people', openLog: (name) => PageLog.open(name, key) });

/** A store whose `people` are paged and whose `others` stay in the fallback (RxDB's memory storage). */
async function pagedStore(secret = 'a'.repeat(64)) {
  const name = `paged${(databases += 1)}`;
  const fallback = getRxStorageMemory();
  const key = await deriveSealingKey(secret);
  const storage = pagedWith(fallback, key);
  const open = async (withKey = key) => {
    const db = await createRxDatabase<{ people: RxCollection<Person>; others: RxCollection<Person> }>({
      name,
      storage: withKey === key ? storage : pagedWith(fallback, withKey),
      multiInstance: false,
    });
    // The fallback here is RxDB's memory storage, which takes no `encrypted` list.
    await db.addCollections({ people: { schema }, others: { schema: { ...schema, encrypted: [] } } });
    opened.push(db);
    return db;
  };
  return { name, open };
}

/** Every record of the store's page log, as IndexedDB holds it. */
async function rawRecords(name: string): Promise<Array<{ key: unknown[]; value: { seq: number; part: number; data: ArrayBuffer } }>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(`${name}--pages`);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const store = db.transaction('records').objectStore('records');
  const [keys, values] = await Promise.all(
    [store.getAllKeys(), store.getAll()].map(
      (request) => new Promise<unknown[]>((resolve) => (request.onsuccess = () => resolve(request.result as unknown[]))),
    ),
  );
  db.close();
  return keys!.map((key, index) => ({ key: key as unknown[], value: values![index] as never }));
}

const textOf = (buffer: ArrayBuffer) => new TextDecoder('latin1').decode(buffer);

describe('paged storage', () => {
  it('keeps a batch of writes as one sealed record, and reads it back after a restart', async () => {
    const store = await pagedStore();
    const first = await store.open();
    await first.people.bulkInsert(Array.from({ length: 1000 }, (_, index) => person(index)));
    await first.others.insert(person(1));

    const records = await rawRecords(store.name);
    expect(records.map((record) => record.key)).toEqual([['people', 1, 0]]);
    expect(records[0]!.value.data).toBeInstanceOf(ArrayBuffer);
    expect(textOf(records[0]!.value.data)).not.toContain('Pessoa Sigilosa');
    expect(textOf(records[0]!.value.data)).not.toContain('dv-mg');

    await (await first.people.findOne('p000007').exec())!.incrementalPatch({ name: 'Nome Trocado' });
    await (await first.people.findOne('p000008').exec())!.remove();
    await first.close();

    const again = await store.open();
    expect(await again.people.count().exec()).toBe(999);
    expect((await again.people.findOne('p000007').exec())?.name).toBe('Nome Trocado');
    expect(await again.people.findOne('p000008').exec()).toBeNull();
    const inUnit = await again.people.find({ selector: { unitId: 'dv-mg' }, sort: [{ unitId: 'asc' }, { id: 'asc' }], limit: 3 }).exec();
    expect(inUnit.map((doc) => doc.id)).toEqual(['p000000', 'p000001', 'p000002']);
    // The collection that is not paged is not in the log.
    expect((await rawRecords(store.name)).every((record) => record.key[0] === 'people')).toBe(true);
  });

  it('compacts a log that outgrew its documents into pages, keeping writes made meanwhile', async () => {
    const store = await pagedStore();
    const db = await store.open();
    await db.people.bulkInsert(Array.from({ length: 1500 }, (_, index) => person(index)));
    // Every document rewritten three times: 6,000 logged states for 1,500 live ones.
    for (let round = 1; round <= 3; round += 1) {
      await db.people.bulkUpsert(Array.from({ length: 1500 }, (_, index) => ({ ...person(index), name: `Rodada ${round} ${index}` })));
    }
    const during = db.people.insert(person(9999, 'dv-sp'));
    await expect.poll(async () => (await rawRecords(store.name)).filter((record) => record.value.part > 0).length).toBe(2);
    await during;
    await db.close();

    const records = await rawRecords(store.name);
    // Two pages of the snapshot, and only the writes that came after it.
    const pages = records.filter((record) => record.value.part > 0);
    expect(pages.map((record) => record.value.part)).toEqual([1, 2]);
    expect(records.filter((record) => record.value.part === 0).every((record) => record.value.seq > pages[0]!.value.seq)).toBe(true);
    expect(records.length).toBeLessThan(7);

    const again = await store.open();
    expect(await again.people.count().exec()).toBe(1501);
    expect((await again.people.findOne('p001499').exec())?.name).toBe('Rodada 3 1499');
    expect((await again.people.findOne('p009999').exec())?.unitId).toBe('dv-sp');
  });

  it('does not open the records with another key', async () => {
    const store = await pagedStore('b'.repeat(64));
    const first = await store.open();
    await first.people.insert(person(1));
    await first.close();
    await expect(store.open(await deriveSealingKey('c'.repeat(64)))).rejects.toThrow();
  });

  it('drops the records of a removed collection', async () => {
    const store = await pagedStore();
    const db = await store.open();
    await db.people.bulkInsert([person(1), person(2)]);
    await db.people.remove();
    expect(await rawRecords(store.name)).toEqual([]);
  });
});
