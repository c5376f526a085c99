import { RevTree } from '../../storage/rev-tree';
import type { DocumentState, Storage } from '../../storage/storage';
import { renderDocument, type RenderOptions } from '../render';

export type OpenRevision = { ok: Record<string, unknown> } | { missing: string };

/**
 * The requested revisions of a document (`open_revs`, `_bulk_get`); with `latest`, a revision that has
 * been superseded answers with the leaves that descend from it.
 */
export async function openRevisions(
  storage: Storage,
  db: string,
  state: DocumentState,
  revs: readonly string[],
  options: RenderOptions & { latest?: boolean },
): Promise<OpenRevision[]> {
  const tree = new RevTree(state.tree);
  const targets: string[] = [];
  for (const rev of revs) {
    const resolved = options.latest && tree.has(rev) ? tree.leavesFrom(rev).map((leaf) => leaf.rev) : [rev];
    for (const target of resolved) if (!targets.includes(target)) targets.push(target);
  }
  const stored = await storage.getRevisions(db, state.id, targets);
  return Promise.all(
    targets.map(async (rev): Promise<OpenRevision> => {
      const revision = stored.get(rev);
      return revision ? { ok: await renderDocument(storage, state, revision, options) } : { missing: rev };
    }),
  );
}
