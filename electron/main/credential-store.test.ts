import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIAL_UNREADABLE, createCredentialStore, ENCRYPTION_UNAVAILABLE, type SafeStorageLike } from './credential-store';

/** Stands in for Electron's safeStorage (the OS keychain cannot run here): real AES-256-GCM with a key of its own. */
function aesSafeStorage(available = true): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plainText) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString: (encrypted) => {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('createCredentialStore', () => {
  let dir: string;
  let filePath: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plantao-credential-'));
    filePath = join(dir, 'userData', 'session-credential.bin');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('saves the credential encrypted, owner-only, and loads it back', async () => {
    const store = createCredentialStore({ safeStorage: aesSafeStorage(), filePath });
    expect(await store.save('AuthSession=abc123')).toEqual({ ok: true, value: null });
    expect((await readFile(filePath)).includes(Buffer.from('abc123'))).toBe(false);
    if (process.platform !== 'win32') expect((await stat(filePath)).mode & 0o777).toBe(0o600);
    expect(await store.load()).toEqual({ ok: true, value: 'AuthSession=abc123' });
  });

  it('refuses to store when the OS offers no encryption, and writes nothing', async () => {
    const store = createCredentialStore({ safeStorage: aesSafeStorage(false), filePath });
    expect(await store.save('AuthSession=abc123')).toEqual({ ok: false, error: ENCRYPTION_UNAVAILABLE });
    await expect(stat(filePath)).rejects.toThrow(/ENOENT/);
  });

  it('loads nothing when no credential was saved, and nothing after clear', async () => {
    const store = createCredentialStore({ safeStorage: aesSafeStorage(), filePath });
    expect(await store.load()).toEqual({ ok: true, value: null });
    await store.save('x');
    expect(await store.clear()).toEqual({ ok: true, value: null });
    expect(await store.load()).toEqual({ ok: true, value: null });
    expect(await store.clear()).toEqual({ ok: true, value: null });
  });

  it('reports a credential it cannot decrypt (another key, tampered file) in pt-BR', async () => {
    await createCredentialStore({ safeStorage: aesSafeStorage(), filePath }).save('x');
    expect(await createCredentialStore({ safeStorage: aesSafeStorage(), filePath }).load()).toEqual({ ok: false, error: CREDENTIAL_UNREADABLE });
    await writeFile(filePath, 'not encrypted');
    expect(await createCredentialStore({ safeStorage: aesSafeStorage(), filePath }).load()).toEqual({ ok: false, error: CREDENTIAL_UNREADABLE });
  });
});
