import { z } from 'zod';
import { EntityIdSchema, IsoDateTimeSchema, RequestProtocolSchema, SchemaVersionSchema, UserIdSchema, WorkstationIdSchema } from './common';

/** YYYY-NNNNNNNNN-NNN: year, event sequence, record suffix (001 for an event's first record). */
export const REDS_NUMBER_PATTERN = /^(\d{4})-(\d{9})-(\d{3})$/;
export const RedsNumberSchema = z.string().regex(REDS_NUMBER_PATTERN, 'número REDS inválido');

/**
 * A block of consecutive event sequences of one year, reserved by the server for one workstation and
 * user (`reds_leases` database, `_id` = lease id). Written by the server only.
 */
export const RedsLeaseSchema = z
  .object({
    type: z.literal('reds_lease'),
    schemaVersion: SchemaVersionSchema,
    leaseId: EntityIdSchema,
    year: z.number().int().min(2000).max(9999),
    firstSequence: z.number().int().min(1).max(999_999_999),
    lastSequence: z.number().int().min(1).max(999_999_999),
    workstationId: WorkstationIdSchema,
    userId: UserIdSchema,
    unitId: EntityIdSchema,
    leasedAt: IsoDateTimeSchema,
    expiresAt: IsoDateTimeSchema,
    status: z.enum(['active', 'returned', 'expired']),
    closedAt: IsoDateTimeSchema.optional(),
    /** When a block is closed: the first sequence that was never issued (the rest count as unused-returned). */
    returnedFromSequence: z.number().int().min(1).max(1_000_000_000).optional(),
  })
  .refine((lease) => lease.lastSequence >= lease.firstSequence, {
    path: ['lastSequence'],
    message: 'bloco vazio',
  });
export type RedsLease = z.infer<typeof RedsLeaseSchema>;

export const RedsVoidSchema = z.object({
  reason: z.string().min(10, 'justificativa muito curta').max(2000),
  voidedBy: UserIdSchema,
  voidedAt: IsoDateTimeSchema,
  /** Voided by the console when a decision lost a race, not by a person. */
  automatic: z.boolean(),
});

/** One issued number (`reds_ledger` database, `_id` = the number itself, so a double issue is a conflict). */
export const RedsLedgerEntrySchema = z.object({
  type: z.literal('reds_entry'),
  schemaVersion: SchemaVersionSchema,
  number: RedsNumberSchema,
  leaseId: EntityIdSchema,
  workstationId: WorkstationIdSchema,
  userId: UserIdSchema,
  unitId: EntityIdSchema,
  requestId: RequestProtocolSchema,
  /** The `_id` of the decision that issued it. */
  decisionId: z.string().min(1).max(60),
  issuedAt: IsoDateTimeSchema,
  status: z.enum(['issued', 'void']),
  void: RedsVoidSchema.optional(),
});
export type RedsLedgerEntry = z.infer<typeof RedsLedgerEntrySchema>;

/** Body of POST /_reds/leases. */
export const RedsLeaseRequestSchema = z.object({
  workstationId: WorkstationIdSchema,
  /** Wanted block size; the server caps it by its configuration. */
  size: z.number().int().min(1).max(100_000).optional(),
});
export type RedsLeaseRequest = z.infer<typeof RedsLeaseRequestSchema>;
