import { z } from 'zod';

/**
 * Messages between the console's window and the worker that keeps the paged collections' log
 * (renderer/data/page-log-client.ts, page-log.worker.ts): JSON text goes in and out, the worker seals,
 * opens and stores it, so the window's thread does neither.
 */
export const PageLogEntrySchema = z.object({ seq: z.number().int().nonnegative(), part: z.number().int().nonnegative(), json: z.string() });
export type PageLogEntry = z.infer<typeof PageLogEntrySchema>;

const collection = z.string().min(1);
const seq = z.number().int().nonnegative();

export const PageLogRequestSchema = z.discriminatedUnion('op', [
  // The key is a CryptoKey, which only the structured clone can carry; the worker checks it is one.
  z.object({ id: z.number(), op: z.literal('open'), name: z.string().min(1), key: z.unknown() }),
  z.object({ id: z.number(), op: z.literal('read'), collection }),
  z.object({ id: z.number(), op: z.literal('append'), collection, seq, json: z.string() }),
  z.object({ id: z.number(), op: z.literal('replace'), collection, seq, pages: z.array(z.string()) }),
  z.object({ id: z.number(), op: z.literal('clear'), collection }),
  z.object({ id: z.number(), op: z.literal('close') }),
]);
export type PageLogRequest = z.infer<typeof PageLogRequestSchema>;

export const PageLogReplySchema = z.discriminatedUnion('kind', [
  z.object({ id: z.number(), kind: z.literal('entries'), entries: z.array(PageLogEntrySchema) }),
  z.object({ id: z.number(), kind: z.literal('done') }),
  z.object({ id: z.number(), kind: z.literal('failed'), message: z.string() }),
]);
export type PageLogReply = z.infer<typeof PageLogReplySchema>;
