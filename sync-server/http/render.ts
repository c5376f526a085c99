import { RevTree, revisionsOf, revPos } from '../storage/rev-tree';
import type { DocumentState, Storage, StoredRevision } from '../storage/storage';

export interface RenderOptions {
  revs?: boolean;
  revsInfo?: boolean;
  conflicts?: boolean;
  deletedConflicts?: boolean;
  /** Inline attachment bytes (base64) instead of stubs. */
  attachments?: boolean;
  /** With `attachments`: inline only what is newer than the newest of these revisions the client has. */
  attsSince?: readonly string[] | null;
}

/** A stored revision as CouchDB shows it. */
export async function renderDocument(
  storage: Storage,
  state: DocumentState,
  revision: StoredRevision,
  options: RenderOptions = {},
): Promise<Record<string, unknown>> {
  const doc: Record<string, unknown> = { _id: revision.id, _rev: revision.rev };
  if (revision.deleted) doc._deleted = true;
  Object.assign(doc, revision.body);
  const tree = new RevTree(state.tree);
  const path = tree.path(revision.rev);
  const names = Object.keys(revision.attachments);
  if (names.length > 0) {
    const known = new Set(options.attsSince ?? []);
    const sincePos = Math.max(0, ...path.filter((node) => known.has(node.rev)).map((node) => revPos(node.rev)));
    const attachments: Record<string, unknown> = {};
    for (const name of names) {
      const info = revision.attachments[name]!;
      const inline = options.attachments === true && info.revpos > sincePos;
      const data = inline ? await storage.getAttachment(info.digest) : null;
      attachments[name] = data
        ? { content_type: info.content_type, revpos: info.revpos, digest: info.digest, length: info.length, data: data.toString('base64') }
        : { content_type: info.content_type, revpos: info.revpos, digest: info.digest, length: info.length, stub: true };
    }
    doc._attachments = attachments;
  }
  const others = state.leaves.filter((leaf) => leaf.rev !== revision.rev);
  if (options.conflicts) {
    const live = others.filter((leaf) => !leaf.deleted).map((leaf) => leaf.rev);
    if (live.length > 0) doc._conflicts = live;
  }
  if (options.deletedConflicts) {
    const dead = others.filter((leaf) => leaf.deleted).map((leaf) => leaf.rev);
    if (dead.length > 0) doc._deleted_conflicts = dead;
  }
  if (options.revs) doc._revisions = revisionsOf(path);
  if (options.revsInfo) {
    doc._revs_info = path.map((node) => ({ rev: node.rev, status: !node.available ? 'missing' : node.deleted ? 'deleted' : 'available' }));
  }
  return doc;
}
