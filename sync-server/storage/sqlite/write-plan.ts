import type { DocumentBody, IncomingWrite, ScopeLookup } from '../../policy/access-policy';
import { attachmentDigest } from '../attachments';
import { type AttachmentSignature, historyOf, newRevision, revPos, type RevTree } from '../rev-tree';
import type { AttachmentInfo, DocumentWrite, StoredRevision, WriteOptions, WriteResult } from '../storage';

/** A document being written within one batch: its tree grows in memory until the batch commits. */
export interface WorkingDocument {
  id: string;
  tree: RevTree;
  tags: string[] | null;
  /** What the document was before the batch, for the database's counts. */
  previous: 'none' | 'live' | 'deleted';
  added: StoredRevision[];
  blobs: Map<string, Buffer>;
}

export interface RevisionSource {
  loadRevision(rev: string): StoredRevision | null;
  /** The storage as the check sees it: committed documents overlaid with the rows of this batch so far. */
  view: ScopeLookup;
}

/**
 * The storage with the documents this batch has written so far, for the write check: the second of two
 * decisions sent together is checked against the first (writes are serialized, so nothing else interleaves).
 */
export function batchView(
  db: string,
  working: ReadonlyMap<string, WorkingDocument>,
  committed: ScopeLookup,
  loadRevision: (id: string, rev: string) => StoredRevision | null,
): ScopeLookup {
  const written = (name: string, id: string): WorkingDocument | undefined => {
    const doc = name === db ? working.get(id) : undefined;
    return doc && doc.added.length > 0 ? doc : undefined;
  };
  const liveBody = (doc: WorkingDocument): DocumentBody | null => {
    const winner = doc.tree.winner();
    if (!winner || winner.deleted) return null;
    return (doc.added.find((added) => added.rev === winner.rev) ?? loadRevision(doc.id, winner.rev))?.body ?? null;
  };
  return {
    getBody: async (name, id) => {
      const doc = written(name, id);
      return doc ? liveBody(doc) : committed.getBody(name, id);
    },
    idsWithScope: async (name, tag) => {
      const ids = new Set(await committed.idsWithScope(name, tag));
      if (name !== db) return [...ids];
      for (const doc of working.values()) {
        if (doc.added.length === 0) continue;
        if (liveBody(doc) !== null && doc.tags?.includes(tag)) ids.add(doc.id);
        else ids.delete(doc.id);
      }
      return [...ids].sort();
    },
  };
}

const CONFLICT = { error: 'conflict', reason: 'Document update conflict.' } as const;

/**
 * Applies one write to the working document with CouchDB's rules, after the policy accepted it.
 * Returns the row to report (null for a successful replicated write, which CouchDB does not report).
 */
export async function prepareWrite(
  db: string,
  doc: WorkingDocument,
  write: DocumentWrite,
  options: WriteOptions,
  source: RevisionSource,
): Promise<WriteResult | null> {
  const revision = (rev: string): StoredRevision | null => doc.added.find((added) => added.rev === rev) ?? source.loadRevision(rev);
  const winner = doc.tree.winner();
  const current = winner && !winner.deleted ? (revision(winner.rev)?.body ?? null) : null;

  if (options.newEdits) {
    // Without a rev, a deleted document is recreated on top of its tombstone.
    const parent = write.rev ?? (winner?.deleted ? winner.rev : null);
    const extendsLeaf = parent === null ? !winner : doc.tree.isLeaf(parent);
    const pos = parent ? revPos(parent) + 1 : 1;
    const parentRevision = parent ? revision(parent) : null;
    const resolved = resolveAttachments(doc, write, pos, (name) => parentRevision?.attachments[name] ?? null);
    if ('failure' in resolved) return extendsLeaf ? resolved.failure : { id: write.id, ...CONFLICT };
    const { attachments } = resolved;
    const bodyJson = JSON.stringify(write.body);
    const rev = newRevision(parent, write.deleted, bodyJson, attachmentSignature(attachments));
    // Same content on the same parent: already written (a retry whose answer was lost), nothing to do.
    if (doc.tree.has(rev)) return { id: write.id, ok: true, rev };
    if (!extendsLeaf) return { id: write.id, ...CONFLICT };
    const check = await options.check(incoming(db, write), current, source.view);
    if (!check.ok) return { id: write.id, ...check.error };
    doc.tree.add({ rev, parent, deleted: write.deleted, available: true });
    doc.added.push({ id: write.id, rev, deleted: write.deleted, body: write.body, bodyJson, attachments });
    retag(doc, options, write.body, revision, check.tags);
    return { id: write.id, ok: true, rev };
  }

  const rev = write.rev;
  const history = rev ? historyOf(rev, write.revisions) : null;
  if (!rev || !history) return { id: write.id, error: 'bad_request', reason: 'Invalid rev format' };
  if (doc.tree.get(rev)?.available) return null;
  const resolved = resolveAttachments(doc, write, revPos(rev), (name, digest) => findAttachment(doc, history, name, digest, revision));
  if ('failure' in resolved) return { ...resolved.failure, rev };
  const { attachments } = resolved;
  const check = await options.check(incoming(db, write), current, source.view);
  if (!check.ok) return { id: write.id, rev, ...check.error };
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const node = history[index]!;
    const parent = history[index + 1] ?? null;
    const known = doc.tree.get(node);
    if (index === 0) doc.tree.add({ rev: node, parent: known?.parent ?? parent, deleted: write.deleted, available: true });
    else if (!known) doc.tree.add({ rev: node, parent, deleted: false, available: false });
    else if (parent) doc.tree.setParent(node, parent);
  }
  doc.added.push({ id: write.id, rev, deleted: write.deleted, body: write.body, attachments });
  retag(doc, options, write.body, revision, check.tags);
  return null;
}

