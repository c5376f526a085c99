import 'fake-indexeddb/auto';
import { createRxDatabase, type MangoQuery, type RxCollection, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withBulkIndexReads } from './bulk-index-reads';

interface Item {
  id: string;
  unitId: string;
  receivedAt: string;
  urgent: boolean;
  label: string;
}

const schema: RxJsonSchema<Item> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    unitId: { type: 'string', maxLength: 40 },
    receivedAt: { type: 'string', maxLength: 40 },
    urgent: { type: 'boolean' },
    label: { type: 'string' },
  },
  required: ['id', 'unitId', 'receivedAt', 'urgent', 'label'],
  indexes: [['unitId', 'receivedAt'], ['urgent', 'unitId']],
};

const items: Item[] = Array.from({ length: 300 }, (_, index) => ({
  id: `item-${String((index * 7919) % 1000).padStart(4, '0')}`,
  unitId: ['dv-mg', 'dv-sp', 'dv-rj'][index % 3]!,
  // Some arrive in the same instant: the primary key orders those.
  receivedAt: new Date(Date.UTC(2026, 0, 1, 0, Math.floor(index / 2))).toISOString(),
  urgent: index % 5 === 0,
  label: `Item ${index}`,
}));

/** Index cursors opened so far: the bulk path opens none. */
let cursorsOpened = 0;
const openCursor = IDBIndex.prototype.openCursor;
IDBIndex.prototype.openCursor = function (this: IDBIndex, ...args: Parameters<IDBIndex['openCursor']>) {
  cursorsOpened += 1;
  return openCursor.apply(this, args);
};

type Collections = { items: RxCollection<Item> };
const stores: Array<{ close(): Promise<unknown> }> = [];
let cursor: RxCollection<Item>;
let bulk: RxCollection<Item>;

beforeAll(async () => {
  const open = async (name: string, bulkReads: boolean) => {
    const storage = getRxStorageDexie();
    const db = await createRxDatabase<Collections>({ name, storage: bulkReads ? withBulkIndexReads(storage) : storage, multiInstance: false });
    stores.push(db);
    await db.addCollections({ items: { schema } });
    await db.items.bulkInsert(items);
    // A deleted document must stay out of every answer.
    await (await db.items.findOne(items[3]!.id).exec())!.remove();
    return db.items;
  };
  cursor = await open(`cursor${Date.now()}`, false);
  bulk = await open(`bulk${Date.now()}`, true);
});
afterAll(async () => {
  await Promise.all(stores.map((db) => db.close()));
});

const answer = async (collection: RxCollection<Item>, query: MangoQuery<Item>) =>
  (await collection.storageInstance.query(collection.find(query).getPreparedQuery())).documents.map((doc) => doc.id);

const queries: Array<[string, MangoQuery<Item>]> = [
  ['everything', {}],
  ['one unit by arrival', { selector: { unitId: 'dv-mg' }, sort: [{ receivedAt: 'asc' }] }],
  ['a range with a limit', { selector: { unitId: 'dv-sp', receivedAt: { $gte: '2026-01-01T01:00:00.000Z' } }, sort: [{ receivedAt: 'asc' }, { id: 'asc' }], limit: 7 }],
  ['skip and limit', { selector: { unitId: 'dv-rj' }, sort: [{ receivedAt: 'asc' }], skip: 5, limit: 10 }],
  ['a boolean index', { selector: { urgent: true, unitId: 'dv-mg' } }],
  ['a field no index holds (matcher)', { selector: { label: { $regex: '^Item 1' } } }],
  ['a sort the index does not give', { selector: { unitId: 'dv-mg' }, sort: [{ label: 'desc' }] }],
  ['a matcher with a limit (the cursor path)', { selector: { unitId: 'dv-mg', label: { $regex: '7$' } }, limit: 3 }],
  ['nothing', { selector: { unitId: 'dv-xx' } }],
];

describe('bulk index reads', () => {
  it.each(queries)('answers %s exactly as RxDB\'s cursor does', async (name, query) => {
    const expected = await answer(cursor, query);
    const cursorsBefore = cursorsOpened;
    expect(await answer(bulk, query)).toEqual(expected);
    expect(cursorsOpened - cursorsBefore).toBe(name.includes('cursor path') ? 1 : 0);
    expect(expected).not.toContain(items[3]!.id);
  });

  it('answers through RxDB documents too', async () => {
    const found = await bulk.find({ selector: { unitId: 'dv-sp' }, sort: [{ receivedAt: 'asc' }] }).exec();
    expect(found.map((doc) => doc.toJSON())).toEqual(items.filter((item) => item.unitId === 'dv-sp').sort((a, b) => (a.receivedAt === b.receivedAt ? (a.id < b.id ? -1 : 1) : a.receivedAt < b.receivedAt ? -1 : 1)));
  });
});
