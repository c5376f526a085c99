import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NewPasswordSchema, RoleSchema, type UserAccount, type UserProfile, UserProfileSchema, documentIdOf } from '../../shared/schemas';
import { scopeOf } from '../policy/scope-of';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage';
import type { Storage } from '../storage/storage';
import { createPasswordHasher } from './password';
import { storageUserStore } from './storage-user-store';
import { newUserAccount } from './users';

export interface CliIo {
  env: Record<string, string | undefined>;
  /** The whole of stdin, read only when a password is needed from it. */
  readStdin: () => Promise<string>;
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = [
  'uso: npm run server -- user <comando> [--data <pasta>]',
  '  add <nome> --role <papel>[,<papel>] [--unit X] [--post Y] [--display-name "…"] [--password-stdin]',
  '  list',
  '  disable <nome>',
  '  passwd <nome> [--password-stdin]',
  'A senha vem de PLANTAO_USER_PASSWORD ou da entrada padrão.',
].join('\n');

class CliError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

const processIo: CliIo = { env: process.env, readStdin, out: (line) => console.log(line), err: (line) => console.error(line) };

/** `npm run server -- user …`: staff accounts in the data directory. Returns the exit code. */
export async function runUserCli(args: string[], io: CliIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        data: { type: 'string' },
        role: { type: 'string' },
        unit: { type: 'string' },
        post: { type: 'string' },
        'display-name': { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, name] = positionals;
  if (!command || (command !== 'list' && !name)) {
    io.err(USAGE);
    return 2;
  }
  const storage = SqliteStorage.open(resolve(values.data ?? io.env.PLANTAO_DATA_DIR ?? '.data/sync-server'));
  try {
    const store = storageUserStore(storage);
    const hasher = createPasswordHasher();
    const password = async (): Promise<string> => {
      const given = values['password-stdin'] ? (await io.readStdin()).replace(/\r?\n$/, '') : (io.env.PLANTAO_USER_PASSWORD ?? (await io.readStdin()).replace(/\r?\n$/, ''));
      const checked = NewPasswordSchema.safeParse(given);
      if (!checked.success) throw new CliError(checked.error.issues[0]?.message ?? 'Senha inválida.');
      return checked.data;
    };
    const existing = async (): Promise<UserAccount> => {
      const user = await store.getUser(name ?? '');
      if (!user) throw new CliError(`Usuário ${name} não encontrado.`);
      return user;
    };
    const save = async (user: UserAccount): Promise<void> => {
      await store.putUser(user);
      await publishProfile(storage, user);
    };

    switch (command) {
      case 'add': {
        if (await store.getUser(name ?? '')) throw new CliError(`Usuário ${name} já existe.`);
        const roles = (values.role ?? '').split(',').filter(Boolean).map((role) => {
          const checked = RoleSchema.safeParse(role.trim());
          if (!checked.success) throw new CliError(`Papel desconhecido: ${role}. Papéis: ${RoleSchema.options.join(', ')}.`);
          return checked.data;
        });
        if (roles.length === 0) throw new CliError('Informe ao menos um papel com --role.');
        const account = await newUserAccount(
          {
            name: name ?? '',
            roles,
            password: await password(),
            ...(values['display-name'] ? { displayName: values['display-name'] } : {}),
            ...(values.unit ? { unitId: values.unit } : {}),
            ...(values.post ? { postId: values.post } : {}),
          },
          hasher,
          new Date(),
        ).catch((error: unknown) => {
          throw new CliError(`Dados inválidos: ${error instanceof Error ? error.message : String(error)}`);
        });
        await save(account);
        io.out(`Usuário ${account.name} criado (${account.roles.join(', ')}).`);
        return 0;
      }
      case 'list':
        for (const user of await store.listUsers()) {
          const scope = [user.unitId && `unidade ${user.unitId}`, user.postId && `posto ${user.postId}`].filter(Boolean).join(', ');
          io.out(`${user.name}\t${user.roles.join(',')}\t${scope || '-'}\t${user.active ? 'ativo' : 'desativado'}\t${user.displayName}`);
        }
        return 0;
      case 'disable': {
        const user = await existing();
        await save({ ...user, active: false, updatedAt: new Date().toISOString() });
        io.out(`Usuário ${user.name} desativado.`);
        return 0;
      }
      case 'passwd': {
        const user = await existing();
        await save({ ...user, passwordHash: await hasher.hash(await password()), updatedAt: new Date().toISOString() });
        io.out(`Senha de ${user.name} trocada; as sessões abertas foram encerradas.`);
        return 0;
      }
      default:
        io.err(USAGE);
        return 2;
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(error.message);
    return 1;
  } finally {
    await storage.close();
  }
}

/** Consoles know staff through `user` profiles in `reference` (never the hash). */
async function publishProfile(storage: Storage, user: UserAccount): Promise<void> {
  const profile: UserProfile = UserProfileSchema.parse({
    type: 'user',
    schemaVersion: 1,
    userId: user.name,
    displayName: user.displayName,
    roles: user.roles,
    ...(user.unitId ? { unitId: user.unitId } : {}),
    ...(user.postId ? { postId: user.postId } : {}),
    active: user.active,
  });
  const id = documentIdOf(profile);
  await storage.createDatabase('reference');
  const state = (await storage.getDocuments('reference', [id], 'all')).get(id);
  const rev = state && !state.winner.deleted ? state.winner.rev : undefined;
  await storage.bulkWrite('reference', [{ id, ...(rev ? { rev } : {}), deleted: false, body: profile, attachments: {} }], {
    newEdits: true,
    scopeOf: (docId, body) => scopeOf('reference', docId, body),
    check: async () => ({ ok: true }),
  });
}
