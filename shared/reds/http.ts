import { z } from 'zod';
import { IsoDateTimeSchema, RedsLeaseSchema } from '../schemas';

/** Body of POST /_reds/leases/{id}/return: the first sequence the console never issued. */
export const RedsLeaseReturnSchema = z.object({
  fromSequence: z.number().int().min(1).max(1_000_000_000),
});
export type RedsLeaseReturn = z.infer<typeof RedsLeaseReturnSchema>;

/** Query of GET /_reds/gap-report. */
export const RedsGapReportQuerySchema = z.object({ from: IsoDateTimeSchema, to: IsoDateTimeSchema });
export type RedsGapReportQuery = z.infer<typeof RedsGapReportQuerySchema>;

/** Error body of the /_reds routes (CouchDB style); `reason` is pt-BR and shown to the officer. */
export const RedsErrorSchema = z.object({ error: z.string(), reason: z.string() });
export type RedsError = z.infer<typeof RedsErrorSchema>;

/** `GET /reds_leases/_all_docs?include_docs=true`: the blocks a console may read (its own). */
export const RedsLeasesPageSchema = z.object({ rows: z.array(z.object({ doc: RedsLeaseSchema.nullish() })) });
