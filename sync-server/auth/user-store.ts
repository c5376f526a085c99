import type { UserAccount } from '../../shared/schemas';

/** Where accounts and the session secret live (the `_users` system database of the storage). */
export interface UserStore {
  getUser(name: string): Promise<UserAccount | null>;
  /** Creates or replaces the account of `user.name`. */
  putUser(user: UserAccount): Promise<void>;
  listUsers(): Promise<UserAccount[]>;
  /** The cookie-signing secret, created on first use and persisted with the data. */
  sessionSecret(): Promise<Buffer>;
}
