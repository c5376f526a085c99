import { z } from 'zod';
import { EntityIdSchema, IsoDateTimeSchema, SchemaVersionSchema, UfSchema, UserIdSchema } from './common';
import { NatureCodeSchema } from './request';

export const ROLES = [
  'triage_officer',
  'identification_clerk',
  'service_desk',
  'supervisor',
  'admin',
  'intake',
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  triage_officer: 'Policial de triagem',
  identification_clerk: 'Atendente do posto',
  service_desk: 'Atendimento',
  supervisor: 'Supervisor',
  admin: 'Administrador',
  intake: 'Integração do portal',
};

export const NatureGroupSchema = z.enum(['property', 'documents', 'traffic', 'persons', 'honor', 'liberty', 'domestic_violence', 'other']);

/** One row of the versioned natures table (`reference` database, `_id` = `nature:<code>:v<version>`). */
export const NatureSchema = z.object({
  type: z.literal('nature'),
  schemaVersion: SchemaVersionSchema,
  code: NatureCodeSchema,
  label: z.string().min(2).max(120),
  group: NatureGroupSchema,
  acceptedOnline: z.boolean(),
  domesticViolenceOnly: z.boolean(),
  tableVersion: z.number().int().min(1),
  active: z.boolean(),
});
export type Nature = z.infer<typeof NatureSchema>;

/** A triage unit (a Delegacia Virtual team). */
export const UnitSchema = z.object({
  type: z.literal('unit'),
  schemaVersion: SchemaVersionSchema,
  unitId: EntityIdSchema,
  name: z.string().min(2).max(160),
  /** The state whose facts this unit registers. */
  uf: UfSchema,
  /** Decision target from submission, in minutes (seed 001: 45–60). */
  serviceLevelMinutes: z.number().int().min(5).max(7 * 24 * 60),
  /** Facts older than this are flagged (days). */
  maxFactAgeDays: z.number().int().min(1).max(3650),
  claimLeaseMinutes: z.number().int().min(1).max(480),
});
export type Unit = z.infer<typeof UnitSchema>;

/** An identification post (`posto de identificação`). */
export const PostSchema = z.object({
  type: z.literal('post'),
  schemaVersion: SchemaVersionSchema,
  postId: EntityIdSchema,
  name: z.string().min(2).max(160),
  municipality: z.string().min(2).max(120),
  uf: UfSchema,
  /** Cards not picked up within this many days are listed for return. */
  pickupDeadlineDays: z.number().int().min(1).max(365),
  /** Aging target per stage, in days; stages absent use the default. */
  stageTargetDays: z.record(z.string(), z.number().int().min(1).max(365)),
  defaultStageTargetDays: z.number().int().min(1).max(365),
});
export type Post = z.infer<typeof PostSchema>;

/** Template of a rejection or hold orientation (editable by supervisors). */
export const ReasonTemplateSchema = z.object({
  type: z.literal('reason_template'),
  schemaVersion: SchemaVersionSchema,
  code: z.string().regex(/^[a-z][a-z0-9_]{1,60}$/),
  appliesTo: z.enum(['rejected', 'on_hold']),
  label: z.string().min(2).max(120),
  orientationText: z.string().min(10).max(4000),
  active: z.boolean(),
});
export type ReasonTemplate = z.infer<typeof ReasonTemplateSchema>;

/** A staff account as the console sees it (never the password hash). */
export const UserProfileSchema = z.object({
  type: z.literal('user'),
  schemaVersion: SchemaVersionSchema,
  userId: UserIdSchema,
  displayName: z.string().min(1).max(160),
  roles: z.array(RoleSchema).min(1),
  /** Triage unit (officers, service desk, supervisors of a unit). */
  unitId: EntityIdSchema.optional(),
  /** Identification post (clerks, supervisors of a post). */
  postId: EntityIdSchema.optional(),
  active: z.boolean(),
});
export type UserProfile = z.infer<typeof UserProfileSchema>;

/** Planned maintenance notice shown to every console until its window ends (seed 004). */
export const MaintenanceNoticeSchema = z
  .object({
    type: z.literal('notice'),
    schemaVersion: SchemaVersionSchema,
    noticeId: EntityIdSchema,
    message: z.string().min(5).max(500),
    startsAt: IsoDateTimeSchema,
    endsAt: IsoDateTimeSchema,
    publishedBy: UserIdSchema,
    publishedAt: IsoDateTimeSchema,
  })
  .refine((notice) => Date.parse(notice.endsAt) > Date.parse(notice.startsAt), {
    path: ['endsAt'],
    message: 'o fim deve ser depois do início',
  });
export type MaintenanceNotice = z.infer<typeof MaintenanceNoticeSchema>;
