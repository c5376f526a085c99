import type { WithDeleted } from 'rxdb';
import type { CouchDoc } from '../../shared/schemas';
import type { StoredDocument } from '../data/collection-schemas';

type LocalDoc = WithDeleted<StoredDocument> & Record<string, unknown>;

/** A CouchDB document as RxDB stores it: `_id` → `id`, `_rev` → `couchRev`, attachment stubs kept aside. */
export function fromCouch(doc: CouchDoc): LocalDoc {
  const { _id, _rev, _deleted, _attachments, ...rest } = doc as CouchDoc & { _attachments?: Record<string, unknown> };
  // Other underscore fields (_conflicts, _revisions, …) are CouchDB's bookkeeping, not document data.
  const body = Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith('_')));
  return {
    ...body,
    id: _id,
    couchRev: _rev,
    ...(_attachments ? { couchAttachments: _attachments } : {}),
    _deleted: _deleted === true,
  } as LocalDoc;
}

/** The `_bulk_docs` body of a local document state, based on the server revision the console last saw. */
export function toCouch(state: WithDeleted<StoredDocument>, baseRev: string | undefined): Record<string, unknown> {
  const { id, couchRev: _couchRev, couchAttachments, _deleted, ...rest } = state as WithDeleted<StoredDocument> & Record<string, unknown>;
  const body = Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith('_')));
  return {
    ...body,
    _id: id,
    ...(baseRev ? { _rev: baseRev } : {}),
    // Without the stubs CouchDB would drop the document's attachments.
    ...(couchAttachments ? { _attachments: couchAttachments } : {}),
    ...(_deleted ? { _deleted: true } : {}),
  };
}
