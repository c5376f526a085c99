import type { MangoQuery, RxCollection, RxDocumentData } from 'rxdb';
import type { StoredDocument } from './collection-schemas';

export type Stored = RxDocumentData<StoredDocument>;

/**
 * Stored documents matching a query, read straight from the collection's storage (unsealed, no RxDocument
 * objects: tens of thousands of them cost more than the read itself). No zod parse: the server validated
 * every document it accepted and this console validates what it writes.
 */
export async function readStored(collection: RxCollection<StoredDocument>, query: MangoQuery<StoredDocument>): Promise<Stored[]> {
  return (await collection.storageInstance.query(collection.find(query).getPreparedQuery())).documents;
}

/** The shared document out of a stored one: RxDB's bookkeeping, the local id, revision and attachment fields dropped. */
export function plainOf<T>(stored: Stored): T {
  const { _meta, _rev, _attachments, _deleted, id: _id, couchRev: _couchRev, couchAttachments: _couchAttachments, ...doc } = stored as Stored & Record<string, unknown>;
  return doc as T;
}
