import { type Role, type UserAccount, UserAccountSchema } from '../../shared/schemas';
import type { PasswordHasher } from './password';
import type { Principal } from './principal';

export function principalOf(account: UserAccount): Principal {
  return {
    name: account.name,
    roles: [...account.roles],
    ...(account.unitId ? { unitId: account.unitId } : {}),
    ...(account.postId ? { postId: account.postId } : {}),
    serverAdmin: account.roles.includes('admin'),
  };
}

export interface NewUser {
  name: string;
  roles: Role[];
  displayName?: string;
  unitId?: string;
  postId?: string;
  password: string;
}

export async function newUserAccount(input: NewUser, hasher: PasswordHasher, now: Date): Promise<UserAccount> {
  const at = now.toISOString();
  return UserAccountSchema.parse({
    type: 'user_account',
    name: input.name,
    displayName: input.displayName ?? input.name,
    roles: input.roles,
    ...(input.unitId ? { unitId: input.unitId } : {}),
    ...(input.postId ? { postId: input.postId } : {}),
    active: true,
    passwordHash: await hasher.hash(input.password),
    createdAt: at,
    updatedAt: at,
  });
}
