import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Post } from '../../../../shared/schemas';
import type { StoredDocument } from '../../../data/collection-schemas';
import type { PlantaoDatabase } from '../../../data/open-store';
import { cardBoardSource } from './card-board-source';
import { stripStored } from './strip-stored';

/** Used when the post's reference document has not synced yet. */
export const FALLBACK_POST_RULES = { pickupDeadlineDays: 90, stageTargetDays: {}, defaultStageTargetDays: 7 } as const;

/**
 * The post's cards with their derived stages, from the session-wide board source of this post. `version`
 * changes whenever a row does.
 */
export function useCardBoard(database: PlantaoDatabase, postId: string) {
  const index = useMemo(() => {
    // User Timing mark: bench:cards times the board from here.
    performance.mark('cards-board:open');
    return cardBoardSource(database, postId);
  }, [database, postId]);
  const [post, setPost] = useState<Post | null>(null);

  useEffect(() => {
    const subscription = database.reference.findOne(`post:${postId}`).$.subscribe((doc) => setPost(doc ? stripStored<Post>(doc.toJSON() as StoredDocument) : null));
    return () => subscription.unsubscribe();
  }, [database, postId]);

  const version = useSyncExternalStore(index.subscribe, () => index.version);
  // One object per post document: the board's derived rows depend on it.
  const postRules = useMemo(() => post ?? { ...FALLBACK_POST_RULES, postId, name: postId }, [post, postId]);
  return { index, version, loaded: index.loaded, postRules, post };
}
