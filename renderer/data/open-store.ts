import { addRxPlugin, createRxDatabase, META_INSTANCE_SCHEMA_TITLE, type RxCollection, type RxDatabase, type RxStorageInstanceCreationParams } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { DATABASE_NAMES, type DatabaseName } from '../../shared/schemas';
import { COLLECTION_SCHEMAS, type StoredDocument } from './collection-schemas';
import { keepServerUnlessOnlyRevisionMoved } from './conflict-handler';
import { deriveSealingKey, sealedStorage } from './sealed-storage';
import { withPagedCollections, type PagedRole } from './paged-storage';
import { openPageLog } from './open-page-log';
import { withBulkIndexReads } from './bulk-index-reads';
import { rangeGetManyMiddleware } from './range-get-many';
import { BOARD_SNAPSHOT_SCHEMA, type StoredBoardSnapshot } from './board-snapshot-schema';
import { SYNC_META_COLLECTION_SCHEMA, type SyncMeta } from './sync-meta-schema';

addRxPlugin(RxDBLocalDocumentsPlugin);

export type DocumentCollection = RxCollection<StoredDocument>;
export type PlantaoCollections = Record<DatabaseName, DocumentCollection> & { sync_meta: RxCollection<SyncMeta>; card_board_snapshots: RxCollection<StoredBoardSnapshot> };
export type PlantaoDatabase = RxDatabase<PlantaoCollections>;

/**
 * Stored layout of the local store. Bumped when documents are stored differently (format 2: personal fields
 * sealed in one AES-GCM blob per document instead of crypto-js per field; format 3: requests in sealed pages);
 * a new format opens a store of a new name, and the old store stays on disk untouched (it may hold unsynced
 * changes).
 */
export const STORE_FORMAT = 3;

/**
 * Collections kept in memory and written as sealed pages (renderer/data/paged-storage.ts): the download whose
 * speed staff wait for at their first login. The others stay one IndexedDB record per document.
 */
export const PAGED_COLLECTIONS: readonly DatabaseName[] = ['requests'];

/** A paged collection, or RxDB's replication metadata of one (its `docData` carries the collection's properties). */
function pagedRoleOf(params: RxStorageInstanceCreationParams<unknown, unknown>): PagedRole | null {
  if ((PAGED_COLLECTIONS as readonly string[]).includes(params.collectionName)) return { kind: 'collection' };
  const docData = (params.schema.properties as Record<string, { properties?: Record<string, unknown> }>).docData?.properties;
  if (params.schema.title !== META_INSTANCE_SCHEMA_TITLE || !docData) return null;
  // The same properties, no more and no fewer (RxDB adds its own, which start with an underscore): a
  // subset test would take the metadata of a collection with more properties for this one.
  const properties = Object.keys(docData).filter((property) => !property.startsWith('_'));
  const of = PAGED_COLLECTIONS.find((db) => {
    const own = Object.keys(COLLECTION_SCHEMAS[db].properties);
    return own.length === properties.length && own.every((property) => property in docData);
  });
  return of ? { kind: 'replication-meta', of } : null;
}

/**
 * Opens this user's local store: one RxDB database (Dexie/IndexedDB) per server and user, personal fields
 * sealed with a key derived once from the login's store secret. A wrong secret fails here (RxDB checks the
 * password hash).
 */
export async function openStore(name: string, storeSecret: string): Promise<PlantaoDatabase> {
  const key = await deriveSealingKey(storeSecret);
  const db = await createRxDatabase<PlantaoCollections>({
    name,
    storage: withPagedCollections(
      sealedStorage(withBulkIndexReads(getRxStorageDexie({ onCreate: (dexie) => void dexie.use(rangeGetManyMiddleware) })), key),
      {
        roleOf: pagedRoleOf,
        openLog: (logName) => openPageLog(logName, key),
      },
    ),
    password: storeSecret,
    // One window replicates its own store; no cross-tab leader election.
    multiInstance: false,
    localDocuments: true,
    closeDuplicates: true,
  });
  try {
    await db.addCollections({
      ...Object.fromEntries(
        DATABASE_NAMES.map((collection) => [collection, { schema: COLLECTION_SCHEMAS[collection], conflictHandler: keepServerUnlessOnlyRevisionMoved }]),
      ),
      sync_meta: { schema: SYNC_META_COLLECTION_SCHEMA },
      card_board_snapshots: { schema: BOARD_SNAPSHOT_SCHEMA },
    });
  } catch (error) {
    // E.g. the store open in another window: leave nothing of this attempt open.
    await db.close();
    throw error;
  }
  return db;
}
