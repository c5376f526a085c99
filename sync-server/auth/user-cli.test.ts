import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage';
import { createPasswordHasher } from './password';
import { storageUserStore } from './storage-user-store';
import { type CliIo, runUserCli } from './user-cli';

const dir = mkdtempSync(join(tmpdir(), 'plantao-user-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(env: Record<string, string> = {}, stdin = ''): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { env, readStdin: async () => stdin, out: (line) => lines.push(line), err: (line) => errors.push(line), lines, errors };
}

async function withStore<T>(use: (store: ReturnType<typeof storageUserStore>, storage: SqliteStorage) => Promise<T>): Promise<T> {
  const storage = SqliteStorage.open(dir);
  try {
    return await use(storageUserStore(storage), storage);
  } finally {
    await storage.close();
  }
}

describe('user CLI', () => {
  it('adds a user with roles, unit and a password from the environment, and publishes the profile', async () => {
    const run = io({ PLANTAO_USER_PASSWORD: 'senha do joão souza' });
    const code = await runUserCli(['add', 'joao.souza', '--role', 'triage_officer,supervisor', '--unit', 'dv-mg', '--display-name', 'João Souza', '--data', dir], run);
    expect(run.errors).toEqual([]);
    expect(code).toBe(0);
    await withStore(async (store, storage) => {
      const user = await store.getUser('joao.souza');
      expect(user).toMatchObject({ roles: ['triage_officer', 'supervisor'], unitId: 'dv-mg', displayName: 'João Souza', active: true });
      expect(await createPasswordHasher().verify(user!.passwordHash, 'senha do joão souza')).toBe(true);
      expect(await storage.getBody('reference', 'user:joao.souza')).toMatchObject({ type: 'user', roles: ['triage_officer', 'supervisor'], active: true });
      expect(JSON.stringify(await storage.getBody('reference', 'user:joao.souza'))).not.toContain('argon2');
    });
  });

  it('reads the password from stdin, and refuses short ones, unknown roles and duplicates', async () => {
    expect(await runUserCli(['add', 'ana', '--role', 'identification_clerk', '--post', 'bh-01', '--password-stdin', '--data', dir], io({}, 'senha da ana clerk\n'))).toBe(0);
    await withStore(async (store) => expect(await createPasswordHasher().verify((await store.getUser('ana'))!.passwordHash, 'senha da ana clerk')).toBe(true));
    const short = io({}, 'curta');
    expect(await runUserCli(['add', 'bia', '--role', 'service_desk', '--password-stdin', '--data', dir], short)).toBe(1);
    expect(short.errors.join()).toContain('ao menos 12');
    const role = io({ PLANTAO_USER_PASSWORD: 'senha bem comprida' });
    expect(await runUserCli(['add', 'bia', '--role', 'chefe', '--data', dir], role)).toBe(1);
    expect(role.errors.join()).toContain('Papel desconhecido');
    const twice = io({ PLANTAO_USER_PASSWORD: 'senha bem comprida' });
    expect(await runUserCli(['add', 'ana', '--role', 'service_desk', '--data', dir], twice)).toBe(1);
    expect(twice.errors.join()).toContain('já existe');
  });

  it('lists, disables and changes passwords', async () => {
    const list = io();
    expect(await runUserCli(['list', '--data', dir], list)).toBe(0);
    expect(list.lines).toEqual([expect.stringMatching(/^ana\tidentification_clerk\tposto bh-01\tativo/), expect.stringMatching(/^joao\.souza\t/)]);
    expect(await runUserCli(['disable', 'ana', '--data', dir], io())).toBe(0);
    expect(await runUserCli(['passwd', 'joao.souza', '--data', dir], io({ PLANTAO_USER_PASSWORD: 'nova senha do joão' }))).toBe(0);
    await withStore(async (store, storage) => {
      expect((await store.getUser('ana'))!.active).toBe(false);
      expect(await storage.getBody('reference', 'user:ana')).toMatchObject({ active: false });
      expect(await createPasswordHasher().verify((await store.getUser('joao.souza'))!.passwordHash, 'nova senha do joão')).toBe(true);
    });
    const missing = io();
    expect(await runUserCli(['disable', 'ninguem', '--data', dir], missing)).toBe(1);
    expect(missing.errors).toEqual(['Usuário ninguem não encontrado.']);
    expect(await runUserCli(['frobnicate', 'x', '--data', dir], io())).toBe(2);
  });
});
