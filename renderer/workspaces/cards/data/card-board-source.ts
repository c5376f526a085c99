import { getChangedDocumentsSince, type RxCollection, type RxDocumentData } from 'rxdb';
import type { CardProcess, CardStageEvent } from '../../../../shared/schemas';
import type { StoredDocument } from '../../../data/collection-schemas';
import type { PlantaoDatabase } from '../../../data/open-store';
import { readBoardSnapshot, saveBoardSnapshot, type StorageCheckpoint } from './board-snapshot';
import { CardStageIndex } from './card-stage-index';
import { stripStored } from './strip-stored';

/** Quiet time after the last change before the board is saved again. */
export const SNAPSHOT_SAVE_DELAY_MS = 3000;
const CATCH_UP_PAGE = 2000;

type Stored = RxDocumentData<StoredDocument>;

/** A stored document as the storage returns it: RxDB's bookkeeping fields dropped too. */
export function plainOf<T>(doc: Stored): T {
  const { _meta, _rev, _attachments, _deleted, ...stored } = doc;
  return stripStored<T>(stored as StoredDocument);
}

const ORIGIN: StorageCheckpoint = { id: '', lwt: 0 };
const later = (a: StorageCheckpoint, b: StorageCheckpoint) => (a.lwt > b.lwt || (a.lwt === b.lwt && a.id > b.id) ? a : b);
const checkpointOf = (docs: readonly Stored[], from: StorageCheckpoint) => docs.reduce((last, doc) => later({ id: doc.id, lwt: doc._meta.lwt }, last), from);

/**
 * Stored documents of the post in one indexed read straight from the storage, skipping RxDB's document
 * objects (tens of thousands of them cost more than the read). No zod parse here: the server validated each
 * document it accepted and this console validates the events it writes (stampEvents).
 */
export async function readWhere(collection: RxCollection<StoredDocument>, selector: Record<string, unknown>): Promise<Stored[]> {
  const query = collection.find({ selector });
  return (await collection.storageInstance.query(query.getPreparedQuery())).documents;
}

/** Every document of the collection written after `since`, page by page, with the checkpoint reached. */
async function changedSince(collection: RxCollection<StoredDocument>, since: StorageCheckpoint) {
  const documents: Stored[] = [];
  let checkpoint = since;
  for (;;) {
    const page = await getChangedDocumentsSince(collection.storageInstance, CATCH_UP_PAGE, checkpoint);
    documents.push(...page.documents);
    checkpoint = page.checkpoint as StorageCheckpoint;
    if (page.documents.length < CATCH_UP_PAGE) return { documents, checkpoint };
  }
}

/**
 * Whether the storage still holds the state a checkpoint was taken in: its document is there, written then
 * or later. A store rebuilt or replaced since the snapshot fails this, and the board is read again.
 */
async function stillStored(collection: RxCollection<StoredDocument>, checkpoint: StorageCheckpoint): Promise<boolean> {
  if (checkpoint.id === '') return true;
  const [doc] = await collection.storageInstance.findDocumentsById([checkpoint.id], true);
  return doc !== undefined && doc._meta.lwt >= checkpoint.lwt;
}

const sources = new WeakMap<PlantaoDatabase, Map<string, CardStageIndex>>();

/** The post's board of this session (see openBoardSource): one per store and post. */
export function cardBoardSource(database: PlantaoDatabase, postId: string): CardStageIndex {
  let byPost = sources.get(database);
  if (!byPost) sources.set(database, (byPost = new Map()));
  const existing = byPost.get(postId);
  if (existing) return existing;
  const { index } = openBoardSource(database, postId);
  byPost.set(postId, index);
  return index;
}

/**
 * The post's derived board, one per store and post for the whole session. It opens from the saved snapshot
 * (sealed at rest) and catches up with the documents written since its checkpoints; without a usable
 * snapshot it reads and folds the whole post. One subscription per collection then feeds it (each change
 * re-folds only its card), and the board is saved again a few seconds after changes settle. The fold stays
 * the source of truth: a restored card's events are read and folded again as soon as one of them changes.
 */
