import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { DATABASE_NAMES, type DatabaseName } from '../../shared/schemas';
import { COLLECTION_SCHEMAS, type StoredDocument } from './collection-schemas';
import { keepServerUnlessOnlyRevisionMoved } from './conflict-handler';
import { deriveSealingKey, sealedStorage } from './sealed-storage';
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
 * sealed in one AES-GCM blob per document instead of crypto-js per field); a new format opens a store of a
 * new name, and the old store stays on disk untouched (it may hold unsynced changes).
 */
export const STORE_FORMAT = 2;

/**
 * Opens this user's local store: one RxDB database (Dexie/IndexedDB) per server and user, personal fields
 * sealed with a key derived once from the login's store secret. A wrong secret fails here (RxDB checks the
 * password hash).
 */
export async function openStore(name: string, storeSecret: string): Promise<PlantaoDatabase> {
  const db = await createRxDatabase<PlantaoCollections>({
    name,
    storage: sealedStorage(
      withBulkIndexReads(getRxStorageDexie({ onCreate: (dexie) => void dexie.use(rangeGetManyMiddleware) })),
      await deriveSealingKey(storeSecret),
    ),
    password: storeSecret,
    // One window replicates its own store; no cross-tab leader election.
    multiInstance: false,
    localDocuments: true,
    closeDuplicates: true,
  });
  await db.addCollections({
    ...Object.fromEntries(
      DATABASE_NAMES.map((collection) => [collection, { schema: COLLECTION_SCHEMAS[collection], conflictHandler: keepServerUnlessOnlyRevisionMoved }]),
    ),
    sync_meta: { schema: SYNC_META_COLLECTION_SCHEMA },
    card_board_snapshots: { schema: BOARD_SNAPSHOT_SCHEMA },
  });
  return db;
}
