import { z } from 'zod';
import { EntityIdSchema, IsoDateTimeSchema, SchemaVersionSchema, UserIdSchema, WorkstationIdSchema } from './common';
import { RoleSchema } from './reference';

export const AccessActionSchema = z.enum(['view', 'print', 'export', 'unmask', 'lookup']);
export type AccessAction = z.infer<typeof AccessActionSchema>;

/** Who saw which personal data, when and why (`access_log` database, append-only, `_id` = entry id). */
export const AccessLogEntrySchema = z.object({
  type: z.literal('access_entry'),
  schemaVersion: SchemaVersionSchema,
  entryId: z.string().regex(/^[0-9a-z-]{8,64}$/),
  userId: UserIdSchema,
  userName: z.string().min(1).max(160),
  role: RoleSchema,
  /** The unit or post whose supervisors may read this entry. */
  scopeId: EntityIdSchema,
  workstationId: WorkstationIdSchema,
  at: IsoDateTimeSchema,
  action: AccessActionSchema,
  record: z.object({
    kind: z.enum(['request', 'card', 'reds_entry', 'statistics', 'access_log']),
    id: z.string().min(1).max(120),
  }),
  /** Which fields were shown, printed, exported or unmasked. */
  fields: z.array(z.string().min(1).max(80)).max(100),
  justification: z.string().max(2000).optional(),
}).refine((entry) => entry.action !== 'unmask' || (entry.justification?.trim().length ?? 0) >= 10, {
  path: ['justification'],
  message: 'desmascarar exige justificativa',
});
export type AccessLogEntry = z.infer<typeof AccessLogEntrySchema>;
