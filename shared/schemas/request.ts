import { z } from 'zod';
import { FactPlaceSchema } from './address';
import { EntityIdSchema, IsoDateTimeSchema, RequestProtocolSchema, SchemaVersionSchema } from './common';
import { AuthorSchema, RequesterSchema, VictimSchema, WitnessSchema } from './person';

/** Natures are codes from the versioned reference table, never free text (seed 004). */
export const NatureCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{1,40}$/, 'código de natureza inválido');

/** The schema allows more authors than the online service accepts: more than three is a flag, not a lost request. */
export const MAX_AUTHORS_STORED = 20;

export const AttachmentMetaSchema = z.object({
  /** Name of the CouchDB attachment on the request document. */
  name: z.string().min(1).max(200),
  contentType: z.string().min(3).max(100),
  size: z.number().int().min(0).max(20 * 1024 * 1024),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AttachmentMeta = z.infer<typeof AttachmentMetaSchema>;

/** CNJ unified process number, NNNNNNN-DD.AAAA.J.TR.OOOO. */
export const CnjProcessNumberSchema = z.string().regex(/^\d{7}-\d{2}\.\d{4}\.\d\.\d{2}\.\d{4}$/, 'número de processo inválido');

export const FactSchema = z.object({
  startedAt: IsoDateTimeSchema,
  endedAt: IsoDateTimeSchema.optional(),
  place: FactPlaceSchema,
  /** The aggression happened in the domestic or family context (Lei Maria da Penha). */
  domesticContext: z.boolean(),
});
export type Fact = z.infer<typeof FactSchema>;

/** What the citizen portal sends. Immutable once received. */
export const RequestSubmissionSchema = z.object({
  /** The portal's own id for the submission: a resubmission with the same id is the same request. */
  portalSubmissionId: z.string().min(8).max(80),
  submittedAt: IsoDateTimeSchema,
  natureCode: NatureCodeSchema,
  natureTableVersion: z.number().int().min(1),
  requester: RequesterSchema,
  victim: VictimSchema.optional(),
  authors: z.array(AuthorSchema).max(MAX_AUTHORS_STORED),
  witnesses: z.array(WitnessSchema).max(20),
  narrative: z.string().min(20, 'histórico muito curto').max(20000),
  fact: FactSchema,
  protectiveMeasureProcess: CnjProcessNumberSchema.optional(),
  medicalCare: z.object({ unitName: z.string().min(2).max(200), recordNumber: z.string().min(1).max(40) }).optional(),
  attachments: z.array(AttachmentMetaSchema).max(10),
});
export type RequestSubmission = z.infer<typeof RequestSubmissionSchema>;

/** The stored request (`requests` database, `_id` = protocol). */
export const OccurrenceRequestSchema = RequestSubmissionSchema.extend({
  type: z.literal('request'),
  schemaVersion: SchemaVersionSchema,
  protocol: RequestProtocolSchema,
  unitId: EntityIdSchema,
  receivedAt: IsoDateTimeSchema,
  /** Under legal secrecy: visible only to the assigned officer and the unit's supervisors; never shared. */
  secret: z.boolean(),
});
export type OccurrenceRequest = z.infer<typeof OccurrenceRequestSchema>;
