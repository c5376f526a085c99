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

/** Parts of a JSON reply: text, and stored bytes spliced in as they are. */
export type JsonPiece = string | Buffer;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;

/**
 * The document as JSON with the stored body spliced in, when it needs nothing beyond `_id`, `_rev` and
 * `_deleted`: no attachments, and none of the tree members asked for (or none to show). Saves parsing the
 * stored body and serializing it again (and, given its bytes, decoding and encoding them); null when
 * `renderDocument` must build it.
 */
export function spliceDocument(state: DocumentState, revision: StoredRevision, options: RenderOptions = {}): JsonPiece[] | null {
  const { bodyBytes } = revision;
  if (!bodyBytes && revision.bodyJson === undefined) return null;
  if (Object.keys(revision.attachments).length > 0 || options.revs || options.revsInfo) return null;
  const others = state.leaves.filter((leaf) => leaf.rev !== revision.rev);
  if (options.conflicts && others.some((leaf) => !leaf.deleted)) return null;
  if (options.deletedConflicts && others.some((leaf) => leaf.deleted)) return null;
  const head = `{"_id":${JSON.stringify(revision.id)},"_rev":${JSON.stringify(revision.rev)}${revision.deleted ? ',"_deleted":true' : ''}`;
  if (bodyBytes) {
    // Written by `JSON.stringify`: `{}` or `{"` and no whitespace; anything else takes the text path.
    if (bodyBytes[0] === OPEN_BRACE && bodyBytes[1] === CLOSE_BRACE && bodyBytes.length === 2) return [`${head}}`];
    if (bodyBytes[0] === OPEN_BRACE && bodyBytes[1] === QUOTE) return [`${head},`, bodyBytes.subarray(1)];
  }
  const bodyJson = revision.bodyJson!;
  if (!bodyJson.startsWith('{')) return null;
  const rest = bodyJson.slice(1).trimStart();
  return [rest.startsWith('}') ? `${head}}` : `${head},${rest}`];
}

/** The pieces as one UTF-8 buffer: runs of text encoded once, stored bytes copied once. */
export function joinPieces(pieces: readonly JsonPiece[]): Buffer {
  const buffers: Buffer[] = [];
  let text = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      text += piece;
      continue;
    }
    if (text) buffers.push(Buffer.from(text));
    text = '';
    buffers.push(piece);
  }
  if (text) buffers.push(Buffer.from(text));
  return Buffer.concat(buffers);
}
