import { z } from 'zod';
import { RequestProtocolSchema } from './common';

/** One refused field of a portal submission: a dotted path (`requester.cpf`, `authors.0.name`) and a pt-BR message. */
export const FieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** `POST /api/intake/requests` → 201 (new) or 200 (the same submission again). */
export const IntakeAcceptedSchema = z.object({
  ok: z.literal(true),
  protocol: RequestProtocolSchema,
});
export type IntakeAccepted = z.infer<typeof IntakeAcceptedSchema>;

/** `POST /api/intake/requests` → 400: the submission does not match `RequestSubmissionSchema`. */
export const IntakeRefusedSchema = z.object({
  error: z.literal('bad_request'),
  reason: z.string(),
  fields: z.array(FieldErrorSchema),
});
export type IntakeRefused = z.infer<typeof IntakeRefusedSchema>;
