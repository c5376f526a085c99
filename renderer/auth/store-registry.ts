import { z } from 'zod';
import { EntityIdSchema, RoleSchema, UserIdSchema } from '../../shared/schemas';

/** What the console knows of the person behind a session (from `_session` and their `user:<name>` profile). */
export const SessionProfileSchema = z.object({
  userId: UserIdSchema,
  displayName: z.string().min(1),
  roles: z.array(RoleSchema),
  unitId: EntityIdSchema.optional(),
  postId: EntityIdSchema.optional(),
});
export type SessionProfile = z.infer<typeof SessionProfileSchema>;

/** One local store on this desk. Stores are never deleted on logout or user switch: they may hold unsynced changes. */
const StoreEntrySchema = z.object({
  server: z.string(),
  userId: UserIdSchema,
  salt: z.string().min(16),
  /** Bumped when the password changed: the old store (old key) stays on disk untouched. */
  generation: z.number().int().min(0),
  profile: SessionProfileSchema,
  lastLoginAt: z.string(),
});
export type StoreEntry = z.infer<typeof StoreEntrySchema>;

const REGISTRY_KEY = 'plantao.stores';

function readAll(): StoreEntry[] {
  const parsed = z.array(StoreEntrySchema).safeParse(JSON.parse(window.localStorage.getItem(REGISTRY_KEY) ?? '[]'));
  return parsed.success ? parsed.data : [];
}

export function findStore(server: string, userId: string): StoreEntry | undefined {
  return readAll().find((entry) => entry.server === server && entry.userId === userId);
}

export function saveStore(entry: StoreEntry): void {
  const others = readAll().filter((other) => !(other.server === entry.server && other.userId === entry.userId));
  window.localStorage.setItem(REGISTRY_KEY, JSON.stringify([...others, entry]));
}
