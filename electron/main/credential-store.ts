import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { err, ok, type Result } from '../../shared/schemas/common';

/** The part of Electron's `safeStorage` the store uses (injected so it runs under Node in tests). */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
};

export const ENCRYPTION_UNAVAILABLE =
  'A criptografia do sistema operacional não está disponível; a credencial não será guardada neste computador.';
export const CREDENTIAL_UNREADABLE = 'Não foi possível ler a credencial guardada; entre novamente.';

export type CredentialStore = {
  save(credential: string): Promise<Result<null>>;
  load(): Promise<Result<string | null>>;
  clear(): Promise<Result<null>>;
};

/** Keeps the session credential encrypted by the OS keychain in one file (under userData); never in plain text. */
export function createCredentialStore({ safeStorage, filePath }: { safeStorage: SafeStorageLike; filePath: string }): CredentialStore {
  return {
    async save(credential) {
      if (!safeStorage.isEncryptionAvailable()) return err(ENCRYPTION_UNAVAILABLE);
      const encrypted = safeStorage.encryptString(credential);
      await mkdir(dirname(filePath), { recursive: true });
      await writeFile(filePath, encrypted, { mode: 0o600 });
      return ok(null);
    },
    async load() {
      let encrypted: Buffer;
      try {
        encrypted = await readFile(filePath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
        throw error;
      }
      if (!safeStorage.isEncryptionAvailable()) return err(ENCRYPTION_UNAVAILABLE);
      try {
        return ok(safeStorage.decryptString(encrypted));
      } catch {
        return err(CREDENTIAL_UNREADABLE);
      }
    },
    async clear() {
      await rm(filePath, { force: true });
      return ok(null);
    },
  };
}
