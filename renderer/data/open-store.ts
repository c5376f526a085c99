import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { DATABASE_NAMES, type DatabaseName } from '../../shared/schemas';
import { COLLECTION_SCHEMAS, type StoredDocument } from './collection-schemas';
import { keepServerUnlessOnlyRevisionMoved } from './conflict-handler';
import { SYNC_META_COLLECTION_SCHEMA, type SyncMeta } from './sync-meta-schema';

addRxPlugin(RxDBLocalDocumentsPlugin);

export type DocumentCollection = RxCollection<StoredDocument>;
export type PlantaoCollections = Record<DatabaseName, DocumentCollection> & { sync_meta: RxCollection<SyncMeta> };
export type PlantaoDatabase = RxDatabase<PlantaoCollections>;

/**
 * Opens this user's local store: one RxDB database (Dexie/IndexedDB) per server and user, personal fields
 * encrypted with a key derived from the login. A wrong key fails here (RxDB checks the password hash).
 */
export async function openStore(name: string, encryptionKey: string): Promise<PlantaoDatabase> {
  const db = await createRxDatabase<PlantaoCollections>({
    name,
    storage: wrappedKeyEncryptionCryptoJsStorage({ storage: getRxStorageDexie() }),
    password: encryptionKey,
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
  });
  return db;
}
