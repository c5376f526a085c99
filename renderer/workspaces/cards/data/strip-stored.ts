import type { StoredDocument } from '../../../data/collection-schemas';

/** The shared document out of a stored one (RxDB's id, revision and attachment fields dropped). */
export function stripStored<T>(stored: StoredDocument): T {
  const { id: _id, couchRev: _rev, couchAttachments: _attachments, ...doc } = stored as StoredDocument & Record<string, unknown>;
  return doc as T;
}
