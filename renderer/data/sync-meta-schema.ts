import type { RxJsonSchema } from 'rxdb';
import { z } from 'zod';
import { DatabaseNameSchema, IsoDateTimeSchema } from '../../shared/schemas';

/** A local change's sync state: pending until the server acknowledges that revision; refused is final. */
export const SyncItemStateSchema = z.enum(['pending', 'synced', 'refused']);
export type SyncItemState = z.infer<typeof SyncItemStateSchema>;

/** One record per locally written document (`sync_meta` collection, never replicated). */
export const SyncMetaSchema = z.object({
  /** `<db>/<document id>`. */
  id: z.string().min(3).max(260),
  db: DatabaseNameSchema,
  docId: z.string().min(1).max(200),
  state: SyncItemStateSchema,
  /** Bumped by every local write, so an acknowledgement of an older revision never marks a newer one synced. */
  writeSeq: z.number().int().min(1),
  /** The server's reason (refused) or what happened (a conflict the server's version won). */
  reason: z.string().max(2000).optional(),
  /** Server revision acknowledged. */
  rev: z.string().max(200).optional(),
  at: IsoDateTimeSchema,
});
export type SyncMeta = z.infer<typeof SyncMetaSchema>;

export const syncMetaId = (db: string, docId: string): string => `${db}/${docId}`;

export const SYNC_META_COLLECTION_SCHEMA = {
  ...(z.toJSONSchema(SyncMetaSchema, { io: 'input' }) as Record<string, unknown>),
  $schema: undefined,
  title: 'sync_meta',
  version: 0,
  primaryKey: 'id',
  properties: {
    ...(z.toJSONSchema(SyncMetaSchema, { io: 'input' }) as { properties: Record<string, Record<string, unknown>> }).properties,
    id: { type: 'string', maxLength: 260 },
    state: { type: 'string', enum: ['pending', 'synced', 'refused'], maxLength: 10 },
    at: { type: 'string', maxLength: 40 },
  },
  indexes: [['state', 'at']],
} as unknown as RxJsonSchema<SyncMeta>;
