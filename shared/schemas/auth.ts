import { z } from 'zod';
import { EntityIdSchema, IsoDateTimeSchema, UserIdSchema } from './common';
import { RoleSchema } from './reference';

/**
 * A staff account as the sync server stores it in its `_users` database (`_id` = `org.couchdb.user:<name>`).
 * Never replicated to consoles: they see `UserProfile` documents in `reference`.
 */
export const UserAccountSchema = z.object({
  type: z.literal('user_account'),
  name: UserIdSchema,
  displayName: z.string().min(1).max(160),
  roles: z.array(RoleSchema).min(1, 'informe ao menos um papel'),
  unitId: EntityIdSchema.optional(),
  postId: EntityIdSchema.optional(),
  active: z.boolean(),
  /** PHC string of an argon2id hash. */
  passwordHash: z.string().startsWith('$argon2id$'),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});
export type UserAccount = z.infer<typeof UserAccountSchema>;

export const userAccountDocId = (name: string): string => `org.couchdb.user:${name}`;

/**
 * Body of `PUT /_users/org.couchdb.user:<name>` (server admins): creates the account, or updates it, the
 * password then optional (absent: kept). A disabled account is enabled again by a PUT.
 */
export const UserPutSchema = z.object({
  name: UserIdSchema,
  password: z.string().min(8, 'a senha precisa de ao menos 8 caracteres').max(1024).optional(),
  roles: z.array(RoleSchema).min(1, 'informe ao menos um papel'),
  displayName: z.string().min(1).max(160).optional(),
  unitId: EntityIdSchema.optional(),
  postId: EntityIdSchema.optional(),
});
export type UserPut = z.infer<typeof UserPutSchema>;

/** Reply of `GET /_users/org.couchdb.user:<name>`: the account without its password hash. */
export const UserInfoSchema = UserAccountSchema.omit({ passwordHash: true }).extend({ _id: z.string() });
export type UserInfo = z.infer<typeof UserInfoSchema>;

/** Body of POST /_session, as JSON or form fields (CouchDB semantics). */
export const SessionRequestSchema = z.object({
  name: z.string().min(1).max(60),
  password: z.string().min(1).max(1024),
});
export type SessionRequest = z.infer<typeof SessionRequestSchema>;

/** Reply of POST /_session. */
export const SessionCreatedSchema = z.object({
  ok: z.literal(true),
  name: UserIdSchema,
  roles: z.array(RoleSchema),
  /**
   * The AuthSession cookie's signed token, for `Authorization: Bearer <token>` where the SameSite=Lax
   * cookie is not sent (Electron's console at `app://plantao` calling the server cross-site).
   */
  token: z.string().min(1),
});
export type SessionCreated = z.infer<typeof SessionCreatedSchema>;

/** Reply of GET /_session: `name` is null and `roles` empty when nobody is signed in. */
export const SessionInfoSchema = z.object({
  ok: z.literal(true),
  userCtx: z.object({
    name: UserIdSchema.nullable(),
    roles: z.array(RoleSchema),
    unitId: EntityIdSchema.optional(),
    postId: EntityIdSchema.optional(),
    displayName: z.string().optional(),
  }),
  info: z.object({
    authentication_handlers: z.array(z.string()),
    authenticated: z.enum(['cookie', 'default']).optional(),
  }),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

/** A new password (CLI, bootstrap): long enough that a memory-hard hash is worth it. */
export const NewPasswordSchema = z
  .string()
  .min(12, 'A senha deve ter ao menos 12 caracteres.')
  .max(1024, 'A senha é longa demais.');
