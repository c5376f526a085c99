import type { RxCollection, RxDocumentData } from 'rxdb';
import type { CardProcess, CardStageEvent } from '../../../../shared/schemas';
import type { StoredDocument } from '../../../data/collection-schemas';
import type { PlantaoDatabase } from '../../../data/open-store';
import { CardStageIndex } from './card-stage-index';
import { stripStored } from './strip-stored';

/** A stored document as the storage returns it: RxDB's bookkeeping fields dropped too. */
function plainOf<T>(doc: RxDocumentData<StoredDocument>): T {
  const { _meta, _rev, _attachments, _deleted, ...stored } = doc;
  return stripStored<T>(stored as StoredDocument);
}

/**
 * Every stored document of the post in one indexed read straight from the storage, skipping RxDB's document
 * objects (tens of thousands of them cost more than the read). No zod parse here: the server validated each
 * document it accepted and this console validates the events it writes (stampEvents).
 */
async function readPost<T>(collection: RxCollection<StoredDocument>, postId: string): Promise<T[]> {
  const query = collection.find({ selector: { postId } });
  const { documents } = await collection.storageInstance.query(query.getPreparedQuery());
  return documents.map((doc) => plainOf<T>(doc));
}

const sources = new WeakMap<PlantaoDatabase, Map<string, CardStageIndex>>();

/**
 * The post's derived board, one per store and post for the whole session: one subscription per collection
 * feeds it (each change re-folds only its card), so leaving and re-opening the workspace costs only a render.
 */
export function cardBoardSource(database: PlantaoDatabase, postId: string): CardStageIndex {
  let byPost = sources.get(database);
  if (!byPost) sources.set(database, (byPost = new Map()));
  const existing = byPost.get(postId);
  if (existing) return existing;
  const index = new CardStageIndex();
  byPost.set(postId, index);
  const live = [
    database.cards.eventBulks$.subscribe((bulk) => {
      const cards = bulk.events.flatMap((event) => (event.operation !== 'DELETE' && event.documentData.postId === postId ? [plainOf<CardProcess>(event.documentData)] : []));
      if (cards.length > 0) index.apply(cards, []);
    }),
    database.card_events.eventBulks$.subscribe((bulk) => {
      const events = bulk.events.flatMap((event) => (event.operation === 'INSERT' && event.documentData.postId === postId ? [plainOf<CardStageEvent>(event.documentData)] : []));
      if (events.length > 0) index.apply([], events);
    }),
  ];
  database.onClose.push(() => live.forEach((subscription) => subscription.unsubscribe()));
  // User Timing marks of the first load's phases, reported by bench:cards.
  const marked = <T>(name: string) => (value: T) => (performance.mark(`cards-board:${name}`), value);
  void Promise.all([readPost<CardProcess>(database.cards, postId).then(marked('cards-read')), readPost<CardStageEvent>(database.card_events, postId).then(marked('events-read'))]).then(
    ([cards, events]) => {
      index.apply(cards, events, true);
      performance.mark('cards-board:folded');
    },
    // A failed first read (the store closed under it at logout) leaves the board unloaded with its store.
    () => undefined,
  );
  return index;
}
