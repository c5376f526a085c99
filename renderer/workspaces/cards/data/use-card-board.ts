import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { CardProcessSchema, CardStageEventSchema, type CardProcess, type CardStageEvent, type Post } from '../../../../shared/schemas';
import type { StoredDocument } from '../../../data/collection-schemas';
import type { PlantaoDatabase } from '../../../data/open-store';
import { CardStageIndex } from './card-stage-index';
import { stripStored } from './strip-stored';

const cardsOf = (docs: readonly StoredDocument[], postId: string): CardProcess[] =>
  docs.flatMap((doc) => (doc.type === 'card_process' && doc.postId === postId ? [stripStored<CardProcess>(doc)] : []));
const eventsOf = (docs: readonly StoredDocument[], postId: string): CardStageEvent[] =>
  docs.flatMap((doc) => (doc.type === 'card_event' && doc.postId === postId ? [stripStored<CardStageEvent>(doc)] : []));

/** Used when the post's reference document has not synced yet. */
export const FALLBACK_POST_RULES = { pickupDeadlineDays: 90, stageTargetDays: {}, defaultStageTargetDays: 7 } as const;

/**
 * The post's cards with their derived stages: one indexed load (cards by postId, events of the post), then
 * only the changes, each re-folding its own card. `version` changes whenever a row does.
 */
export function useCardBoard(database: PlantaoDatabase, postId: string) {
  const index = useMemo(() => {
    // User Timing mark: bench:cards times the board from here.
    performance.mark('cards-board:open');
    return new CardStageIndex();
  }, [database, postId]);
  const [loaded, setLoaded] = useState(false);
  const [post, setPost] = useState<Post | null>(null);

  useEffect(() => {
    const live = [
      database.cards.eventBulks$.subscribe((bulk) => {
        const docs = bulk.events.filter((event) => event.operation !== 'DELETE').map((event) => event.documentData as StoredDocument);
        index.apply(cardsOf(docs, postId), []);
      }),
      database.card_events.eventBulks$.subscribe((bulk) => {
        const docs = bulk.events.filter((event) => event.operation === 'INSERT').map((event) => event.documentData as StoredDocument);
        index.apply([], eventsOf(docs, postId));
      }),
      database.reference.findOne(`post:${postId}`).$.subscribe((doc) => setPost(doc ? stripStored<Post>(doc.toJSON() as StoredDocument) : null)),
    ];
    void Promise.all([database.cards.find({ selector: { postId } }).exec(), database.card_events.find({ selector: { postId } }).exec()]).then(([cards, events]) => {
      const parsedCards = cards.map((doc) => CardProcessSchema.parse(stripStored(doc.toJSON() as StoredDocument)));
      const parsedEvents = events.map((doc) => CardStageEventSchema.parse(stripStored(doc.toJSON() as StoredDocument)));
      index.apply(parsedCards, parsedEvents);
      setLoaded(true);
    });
    return () => live.forEach((subscription) => subscription.unsubscribe());
  }, [database, postId, index]);

  const version = useSyncExternalStore(index.subscribe, () => index.version);
  return { index, version, loaded, postRules: post ?? { ...FALLBACK_POST_RULES, postId, name: postId }, post };
}
