import type { RxDocumentData } from 'rxdb';

type Doc = RxDocumentData<Record<string, unknown>>;

/** In a logged replication-meta document, the fork revision that stands for its `docData`. */
export const FORK_REVISION = 'forkRev';
/** RxDB's own fields of a fork document, which the server's version (`docData`) does not carry. */
const FORK_ONLY = new Set(['_meta', '_rev', '_attachments']);

/**
 * RxDB keeps, for every replicated document, a metadata document whose `docData` is the server's version:
 * for a downloaded request the same values as the request itself, so logging both would write every request
 * twice. A metadata document whose `docData` holds exactly the fork document's values (RxDB copies one into
 * the other, so the check is by identity, key by key) is logged with the fork's revision instead, and
 * rebuilt from the fork document at open. Before a referenced fork document changes, its metadata document is
 * logged whole again (`release`); a fork document changed while no metadata is open (before the replication
 * starts) keeps its previous state on disk until the metadata opens (`ForkView.retainedState`). So a
 * reference always names a fork state that is on disk.
 */
/** What the metadata needs of its fork collection. */
export interface ForkView {
  documentsById(): ReadonlyMap<string, Doc>;
  /** A previous fork state kept because it changed while no metadata was open. */
  retainedState(revision: string): Doc | undefined;
}

export class MetaReferences {
  /** Fork document id → id of the metadata document logged as a reference to it. */
  private readonly referenced = new Map<string, string>();

  constructor(private readonly fork: () => ForkView | undefined) {}

  /** The metadata documents as they go into the log. */
  encode(metas: readonly Doc[]): Doc[] {
    const forks = this.fork()?.documentsById();
    return metas.map((meta) => {
      const itemId = meta.itemId as string;
      const fork = forks?.get(itemId);
      if (fork && meta.docData && sameValues(meta.docData as Doc, fork)) {
        this.referenced.set(itemId, meta.id as string);
        const { docData: _docData, ...rest } = meta;
        return { ...rest, [FORK_REVISION]: fork._rev } as Doc;
      }
      if (meta.isCheckpoint === '0') this.referenced.delete(itemId);
      return meta;
    });
  }

  /** Ids of the metadata documents logged as references to these fork documents, which are about to change. */
  release(forkIds: readonly string[]): string[] {
    const metaIds: string[] = [];
    for (const forkId of forkIds) {
      const metaId = this.referenced.get(forkId);
      if (metaId === undefined) continue;
      this.referenced.delete(forkId);
      metaIds.push(metaId);
    }
    return metaIds;
  }

  /**
   * The logged metadata documents made whole again. Those rebuilt from a retained fork state are listed in
   * `toLogWhole`: once they are logged whole, the retained states can go. A reference whose fork state is gone
   * is dropped.
   */
  decode(logged: Iterable<Doc>): { metas: Doc[]; toLogWhole: Doc[]; dropped: number } {
    const fork = this.fork();
    const forks = fork?.documentsById();
    const metas: Doc[] = [];
    const toLogWhole: Doc[] = [];
    let dropped = 0;
    for (const meta of logged) {
      const revision = meta[FORK_REVISION];
      if (revision === undefined) {
        metas.push(meta);
        continue;
      }
      const itemId = meta.itemId as string;
      const { [FORK_REVISION]: _revision, ...rest } = meta;
      const current = forks?.get(itemId);
      if (current && current._rev === revision) {
        this.referenced.set(itemId, meta.id as string);
        metas.push({ ...rest, docData: serverValuesOf(current) } as Doc);
        continue;
      }
      const retained = fork?.retainedState(revision as string);
      if (!retained) {
        dropped += 1;
        continue;
      }
      const whole = { ...rest, docData: serverValuesOf(retained) } as Doc;
      metas.push(whole);
      toLogWhole.push(whole);
    }
    return { metas, toLogWhole, dropped };
  }
}

function sameValues(docData: Doc, fork: Doc): boolean {
  let count = 0;
  for (const key in docData) {
    if (FORK_ONLY.has(key) || docData[key] !== fork[key]) return false;
    count += 1;
  }
  for (const key in fork) if (!FORK_ONLY.has(key)) count -= 1;
  return count === 0;
}

function serverValuesOf(fork: Doc): Doc {
  const values: Record<string, unknown> = {};
  for (const key in fork) if (!FORK_ONLY.has(key)) values[key] = fork[key];
  return values as Doc;
}
