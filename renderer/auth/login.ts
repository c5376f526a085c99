import { ok, err, type Result } from '../../shared/schemas';
import { openStore, STORE_FORMAT, type PlantaoDatabase } from '../data/open-store';
import { ServerClient, ServerRequestError } from '../sync/server-client';
import { createSession, endSession, fetchProfile } from './session-api';
import { rememberServerUrl } from './server-url';
import { deriveStoreKey, randomSalt, storeNameOf } from './store-key';
import { findStore, saveStore, type SessionProfile, type StoreEntry } from './store-registry';

export interface ConsoleSession {
  client: ServerClient;
  profile: SessionProfile;
  database: PlantaoDatabase;
  /** Signed in without reaching the server, from this desk's local store. */
  offline: boolean;
}

const isPasswordMismatch = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: string }).code === 'DB1';

async function openEntryStore(entry: StoreEntry, password: string): Promise<PlantaoDatabase> {
  const base = await storeNameOf(entry.server, entry.userId, STORE_FORMAT);
  const name = entry.generation === 0 ? base : `${base}-g${entry.generation}`;
  return openStore(name, await deriveStoreKey(password, entry.salt));
}

/**
 * Signs in on the server and opens this user's local store. When the server cannot be reached, a user who
 * signed in here before can still work offline: the password then unlocks the local store or nothing.
 */
export async function login(server: string, name: string, password: string): Promise<Result<ConsoleSession>> {
  const client = new ServerClient(server);
  try {
    await createSession(client, name, password);
  } catch (error) {
    if (!(error instanceof ServerRequestError)) throw error;
    if (error.kind !== 'network' && error.kind !== 'retry') return err(error.message || 'Nome ou senha incorretos.');
    return loginOffline(client, server, name, password);
  }
  rememberServerUrl(server);
  const profile = await fetchProfile(client, name);
  const known = findStore(server, name);
  let entry: StoreEntry = known
    ? { ...known, profile, lastLoginAt: new Date().toISOString() }
    : { server, userId: name, salt: randomSalt(), generation: 0, profile, lastLoginAt: new Date().toISOString() };
  let database: PlantaoDatabase;
  try {
    database = await openEntryStore(entry, password);
  } catch (error) {
    if (!isPasswordMismatch(error)) throw error;
    // The server accepted a new password: the old store stays on disk (it may hold unsynced changes); start a new one.
    entry = { ...entry, salt: randomSalt(), generation: entry.generation + 1 };
    database = await openEntryStore(entry, password);
  }
  saveStore(entry);
  return ok({ client, profile, database, offline: false });
}

async function loginOffline(client: ServerClient, server: string, name: string, password: string): Promise<Result<ConsoleSession>> {
  const entry = findStore(server, name);
  if (!entry) return err('Servidor inacessível, e este usuário ainda não entrou neste computador.');
  try {
    return ok({ client, profile: entry.profile, database: await openEntryStore(entry, password), offline: true });
  } catch (error) {
    if (isPasswordMismatch(error)) return err('Servidor inacessível e a senha não abre os dados locais.');
    throw error;
  }
}

/** Ends the session. The local store is closed, never removed: it may hold changes not yet synced. */
export async function logout(session: ConsoleSession): Promise<void> {
  await endSession(session.client).catch(() => undefined);
  await session.database.close();
}