function incoming(db: string, write: DocumentWrite): IncomingWrite {
  return { db, id: write.id, deleted: write.deleted, body: write.body, attachmentNames: Object.keys(write.attachments) };
}

type Resolved = { attachments: Record<string, AttachmentInfo> } | { failure: { id: string; error: string; reason: string } };

function resolveAttachments(
  doc: WorkingDocument,
  write: DocumentWrite,
  pos: number,
  findStub: (name: string, digest: string | undefined) => AttachmentInfo | null,
): Resolved {
  const resolved: Record<string, AttachmentInfo> = {};
  for (const [name, input] of Object.entries(write.attachments)) {
    if (input.kind === 'data') {
      const digest = attachmentDigest(input.data);
      doc.blobs.set(digest, input.data);
      resolved[name] = { content_type: input.contentType, digest, length: input.data.length, revpos: input.revpos ?? pos };
      continue;
    }
    const known = findStub(name, input.digest);
    if (!known || (input.digest && input.digest !== known.digest)) {
      return { failure: { id: write.id, error: 'precondition_failed', reason: `Invalid attachment stub in ${write.id} for ${name}` } };
    }
    resolved[name] = known;
  }
  return { attachments: resolved };
}

/** A replicated stub names an attachment of one of the revision's ancestors (or any stored revision). */
function findAttachment(
  doc: WorkingDocument,
  history: string[],
  name: string,
  digest: string | undefined,
  revision: (rev: string) => StoredRevision | null,
): AttachmentInfo | null {
  const candidates = [...history.slice(1), ...doc.tree.all().map((node) => node.rev)];
  for (const rev of candidates) {
    if (!doc.tree.get(rev)?.available) continue;
    const found = revision(rev)?.attachments[name];
    if (found && (!digest || found.digest === digest)) return found;
  }
  return null;
}

function attachmentSignature(attachments: Record<string, AttachmentInfo>): AttachmentSignature[] {
  return Object.entries(attachments)
    .map(([name, info]): AttachmentSignature => [name, info.digest, info.content_type])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * Scope tags follow the live winner; a deleted document keeps the tags it had. Tags the check chose for the
 * write win over `scopeOf`: they cover the document whichever of its revisions wins.
 */
function retag(
  doc: WorkingDocument,
  options: WriteOptions,
  writtenBody: DocumentBody,
  revision: (rev: string) => StoredRevision | null,
  checked: string[] | undefined,
): void {
  const winner = doc.tree.winner();
  if (winner && !winner.deleted) doc.tags = checked ?? options.scopeOf(doc.id, revision(winner.rev)?.body ?? writtenBody);
  else if (doc.tags === null) doc.tags = checked ?? options.scopeOf(doc.id, writtenBody);
}