export function openBoardSource(database: PlantaoDatabase, postId: string, saveDelayMs = SNAPSHOT_SAVE_DELAY_MS): { index: CardStageIndex; close: () => void } {
  const index = new CardStageIndex();

  const checkpoints = { cards: ORIGIN, card_events: ORIGIN };
  let closed = false;
  // One change at a time, in storage order: the checkpoints never pass a document not yet on the board.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => (queue = queue.then(() => (closed ? undefined : work())).catch(() => undefined));

  /** Applies changed documents of the post, first reading all stored events of restored cards they touch. */
  const ingest = async (cards: Stored[], events: Stored[]) => {
    const ofPost = (doc: Stored) => !doc._deleted && (doc as Stored & { postId?: string }).postId === postId;
    const newCards = cards.filter(ofPost).map((doc) => plainOf<CardProcess>(doc));
    const newEvents = events.filter(ofPost).map((doc) => plainOf<CardStageEvent>(doc));
    const missing = [...new Set([...newCards, ...newEvents].map((doc) => doc.protocol))].filter((protocol) => index.needsEvents(protocol));
    const stored = missing.length > 0 ? await readWhere(database.card_events, { protocol: { $in: missing } }) : [];
    index.apply(newCards, [...newEvents, ...stored.map((doc) => plainOf<CardStageEvent>(doc))], false, missing);
    checkpoints.cards = checkpointOf(cards, checkpoints.cards);
    checkpoints.card_events = checkpointOf(events, checkpoints.card_events);
  };
  index.loadEvents = (protocols) => void enqueue(async () => {
    const stored = await readWhere(database.card_events, { protocol: { $in: [...protocols] } });
    index.apply([], stored.map((doc) => plainOf<CardStageEvent>(doc)), false, protocols);
  });

  // User Timing marks of the load's phases, reported by bench:cards.
  const mark = (name: string) => performance.mark(`cards-board:${name}`);
  const fullRead = async () => {
    const [cards, events] = await Promise.all([
      readWhere(database.cards, { postId }).then((docs) => (mark('cards-read'), docs)),
      readWhere(database.card_events, { postId }).then((docs) => (mark('events-read'), docs)),
    ]);
    index.apply(
      cards.map((doc) => plainOf<CardProcess>(doc)),
      events.map((doc) => plainOf<CardStageEvent>(doc)),
      true,
    );
    checkpoints.cards = checkpointOf(cards, checkpoints.cards);
    checkpoints.card_events = checkpointOf(events, checkpoints.card_events);
    mark('folded');
  };
  const restore = async () => {
    const snapshot = await readBoardSnapshot(database, postId).catch(() => null);
    if (!snapshot || !(await stillStored(database.cards, snapshot.checkpoints.cards)) || !(await stillStored(database.card_events, snapshot.checkpoints.card_events))) return fullRead();
    index.restore(snapshot.rows);
    mark('snapshot-restored');
    const [cards, events] = await Promise.all([changedSince(database.cards, snapshot.checkpoints.cards), changedSince(database.card_events, snapshot.checkpoints.card_events)]);
    checkpoints.cards = later(checkpoints.cards, snapshot.checkpoints.cards);
    checkpoints.card_events = later(checkpoints.card_events, snapshot.checkpoints.card_events);
    await ingest(cards.documents, events.documents);
    mark('caught-up');
  };

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  // Saves one after another (never an older board over a newer one), off the queue: changes never wait for them.
  let saving: Promise<unknown> = Promise.resolve();
  const save = () =>
    enqueue(async () => {
      // Rows and checkpoints taken together, between two changes.
      const snapshot = { postId, checkpoints: { ...checkpoints }, rows: index.rowList() };
      saving = saving.then(() => saveBoardSnapshot(database, snapshot).then(() => mark('snapshot-saved'))).catch(() => undefined);
    });
  const saveLater = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, saveDelayMs);
  };

  const live = [
    database.cards.eventBulks$.subscribe((bulk) => void enqueue(() => ingest(bulk.events.map((event) => event.documentData as Stored), []))),
    database.card_events.eventBulks$.subscribe((bulk) => void enqueue(() => ingest([], bulk.events.filter((event) => event.operation === 'INSERT').map((event) => event.documentData as Stored)))),
  ];
  const close = () => {
    closed = true;
    clearTimeout(saveTimer);
    live.forEach((subscription) => subscription.unsubscribe());
  };
  database.onClose.push(close);
  // A failed first read (the store closed under it at logout) leaves the board unloaded with its store.
  void enqueue(restore).then(() => {
    if (closed || !index.loaded) return;
    saveLater();
    index.subscribe(saveLater);
  });
  return { index, close };
}
