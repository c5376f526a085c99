import type { DBCore, DBCoreGetManyRequest, DBCoreTable, Middleware } from 'dexie';

/** Below this many keys one `get` per key costs little; above it, RxDB's batches of hundreds pay per key. */
const MIN_KEYS = 32;
/** The range read may return at most this many records per key asked for, or the per-key reads are cheaper. */
const MAX_RECORDS_PER_KEY = 2;
/** `DBCoreRangeType.Range`: a const enum, which isolated modules cannot import. */
const RANGE = 2;

/**
 * Every RxDB write first reads the documents it writes by id (`bulkGet`, one IndexedDB `get` per key), and
 * the replication reads them twice more (the local state and its metadata): four requests per downloaded
 * document, all of them misses on a first download. A replication page is a run of neighbouring ids, so
 * this reads the ids' key range instead: one `count`, and when the range holds few records besides the
 * ones asked for, one `getAll` of it (none at all when it is empty). Otherwise it reads key by key as before.
 */
function rangeGetMany(table: DBCoreTable): DBCoreTable {
  const primaryKey = table.schema.primaryKey;
  if (primaryKey.outbound || !primaryKey.extractKey) return table;
  const keyOf = primaryKey.extractKey;
  return {
    ...table,
    async getMany(request: DBCoreGetManyRequest) {
      const { keys } = request;
      // RxDB's keys are strings, which IndexedDB orders as JavaScript does (by UTF-16 code unit).
      if (keys.length < MIN_KEYS || !keys.every((key): key is string => typeof key === 'string')) return table.getMany(request);
      let lower = keys[0]!;
      let upper = keys[0]!;
      for (const key of keys) {
        if (key < lower) lower = key;
        if (key > upper) upper = key;
      }
      const query = { index: primaryKey, range: { type: RANGE, lower, upper, lowerOpen: false, upperOpen: false } };
      const inRange = await table.count({ trans: request.trans, query });
      if (inRange === 0) return keys.map(() => undefined);
      if (inRange > keys.length * MAX_RECORDS_PER_KEY) return table.getMany(request);
      const { result } = await table.query({ trans: request.trans, query, values: true });
      const byKey = new Map<string, unknown>();
      for (const record of result) byKey.set(keyOf(record) as string, record);
      return keys.map((key) => byKey.get(key));
    },
  };
}

/** A Dexie middleware: `getMany` on every table as `rangeGetMany` reads it. */
export const rangeGetManyMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'plantao-range-get-many',
  create: (down) => ({ ...down, table: (name) => rangeGetMany(down.table(name)) }),
};
