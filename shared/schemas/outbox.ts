import { z } from 'zod';
import { DecisionOutcomeSchema } from './triage';
import { IsoDateTimeSchema, RequestProtocolSchema } from './common';

/** queued → sending → sent, or → retrying (again sending later) → failed after the last attempt. */
export const MAIL_STATES = ['queued', 'sending', 'retrying', 'sent', 'failed'] as const;
export const MailStateSchema = z.enum(MAIL_STATES);
export type MailState = z.infer<typeof MailStateSchema>;

/** The delivery state of the citizen e-mail of one decision, as staff see it (no address, no text). */
export const MailStatusSchema = z.object({
  decisionId: z.string(),
  requestId: RequestProtocolSchema,
  outcome: DecisionOutcomeSchema,
  state: MailStateSchema,
  attempts: z.number().int().min(0),
  /** pt-BR or the SMTP server's reply, for the supervisor who follows up. */
  lastError: z.string().optional(),
  queuedAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  nextAttemptAt: IsoDateTimeSchema.optional(),
  sentAt: IsoDateTimeSchema.optional(),
});
export type MailStatus = z.infer<typeof MailStatusSchema>;

/** `GET /api/outbox?requestId=…`: the e-mails of a request's decisions, oldest first. */
export const OutboxQuerySchema = z.object({ requestId: RequestProtocolSchema });
export const OutboxStatusSchema = z.object({
  requestId: RequestProtocolSchema,
  messages: z.array(MailStatusSchema),
});
export type OutboxStatus = z.infer<typeof OutboxStatusSchema>;
