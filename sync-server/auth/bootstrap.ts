import { NewPasswordSchema } from '../../shared/schemas';
import type { PasswordHasher } from './password';
import type { UserStore } from './user-store';
import { newUserAccount } from './users';

export const BOOTSTRAP_ADMIN = 'admin';

/**
 * First start: with no user at all, `PLANTAO_ADMIN_PASSWORD` creates the `admin` account (role admin,
 * a server admin). Later starts ignore the variable, so it cannot reset a changed password.
 * Returns whether the account was created.
 */
export async function bootstrapAdmin(
  store: UserStore,
  env: Record<string, string | undefined>,
  hasher: PasswordHasher,
  now: Date = new Date(),
): Promise<boolean> {
  const password = env.PLANTAO_ADMIN_PASSWORD;
  if (!password || (await store.listUsers()).length > 0) return false;
  const checked = NewPasswordSchema.safeParse(password);
  if (!checked.success) throw new Error(`PLANTAO_ADMIN_PASSWORD: ${checked.error.issues[0]?.message ?? 'senha inválida'}`);
  await store.putUser(
    await newUserAccount({ name: BOOTSTRAP_ADMIN, roles: ['admin'], displayName: 'Administrador', password }, hasher, now),
  );
  return true;
}
