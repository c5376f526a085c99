import type { Principal } from '../auth/principal';

/** Rejection of one document write, as CouchDB reports it in a `_bulk_docs` row. */
export interface WriteRefusal {
  error: 'forbidden' | 'unauthorized';
  /** pt-BR, readable by a clerk: the console shows it as is. */
  reason: string;
}
/**
 * The verdict on one write. An accepted write may name the scope tags to store with the document instead
 * of `scopeOf(body)`: the tags of a claim, decision or note depend on its request (a secret one), which
 * the body alone does not show.
 */
export type WriteCheck = { ok: true; tags?: string[] } | { ok: false; error: WriteRefusal };

/** A document body without CouchDB's underscore fields (`_id`, `_rev`, `_deleted`, `_attachments`, …). */
export type DocumentBody = Record<string, unknown>;

/** An incoming revision: its body, or a deletion. */
export interface IncomingWrite {
  db: string;
  id: string;
  deleted: boolean;
  body: DocumentBody;
  /** Names of the attachments the revision carries (new and kept), when the caller knows them. */
  attachmentNames?: string[];
}

/**
 * What each user may read and write. The HTTP layer asks it on every read path and every write;
 * it never decides access itself.
 *
 * Reads are filtered by scope tags: at every write the storage stores the tags the write check returned,
 * or else `scopeOf(...)` of the document's newest non-deleted body, beside the document (a deletion keeps its previous tags, so a deleted stub is
 * filtered like the document was); a principal reads a document when one of its tags is in
 * `readableScopes(...)`. Tags are opaque strings such as `unit:dv-mg`, `post:bh-01`, `officer:joao`.
 */
export interface AccessPolicy {
  /** The scope tags of a document body in a database. */
  scopeOf(db: string, id: string, body: DocumentBody): string[];
  /** The tags the principal may read in a database, or 'all' (server admins, reference data). */
  readableScopes(principal: Principal, db: string, storage: ScopeLookup): Promise<string[] | 'all'>;
  /**
   * Checks one incoming revision against the current winning revision (null: the document is new). `view`,
   * when given, is the storage as the write's batch has changed it so far; else the policy's own storage.
   */
  checkWrite(principal: Principal, write: IncomingWrite, current: DocumentBody | null, view?: ScopeLookup): Promise<WriteCheck>;
  /** Whether the principal may use the database at all (read its info, changes, all_docs). */
  canAccessDatabase(principal: Principal, db: string): boolean;
}

/** The storage look-ups a policy may need to compute dynamic read scopes. */
export interface ScopeLookup {
  /** Ids of the (non-deleted) documents of a database that carry a scope tag. */
  idsWithScope(db: string, tag: string): Promise<string[]>;
  /** The winning body of a document, or null when missing or deleted. */
  getBody(db: string, id: string): Promise<DocumentBody | null>;
}

/**
 * The look-ups of one request, each made once: a console's long-poll computes the scopes of every database it
 * watches, and an officer's five of them each list the claims and decisions the officer holds.
 */
export function lookupsOfOneRequest(storage: ScopeLookup): ScopeLookup {
  const ids = new Map<string, Promise<string[]>>();
  return {
    idsWithScope(db, tag) {
      const key = JSON.stringify([db, tag]);
      let found = ids.get(key);
      if (!found) {
        found = storage.idsWithScope(db, tag);
        ids.set(key, found);
      }
      return found;
    },
    getBody: (db, id) => storage.getBody(db, id),
  };
}
