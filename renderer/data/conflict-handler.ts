import { deepEqual, defaultConflictHandler, type RxConflictHandler } from 'rxdb';
import type { StoredDocument } from './collection-schemas';

/** The document without what only says where it stands on the server or in the local store. */
const bodyOf = (doc: object) =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => key !== 'couchRev' && key !== '_meta' && key !== '_rev' && key !== '_attachments'));

/** The server's revision has the body this console last saw: the 409 only means our `_rev` was stale. */
export const onlyRevisionMoved = (assumedMaster: object | undefined, realMaster: object): boolean =>
  assumedMaster !== undefined && deepEqual(bodyOf(assumedMaster), bodyOf(realMaster));

/**
 * When only the revision moved (our own earlier push came back with a new `_rev`), replay the local change
 * on the new revision. Otherwise someone else changed the document: the server's version wins, as CouchDB
 * replication would; the sync record says so.
 */
export const keepServerUnlessOnlyRevisionMoved: RxConflictHandler<StoredDocument> = {
  isEqual: (a, b, context) => defaultConflictHandler.isEqual(a, b, context),
  resolve: async ({ newDocumentState, assumedMasterState, realMasterState }) =>
    onlyRevisionMoved(assumedMasterState, realMasterState) ? { ...newDocumentState, couchRev: realMasterState.couchRev } : realMasterState,
};
