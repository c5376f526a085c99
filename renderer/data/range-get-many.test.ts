import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rangeGetManyMiddleware } from './range-get-many';

interface Row {
  id: string;
  value: number;
}

/** Per-key reads so far: the range path makes none. */
let keyReads = 0;
const get = IDBObjectStore.prototype.get;
IDBObjectStore.prototype.get = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['get']>) {
  keyReads += 1;
  return get.apply(this, args);
};

const id = (index: number): string => `doc-${String(index).padStart(5, '0')}`;
const openTables = async (name: string, withMiddleware: boolean) => {
  const db = new Dexie(name);
  if (withMiddleware) db.use(rangeGetManyMiddleware);
  db.version(1).stores({ rows: 'id' });
  await db.open();
  return db;
};

describe('rangeGetManyMiddleware', () => {
  let plain: Dexie;
  let ranged: Dexie;
  beforeAll(async () => {
    plain = await openTables('range-get-many-plain', false);
    ranged = await openTables('range-get-many-ranged', true);
    // Every third id of 0..2999 is stored: ranges hold some records not asked for, and gaps.
    const rows = Array.from({ length: 1000 }, (_, index) => ({ id: id(index * 3), value: index }));
    await plain.table('rows').bulkPut(rows);
    await ranged.table('rows').bulkPut(rows);
  });
  afterAll(() => {
    plain.close();
    ranged.close();
  });

  const keySets: Record<string, string[]> = {
    'a dense run, stored and missing, out of order and repeated': [...Array.from({ length: 200 }, (_, index) => id(1500 - index)), id(1200), id(1203)],
    'a run beyond every stored id': Array.from({ length: 100 }, (_, index) => id(5000 + index)),
    'a few keys spread over the whole table (per-key reads)': Array.from({ length: 40 }, (_, index) => id(index * 74)),
    'a short list': [id(3), id(4), id(6)],
  };
  for (const [label, keys] of Object.entries(keySets)) {
    it(`answers ${label} as per-key reads do`, async () => {
      const expected = await plain.table('rows').bulkGet(keys);
      expect(await ranged.table('rows').bulkGet(keys)).toEqual(expected);
      expect(expected.some((row) => row === undefined)).toBe(true);
    });
  }

  it('reads a run of neighbouring ids without a get per key, and an empty range without reading records', async () => {
    const run = Array.from({ length: 300 }, (_, index) => id(600 + index));
    keyReads = 0;
    await ranged.table('rows').bulkGet(run);
    await ranged.table('rows').bulkGet(keySets['a run beyond every stored id']!);
    expect(keyReads).toBe(0);
    await plain.table('rows').bulkGet(run);
    expect(keyReads).toBe(run.length);
  });

  it('keeps RxDB writes correct: inserts of stored ids conflict, updates see their previous state', async () => {
    const schema: RxJsonSchema<Row> = {
      version: 0,
      primaryKey: 'id',
      type: 'object',
      properties: { id: { type: 'string', maxLength: 40 }, value: { type: 'number' } },
      required: ['id', 'value'],
    };
    const db = await createRxDatabase({
      name: 'range-get-many-rxdb',
      storage: getRxStorageDexie({ onCreate: (dexie) => void dexie.use(rangeGetManyMiddleware) }),
      multiInstance: false,
    });
    const { rows } = await db.addCollections({ rows: { schema } });
    await rows.bulkInsert(Array.from({ length: 400 }, (_, index) => ({ id: id(index * 2), value: index })));
    const again = await rows.bulkInsert(Array.from({ length: 100 }, (_, index) => ({ id: id(index), value: -1 })));
    expect(again.error.map((error) => error.status)).toEqual(Array(50).fill(409));
    expect(again.success.map((doc) => doc.id)).toEqual(Array.from({ length: 50 }, (_, index) => id(index * 2 + 1)));
    await rows.bulkUpsert(Array.from({ length: 400 }, (_, index) => ({ id: id(index * 2), value: index + 1000 })));
    const stored = await rows.find().exec();
    expect(stored).toHaveLength(450);
    expect(stored.find((doc) => doc.id === id(10))?.value).toBe(1005);
    expect(stored.find((doc) => doc.id === id(11))?.value).toBe(-1);
    await db.close();
  });
});
