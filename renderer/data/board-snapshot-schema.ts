import type { RxJsonSchema } from 'rxdb';

/** A card board saved for a quick open (renderer/workspaces/cards/data/board-snapshot.ts reads and writes it). */
export interface StoredBoardSnapshot {
  id: string;
  postId: string;
  snapshotVersion: number;
  checkpoints: Record<string, unknown>;
  rows: unknown[];
}

/**
 * Local only (never replicated); `rows` holds holders' personal data, so the whole list is sealed. Opened
 * with the store: a collection added later waits behind the replications' own storage openings.
 */
export const BOARD_SNAPSHOT_SCHEMA: RxJsonSchema<StoredBoardSnapshot> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 200 },
    postId: { type: 'string' },
    snapshotVersion: { type: 'number' },
    checkpoints: { type: 'object' },
    rows: { type: 'array' },
  },
  required: ['id', 'postId', 'snapshotVersion', 'checkpoints', 'rows'],
  encrypted: ['rows'],
};
