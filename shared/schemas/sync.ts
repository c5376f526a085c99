import { z } from 'zod';
import { DatabaseNameSchema } from './documents';

/**
 * Payloads of the CouchDB replication endpoints as the console reads them. Documents stay loose here
 * (`_id`, `_rev`, `_deleted` and the body): a console must keep syncing the documents it cannot show.
 */
export const CouchSeqSchema = z.union([z.string(), z.number()]);
export type CouchSeq = z.infer<typeof CouchSeqSchema>;

export const CouchDocSchema = z.looseObject({
  _id: z.string().min(1),
  _rev: z.string().min(1),
  _deleted: z.boolean().optional(),
});
export type CouchDoc = z.infer<typeof CouchDocSchema>;

/** Reply of `GET /{db}/_changes?feed=normal|longpoll&style=all_docs&include_docs=true`. */
export const ChangesResponseSchema = z.object({
  results: z.array(
    z.object({
      seq: CouchSeqSchema,
      id: z.string(),
      changes: z.array(z.object({ rev: z.string() })),
      deleted: z.boolean().optional(),
      doc: CouchDocSchema.optional(),
    }),
  ),
  last_seq: CouchSeqSchema,
  pending: z.number().int().optional(),
});
export type ChangesResponse = z.infer<typeof ChangesResponseSchema>;

/** One row of the reply of `POST /{db}/_bulk_docs`: CouchDB answers per document. */
export const BulkDocsRowSchema = z.union([
  z.object({ ok: z.literal(true), id: z.string(), rev: z.string() }),
  z.object({ id: z.string(), error: z.string(), reason: z.string().optional(), rev: z.string().optional() }),
]);
export type BulkDocsRow = z.infer<typeof BulkDocsRowSchema>;
export const BulkDocsResponseSchema = z.array(BulkDocsRowSchema);

/** Reply of `POST /{db}/_all_docs` with `keys` and `include_docs`. */
export const AllDocsResponseSchema = z.object({
  rows: z.array(
    z.union([
      z.object({
        id: z.string(),
        key: z.string(),
        value: z.object({ rev: z.string(), deleted: z.boolean().optional() }),
        doc: CouchDocSchema.nullable().optional(),
      }),
      z.object({ key: z.string(), error: z.string() }),
    ]),
  ),
});
export type AllDocsResponse = z.infer<typeof AllDocsResponseSchema>;

/** Reply of `GET /{db}`: the console reads the counts to show initial-sync progress. */
export const DatabaseInfoSchema = z.looseObject({
  db_name: z.string(),
  doc_count: z.number().int().min(0),
  update_seq: CouchSeqSchema,
});
export type DatabaseInfo = z.infer<typeof DatabaseInfoSchema>;

/** CouchDB error body, e.g. `{ error: 'forbidden', reason: '…' }` (reason in pt-BR on this server). */
export const CouchErrorSchema = z.object({ error: z.string(), reason: z.string().optional() });
export type CouchError = z.infer<typeof CouchErrorSchema>;

/**
 * PROPOSED multiplexed change watch, so a console needs one connection for all databases instead of one
 * long-poll each (browsers allow six per host):
 * `GET /_plantao/changes?since=<JSON of PlantaoChangesSince>&timeout=<ms>` answers as soon as any readable
 * database the caller can use has changes after its `since` (or at the timeout, with `changed` empty).
 * A database missing from `since` counts as `now`. The console then pulls each changed database with `_changes`.
 */
export const PlantaoChangesSinceSchema = z.partialRecord(DatabaseNameSchema, CouchSeqSchema);
export type PlantaoChangesSince = z.infer<typeof PlantaoChangesSinceSchema>;
export const PlantaoChangesResponseSchema = z.object({
  /** Current sequence of every database the caller may read. */
  seqs: z.partialRecord(DatabaseNameSchema, CouchSeqSchema),
  /** Databases with changes after the given `since`. */
  changed: z.array(DatabaseNameSchema),
});
export type PlantaoChangesResponse = z.infer<typeof PlantaoChangesResponseSchema>;
