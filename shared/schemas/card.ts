import { z } from 'zod';
import { CardProtocolSchema, CpfSchema, EntityIdSchema, IsoDateSchema, IsoDateTimeSchema, SchemaVersionSchema, UserIdSchema, WorkstationIdSchema } from './common';
import { SexSchema } from './person';

/** The main line of an identity-card process (DOMAIN.md), in order. */
export const CARD_MAIN_STAGES = [
  'pre_requested',
  'fee_settled',
  'scheduled',
  'biometrics_collected',
  'validated',
  'in_production',
  'shipped',
  'available_for_pickup',
  'delivered',
] as const;
/** Side states: a pendência, and a card returned because nobody picked it up in time. */
export const CARD_SIDE_STAGES = ['pending_issue', 'returned'] as const;
export const CARD_STAGES = [...CARD_MAIN_STAGES, ...CARD_SIDE_STAGES] as const;
export const CardStageSchema = z.enum(CARD_STAGES);
export type CardStage = z.infer<typeof CardStageSchema>;

export const PENDING_ISSUE_REASONS = [
  'cpf_irregular',
  'invalid_certificate',
  'biometrics_failure',
  'photo_quality',
  'divergent_data',
  'fee_unpaid',
  'other',
] as const;
export const REVERSAL_REASONS = [
  'data_entry_error',
  'biometrics_recollection',
  'production_defect',
  'misrouted_shipment',
  'holder_returned',
  'other',
] as const;
export const CardReasonCodeSchema = z.enum([...PENDING_ISSUE_REASONS, ...REVERSAL_REASONS, 'not_picked_up', 'issue_resolved']);
export type CardReasonCode = z.infer<typeof CardReasonCodeSchema>;

export const FeeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('free') }),
  z.object({ status: z.literal('paid'), amountCents: z.number().int().min(0), paidAt: IsoDateTimeSchema }),
  z.object({
    status: z.literal('exempt'),
    reason: z.enum(['theft_report', 'low_income', 'natural_disaster', 'court_order']),
    /** REDS number of the theft report, or the proof's reference. */
    evidence: z.string().min(3).max(80),
  }),
  z.object({ status: z.literal('due'), amountCents: z.number().int().min(0) }),
]);
export type Fee = z.infer<typeof FeeSchema>;

export const CpfSituationSchema = z.enum(['regular', 'pending_regularization', 'suspended', 'cancelled', 'null']);
export type CpfSituation = z.infer<typeof CpfSituationSchema>;

/** An identity-card process (`cards` database, `_id` = protocol). Its stage is derived from its events. */
export const CardProcessSchema = z.object({
  type: z.literal('card_process'),
  schemaVersion: SchemaVersionSchema,
  protocol: CardProtocolSchema,
  postId: EntityIdSchema,
  cardKind: z.enum(['rg', 'cin']),
  issuance: z.enum(['first', 'second_copy']),
  holder: z.object({
    fullName: z.string().min(3).max(160),
    socialName: z.string().max(160).optional(),
    birthDate: IsoDateSchema,
    sex: SexSchema,
    motherName: z.string().min(3).max(160).optional(),
    cpf: CpfSchema,
  }),
  cpfSituation: CpfSituationSchema,
  fee: FeeSchema,
  createdAt: IsoDateTimeSchema,
  scheduledFor: IsoDateTimeSchema.optional(),
  /** Set at issuance (in production), from the validity rule. Absent: no expiry or not issued yet. */
  validUntil: IsoDateSchema.optional(),
});
export type CardProcess = z.infer<typeof CardProcessSchema>;

export const HandoverSchema = z.object({
  documentShown: z.enum(['previous_rg', 'cnh', 'passport', 'work_card', 'professional_id', 'birth_certificate', 'other']),
  /** Last 4 characters only: the document itself is not kept. */
  documentSuffix: z.string().regex(/^[0-9A-Za-z]{2,4}$/),
  receivedBy: z.enum(['holder', 'legal_representative']),
  representativeName: z.string().min(3).max(160).optional(),
});
export type Handover = z.infer<typeof HandoverSchema>;

/**
 * Append-only stage event (`card_events` database, `_id` = `<protocol>:<eventId>`). Two offline clerks'
 * moves are two events; the card's stage is a pure function of all its events.
 */
export const CardStageEventSchema = z.object({
  type: z.literal('card_event'),
  schemaVersion: SchemaVersionSchema,
  eventId: z.string().regex(/^[0-9a-z-]{8,64}$/),
  protocol: CardProtocolSchema,
  postId: EntityIdSchema,
  from: CardStageSchema,
  to: CardStageSchema,
  at: IsoDateTimeSchema,
  byUserId: UserIdSchema,
  byName: z.string().min(1).max(160),
  workstationId: WorkstationIdSchema,
  reasonCode: CardReasonCodeSchema.optional(),
  reasonText: z.string().max(2000).optional(),
  handover: HandoverSchema.optional(),
  /** Batch receive: the shipment this move belongs to. */
  batchId: z.string().max(80).optional(),
});
export type CardStageEvent = z.infer<typeof CardStageEventSchema>;
