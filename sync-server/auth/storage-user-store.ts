import { randomBytes } from 'node:crypto';
import { type UserAccount, userAccountDocId, UserAccountSchema } from '../../shared/schemas';
import { allDocsQuery, type Storage } from '../storage/storage';
import type { UserStore } from './user-store';

const USERS_DB = '_users';
/** `_local` documents are kept per owner; the server's own secret belongs to nobody who can sign in. */
const SERVER_OWNER = '_server';
const SECRET_ID = 'session-secret';

/** Accounts in the storage's `_users` system database; the cookie secret in a `_local` document beside them. */
export function storageUserStore(storage: Storage): UserStore {
  let secret: Promise<Buffer> | undefined;

  const loadSecret = async (): Promise<Buffer> => {
    const existing = await storage.getLocal(USERS_DB, SERVER_OWNER, SECRET_ID);
    if (typeof existing?.body.secret === 'string') return Buffer.from(existing.body.secret, 'base64url');
    const created = randomBytes(32);
    const rev = await storage.putLocal(USERS_DB, SERVER_OWNER, SECRET_ID, null, { secret: created.toString('base64url') });
    // Lost a race with another start-up: use the secret that won.
    return rev ? created : loadSecret();
  };

  return {
    async getUser(name) {
      const parsed = UserAccountSchema.safeParse(await storage.getBody(USERS_DB, userAccountDocId(name)));
      return parsed.success ? parsed.data : null;
    },

    async putUser(user: UserAccount) {
      const id = userAccountDocId(user.name);
      const state = (await storage.getDocuments(USERS_DB, [id], 'all')).get(id);
      const rev = state && !state.winner.deleted ? state.winner.rev : undefined;
      const [result] = await storage.bulkWrite(
        USERS_DB,
        [{ id, ...(rev ? { rev } : {}), deleted: false, body: UserAccountSchema.parse(user), attachments: {} }],
        { newEdits: true, scopeOf: () => [], check: async () => ({ ok: true }) },
      );
      if (!result || !('ok' in result)) throw new Error(`could not save user ${user.name}: ${result?.reason ?? 'no result'}`);
    },

    async listUsers() {
      const page = await storage.allDocs(USERS_DB, allDocsQuery({ includeDocs: true }));
      return page.rows.flatMap((row) => {
        const parsed = UserAccountSchema.safeParse(row.doc?.body);
        return parsed.success ? [parsed.data] : [];
      });
    },

    sessionSecret() {
      secret ??= loadSecret();
      return secret;
    },
  };
}
