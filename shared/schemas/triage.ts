import { z } from 'zod';
import { CardProtocolSchema, EntityIdSchema, IsoDateTimeSchema, RequestProtocolSchema, SchemaVersionSchema, UserIdSchema, WorkstationIdSchema } from './common';
import { RedsNumberSchema } from './reds';

export const TRIAGE_STATES = ['received', 'in_triage', 'on_hold', 'validated', 'rejected'] as const;
export const TriageStateSchema = z.enum(TRIAGE_STATES);
export type TriageState = z.infer<typeof TriageStateSchema>;

/** One claim document per request (`claims` database, `_id` = protocol): racing claims are a revision conflict. */
export const ClaimSchema = z.object({
  type: z.literal('claim'),
  schemaVersion: SchemaVersionSchema,
  requestId: RequestProtocolSchema,
  unitId: EntityIdSchema,
  officerId: UserIdSchema,
  officerName: z.string().min(1).max(160),
  workstationId: WorkstationIdSchema,
  claimedAt: IsoDateTimeSchema,
  expiresAt: IsoDateTimeSchema,
  /** Made while offline: not yet confirmed by the server. */
  provisional: z.boolean(),
  releasedAt: IsoDateTimeSchema.optional(),
});
export type Claim = z.infer<typeof ClaimSchema>;

export const DECISION_OUTCOMES = ['validated', 'rejected', 'on_hold', 'resumed'] as const;
export const DecisionOutcomeSchema = z.enum(DECISION_OUTCOMES);
export type DecisionOutcome = z.infer<typeof DecisionOutcomeSchema>;

export const ReasonCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,60}$/, 'código de motivo inválido');

export const FlagOverrideSchema = z.object({
  flagCode: z.string().min(1).max(60),
  justification: z.string().min(10, 'justificativa muito curta').max(2000),
});

/**
 * Decisions are append-only: `_id` = `<protocol>:<sequence>` in the `decisions` database, so two
 * officers deciding the same request at the same step write the same id and conflict, never both stand.
 */
export const DecisionSchema = z
  .object({
    type: z.literal('decision'),
    schemaVersion: SchemaVersionSchema,
    requestId: RequestProtocolSchema,
    sequence: z.number().int().min(1).max(999),
    unitId: EntityIdSchema,
    outcome: DecisionOutcomeSchema,
    officerId: UserIdSchema,
    officerName: z.string().min(1).max(160),
    workstationId: WorkstationIdSchema,
    decidedAt: IsoDateTimeSchema,
    reasonCode: ReasonCodeSchema.optional(),
    orientationText: z.string().max(4000).optional(),
    redsNumber: RedsNumberSchema.optional(),
    overrides: z.array(FlagOverrideSchema).max(30),
  })
  .superRefine((decision, ctx) => {
    if (decision.outcome === 'validated' && !decision.redsNumber) {
      ctx.addIssue({ code: 'custom', path: ['redsNumber'], message: 'validação exige número REDS' });
    }
    if (decision.outcome !== 'validated' && decision.redsNumber) {
      ctx.addIssue({ code: 'custom', path: ['redsNumber'], message: 'só a validação recebe número REDS' });
    }
    if ((decision.outcome === 'rejected' || decision.outcome === 'on_hold') && !decision.reasonCode) {
      ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'informe o motivo' });
    }
    if ((decision.outcome === 'rejected' || decision.outcome === 'on_hold') && !decision.orientationText?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['orientationText'], message: 'informe a orientação ao cidadão' });
    }
  });
export type Decision = z.infer<typeof DecisionSchema>;

export const decisionDocId = (protocol: string, sequence: number): string =>
  `${protocol}:${String(sequence).padStart(3, '0')}`;

/** Staff note on a request or a card (`notes` database). Notes never change citizen data. */
export const NoteSchema = z.object({
  type: z.literal('note'),
  schemaVersion: SchemaVersionSchema,
  subject: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('request'), id: RequestProtocolSchema, unitId: EntityIdSchema }),
    z.object({ kind: z.literal('card'), id: CardProtocolSchema, postId: EntityIdSchema }),
  ]),
  authorId: UserIdSchema,
  authorName: z.string().min(1).max(160),
  createdAt: IsoDateTimeSchema,
  text: z.string().min(1, 'escreva a nota').max(4000),
});
export type Note = z.infer<typeof NoteSchema>;
