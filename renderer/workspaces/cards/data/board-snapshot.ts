import { createRevision, type RxCollection, type RxDocumentData } from 'rxdb';
import { z } from 'zod';
import type { PlantaoDatabase } from '../../../data/open-store';
import type { BoardCard } from './card-stage-index';

/**
 * Bumped whenever a snapshot's rows would differ for the same documents (the fold, the row shape, the search
 * key): a snapshot of another version is ignored and the board is rebuilt from the documents.
 */
export const BOARD_SNAPSHOT_VERSION = 1;

/** A storage position: RxDB's change checkpoint (last write time, then document id). */
export const StorageCheckpointSchema = z.object({ id: z.string(), lwt: z.number() });
export type StorageCheckpoint = z.infer<typeof StorageCheckpointSchema>;

/** Everything but the rows, checked on read; the rows are trusted because AES-GCM authenticated them. */
const SnapshotEnvelopeSchema = z.object({
  id: z.string(),
  postId: z.string(),
  snapshotVersion: z.literal(BOARD_SNAPSHOT_VERSION),
  checkpoints: z.object({ cards: StorageCheckpointSchema, card_events: StorageCheckpointSchema }),
  rows: z.array(z.unknown()),
});

export interface BoardSnapshot {
  postId: string;
  checkpoints: { cards: StorageCheckpoint; card_events: StorageCheckpoint };
  rows: BoardCard[];
}

interface StoredSnapshot extends BoardSnapshot {
  id: string;
  snapshotVersion: number;
}

type SnapshotCollection = RxCollection<StoredSnapshot>;
/** The stored document last read or written per post: the `previous` of the next write. */
const lastStored = new WeakMap<SnapshotCollection, Map<string, RxDocumentData<StoredSnapshot>>>();

const snapshotCollection = (database: PlantaoDatabase) => database.card_board_snapshots as unknown as SnapshotCollection;

const storedOf = (collection: SnapshotCollection) => {
  let byId = lastStored.get(collection);
  if (!byId) lastStored.set(collection, (byId = new Map()));
  return byId;
};

const idOf = (postId: string) => `board:${postId}`;

/** The post's saved board, or null when there is none or it does not fit this console (other version, malformed). */
export async function readBoardSnapshot(database: PlantaoDatabase, postId: string): Promise<BoardSnapshot | null> {
  const collection = snapshotCollection(database);
  const [stored] = await collection.storageInstance.findDocumentsById([idOf(postId)], false);
  performance.mark('cards-board:snapshot-read');
  if (!stored) return null;
  storedOf(collection).set(stored.id, { ...stored, rows: [] });
  const envelope = SnapshotEnvelopeSchema.safeParse(stored);
  if (!envelope.success || envelope.data.postId !== postId) return null;
  return { postId, checkpoints: envelope.data.checkpoints, rows: stored.rows };
}

/** Replaces the post's saved board (the storage seals its rows with the store key). */
export async function saveBoardSnapshot(database: PlantaoDatabase, snapshot: BoardSnapshot): Promise<void> {
  const collection = snapshotCollection(database);
  const id = idOf(snapshot.postId);
  const known = storedOf(collection);
  /**
   * The storage compares only revisions; a `previous` without rows spares sealing the old board again. The
   * revision is RxDB's own next one (collection storage sets it the same way).
   */
  const revisionOf = (doc: RxDocumentData<StoredSnapshot>): RxDocumentData<StoredSnapshot> => ({ ...doc, rows: [] });
  const write = async (previous: RxDocumentData<StoredSnapshot> | undefined) => {
    const document = { ...snapshot, id, snapshotVersion: BOARD_SNAPSHOT_VERSION, _deleted: false, _attachments: {}, _meta: { lwt: 0 }, _rev: '' };
    const { error } = await collection.storageInstance.bulkWrite([{ document, previous }], 'card-board-snapshot');
    return { document, conflict: error[0] };
  };
  let previous = known.get(id);
  let { document, conflict } = await write(previous);
  // Another write (an earlier session's, or this one's lost track) got there first: replace it.
  if (conflict && conflict.status === 409 && conflict.documentInDb) {
    previous = revisionOf(conflict.documentInDb);
    ({ document, conflict } = await write(previous));
  }
  if (conflict) throw new Error(`card board snapshot not saved (${conflict.status})`);
  known.set(id, revisionOf({ ...document, _rev: createRevision(database.token, previous) }));
}
