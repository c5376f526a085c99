import type { z } from 'zod';
import { type PlantaoDocument, PlantaoDocumentSchema } from '../../shared/schemas';
import { compileAcceptor } from './compiled-acceptor';

const acceptsAsItIs = compileAcceptor(PlantaoDocumentSchema);

/**
 * `PlantaoDocumentSchema.safeParse`, with the common valid document accepted by the compiled acceptor
 * without zod's parse (then `data` is the body itself, which zod would have returned a copy of). Anything
 * else, every refusal included, is zod's own result.
 */
export function parseDocument(body: unknown): z.ZodSafeParseResult<PlantaoDocument> {
  return acceptsAsItIs(body) ? { success: true, data: body as PlantaoDocument } : PlantaoDocumentSchema.safeParse(body);
}
