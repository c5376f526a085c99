import { getQueryMatcher, getSortComparator, type PreparedQuery, type RxDocumentData, type RxStorage, type RxStorageInstance, type RxStorageQueryResult } from 'rxdb';
import { DEXIE_DOCS_TABLE_NAME, dexieReplaceIfStartsWithPipe, fromDexieToStorage, getKeyRangeByQueryPlan } from 'rxdb/plugins/storage-dexie';

/** What RxDB's Dexie storage instance keeps (rxdb/plugins/storage-dexie, `internals`). */
interface DexieInternals {
  dexieDb: { transaction(mode: 'r', table: unknown, scope: (tx: { idbtrans: IDBTransaction }) => Promise<void>): Promise<void> };
  dexieTable: unknown;
  booleanIndexes: string[];
}

type Instance = RxStorageInstance<unknown, unknown, unknown>;

/**
 * RxDB's Dexie storage walks a query's index range with a cursor, one IndexedDB round trip per record: tens
 * of thousands of records (a unit's requests, a post's card events) took seconds, and minutes while IndexedDB
 * was busy. This answers the same query with `getAll` on the same index range (one round trip), then the
 * same matcher, sort, skip and limit as RxDB. A query that would stop its cursor early (a matcher with a
 * limit) keeps RxDB's own path.
 */
async function bulkQuery(instance: Instance & { internals: Promise<DexieInternals> }, prepared: PreparedQuery<unknown>): Promise<RxStorageQueryResult<unknown>> {
  const { query, queryPlan } = prepared;
  const state = await instance.internals;
  const skip = query.skip ?? 0;
  const limit = typeof query.limit === 'number' ? query.limit : Infinity;
  const matcher = queryPlan.selectorSatisfiedByIndex ? null : getQueryMatcher(instance.schema, query as never);
  let range: IDBKeyRange;
  try {
    range = getKeyRangeByQueryPlan(state.booleanIndexes, queryPlan, IDBKeyRange);
  } catch (error) {
    if ((error as Error).name === 'DataError') return { documents: [] };
    throw error;
  }
  const indexName = `[${queryPlan.index.map((field) => dexieReplaceIfStartsWithPipe(field)).join('+')}]`;
  // Without a matcher and with the index's order, the first skip + limit records are the answer.
  const count = !matcher && queryPlan.sortSatisfiedByIndex && Number.isFinite(limit) ? skip + limit : undefined;
  let stored: unknown[] = [];
  await state.dexieDb.transaction('r', state.dexieTable, async (tx) => {
    const request = tx.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME).index(indexName).getAll(range, count);
    stored = await new Promise<unknown[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result as unknown[]);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB getAll failed'));
    });
  });
  let rows = stored.map((doc) => fromDexieToStorage(state.booleanIndexes, doc) as RxDocumentData<unknown>);
  if (matcher) rows = rows.filter((doc) => matcher(doc));
  if (!queryPlan.sortSatisfiedByIndex) rows.sort(getSortComparator(instance.schema, query as never));
  return { documents: rows.slice(skip, skip + limit) };
}

/** The Dexie storage with its queries answered by `bulkQuery` (see there). */
export function withBulkIndexReads<Internals, Options>(storage: RxStorage<Internals, Options>): RxStorage<Internals, Options> {
  return Object.assign({}, storage, {
    async createStorageInstance(params: Parameters<RxStorage<Internals, Options>['createStorageInstance']>[0]) {
      const instance = await storage.createStorageInstance(params);
      const cursorQuery = instance.query.bind(instance);
      instance.query = (prepared) => {
        const stopsEarly = !prepared.queryPlan.selectorSatisfiedByIndex && typeof prepared.query.limit === 'number';
        return stopsEarly ? cursorQuery(prepared) : (bulkQuery(instance as never, prepared as PreparedQuery<unknown>) as ReturnType<typeof cursorQuery>);
      };
      return instance;
    },
  });
}
