import { hash } from 'node:crypto';

/** One node of a document's revision tree; `parent` is null for a root (possibly a stemmed one). */
export interface RevNode {
  rev: string;
  parent: string | null;
  deleted: boolean;
  /** False for ancestors known only from a replicated `_revisions` history. */
  available: boolean;
}

export interface ParsedRev {
  pos: number;
  hash: string;
}

const REV_PATTERN = /^([1-9]\d*)-([0-9a-zA-Z]+)$/;

export function parseRev(rev: string): ParsedRev | null {
  const match = REV_PATTERN.exec(rev);
  if (!match) return null;
  return { pos: Number(match[1]), hash: match[2]! };
}

export function revPos(rev: string): number {
  return parseRev(rev)?.pos ?? 0;
}

/** CouchDB's order of leaves: a live leaf beats a deleted one, then the longer path, then the greater rev id. */
export function compareLeaves(a: RevNode, b: RevNode): number {
  if (a.deleted !== b.deleted) return a.deleted ? -1 : 1;
  const posA = revPos(a.rev);
  const posB = revPos(b.rev);
  if (posA !== posB) return posA - posB;
  const hashA = a.rev.slice(a.rev.indexOf('-') + 1);
  const hashB = b.rev.slice(b.rev.indexOf('-') + 1);
  return hashA < hashB ? -1 : hashA > hashB ? 1 : 0;
}

/** An attachment as the revision id covers it: name, digest, content type. */
export type AttachmentSignature = [name: string, digest: string, contentType: string];

/**
 * The same content on the same parent always yields the same revision, so a resent write is idempotent.
 * The hash covers `JSON.stringify([deleted, parent, [body, attachments]])`, assembled around the body's JSON
 * text (`bodyJson`, which the storage keeps anyway) so the body is serialized once per write.
 */
export function newRevision(parent: string | null, deleted: boolean, bodyJson: string, attachments: readonly AttachmentSignature[]): string {
  const pos = parent ? revPos(parent) + 1 : 1;
  const content = `[${deleted},${JSON.stringify(parent)},[${bodyJson},${JSON.stringify(attachments)}]]`;
  // One-shot `hash` (UTF-8 input, like `Hash.update` of a string): no Hash object per revision.
  return `${pos}-${hash('md5', content, 'hex')}`;
}

/** An in-memory view of one document's revisions. */
export class RevTree {
  private readonly nodes = new Map<string, RevNode>();
  private readonly children = new Map<string, Set<string>>();

  constructor(nodes: Iterable<RevNode>) {
    for (const node of nodes) this.add(node);
  }

  get size(): number {
    return this.nodes.size;
  }

  has(rev: string): boolean {
    return this.nodes.has(rev);
  }

  get(rev: string): RevNode | undefined {
    return this.nodes.get(rev);
  }

  all(): RevNode[] {
    return [...this.nodes.values()];
  }

  add(node: RevNode): void {
    this.nodes.set(node.rev, node);
    if (node.parent) {
      const siblings = this.children.get(node.parent) ?? new Set<string>();
      siblings.add(node.rev);
      this.children.set(node.parent, siblings);
    }
  }

  /** Links a stemmed root to the parent a replicated history names for it. */
  setParent(rev: string, parent: string): void {
    const node = this.nodes.get(rev);
    if (!node || node.parent) return;
    this.add({ ...node, parent });
  }

  isLeaf(rev: string): boolean {
    return this.nodes.has(rev) && !this.children.get(rev)?.size;
  }

  leaves(): RevNode[] {
    return this.all().filter((node) => this.isLeaf(node.rev));
  }

  /** Leaves ordered from the winner down. */
  sortedLeaves(): RevNode[] {
    return this.leaves().sort((a, b) => compareLeaves(b, a));
  }

  winner(): RevNode | undefined {
    return this.sortedLeaves()[0];
  }

  /** The revision and its known ancestors, newest first. */
  path(rev: string): RevNode[] {
    const path: RevNode[] = [];
    let node = this.nodes.get(rev);
    while (node && path.length <= this.nodes.size) {
      path.push(node);
      node = node.parent ? this.nodes.get(node.parent) : undefined;
    }
    return path;
  }

  /** The leaves that descend from a revision (itself when it is a leaf). */
  leavesFrom(rev: string): RevNode[] {
    const found: RevNode[] = [];
    const stack = [rev];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (seen.has(current)) continue;
      seen.add(current);
      const kids = this.children.get(current);
      if (!kids?.size) {
        const node = this.nodes.get(current);
        if (node) found.push(node);
      } else stack.push(...kids);
    }
    return found;
  }
}

/** CouchDB's `_revisions` of a path (newest first). */
export function revisionsOf(path: RevNode[]): { start: number; ids: string[] } {
  const first = path[0];
  return {
    start: first ? revPos(first.rev) : 0,
    ids: path.map((node) => node.rev.slice(node.rev.indexOf('-') + 1)),
  };
}

/** The revs named by a replicated `_revisions` history, newest first; null when inconsistent with `rev`. */
export function historyOf(rev: string, revisions: { start: number; ids: string[] } | undefined): string[] | null {
  const parsed = parseRev(rev);
  if (!parsed) return null;
  if (!revisions) return [rev];
  if (revisions.start !== parsed.pos || revisions.ids[0] !== parsed.hash) return null;
  const history: string[] = [];
  revisions.ids.forEach((hash, index) => {
    const pos = revisions.start - index;
    if (pos >= 1) history.push(`${pos}-${hash}`);
  });
  return history;
}
