import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENCRYPTION_UNAVAILABLE, createCredentialStore } from './credential-store';
import { createIdleLock } from './idle-lock';
import { createIpcHandlers } from './ipc-handlers';
import { emitIpcEvent, registerIpcHandlers, type InvokeEventLike, type IpcHandlers } from './ipc-registry';
import type { PrintableContents } from './print-export';

type Sender = PrintableContents & { id: number };
type Listener = (event: InvokeEventLike<Sender>, payload?: unknown) => Promise<unknown>;

/** Records what `ipcMain.handle` receives, so a call can be replayed with a hand-made event. */
function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  return { handle: (channel: string, listener: Listener) => void listeners.set(channel, listener), listeners };
}

const sender: Sender = {
  id: 7,
  print: (_options, callback) => callback(true, ''),
  printToPDF: async () => Buffer.from('%PDF'),
};
const fromApp = (url = 'app://plantao/index.html'): InvokeEventLike<Sender> => ({ sender, senderFrame: { url, parent: null } });

describe('registerIpcHandlers', () => {
  let dir: string;
  let ipcMain: ReturnType<typeof fakeIpcMain>;
  let logged: string[];
  let opened: string[];
  let encryptionAvailable: boolean;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plantao-ipc-'));
    ipcMain = fakeIpcMain();
    logged = [];
    opened = [];
    encryptionAvailable = true;
    const handlers = createIpcHandlers({
      credentials: createCredentialStore({
        // Reversible only to keep this test about IPC; credential-store.test.ts encrypts for real.
        safeStorage: {
          isEncryptionAvailable: () => encryptionAvailable,
          encryptString: (text) => Buffer.from(text).reverse(),
          decryptString: (buffer) => Buffer.from(buffer).reverse().toString(),
        },
        filePath: join(dir, 'credential.bin'),
      }),
      askSavePath: async (name) => join(dir, name),
      openExternal: async (url) => void opened.push(url),
      appInfo: { version: '0.1.0', platform: 'linux', shell: 'electron', syncServerOrigin: 'http://127.0.0.1:5984' },
      idleLock: createIdleLock({ idleLimitSeconds: 60, getSystemIdleSeconds: () => 0, nowMs: () => 0, onLock: () => undefined }),
    });
    registerIpcHandlers(ipcMain, handlers, () => ({ appOrigin: 'app://plantao', webContentsIds: new Set([7]) }), (m) => logged.push(m));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const call = (channel: string, payload?: unknown, event = fromApp()) => ipcMain.listeners.get(channel)!(event, payload);

  it('registers exactly the contract channels', () => {
    expect([...ipcMain.listeners.keys()].sort()).toEqual(
      ['app:info', 'credential:clear', 'credential:load', 'credential:save', 'external:open', 'idle:activity', 'pdf:export', 'print:current'],
    );
  });

  it('answers well-formed calls from the app page', async () => {
    expect(await call('credential:save', { credential: 'AuthSession=1' })).toEqual({ ok: true, value: null });
    expect(await call('credential:load')).toEqual({ ok: true, value: 'AuthSession=1' });
    expect(await call('app:info')).toEqual({ version: '0.1.0', platform: 'linux', shell: 'electron', syncServerOrigin: 'http://127.0.0.1:5984' });
    expect(await call('print:current')).toEqual({ ok: true, value: 'printed' });
    expect(await call('pdf:export', { suggestedName: 'fila' })).toEqual({ ok: true, value: { status: 'saved', path: join(dir, 'fila.pdf') } });
    expect(await call('idle:activity')).toBeNull();
    expect(logged).toEqual([]);
  });

  it('passes the safeStorage refusal to the renderer as a pt-BR result', async () => {
    encryptionAvailable = false;
    expect(await call('credential:save', { credential: 'AuthSession=1' })).toEqual({ ok: false, error: ENCRYPTION_UNAVAILABLE });
  });

  it('opens only http(s) links externally', async () => {
    expect(await call('external:open', { url: 'https://www.mg.gov.br/' })).toEqual({ ok: true, value: null });
    expect(await call('external:open', { url: 'file:///etc/passwd' })).toEqual({ ok: false, error: 'Só é possível abrir endereços http ou https.' });
    expect(opened).toEqual(['https://www.mg.gov.br/']);
  });

  it('rejects and logs a malformed message without running the handler', async () => {
    await expect(call('credential:save', { credential: '' })).rejects.toThrow(/mensagem malformada — credential/);
    await expect(call('pdf:export', { suggestedName: '/etc/cron.d/x' })).rejects.toThrow(/suggestedName: nome de arquivo inválido/);
    expect(logged).toHaveLength(2);
    expect(await call('credential:load')).toEqual({ ok: true, value: null });
  });

  it('rejects and logs a message from an unexpected sender', async () => {
    await expect(call('credential:load', undefined, fromApp('https://evil.example/'))).rejects.toThrow(/remetente inesperado https:\/\/evil\.example\//);
    await expect(call('credential:load', undefined, { sender, senderFrame: { url: 'app://plantao/', parent: {} } })).rejects.toThrow(/remetente inesperado/);
    await expect(call('credential:load', undefined, { sender: { ...sender, id: 99 }, senderFrame: { url: 'app://plantao/', parent: null } })).rejects.toThrow(
      /não veio de uma janela do Plantão/,
    );
    await expect(call('credential:load', undefined, { sender, senderFrame: null })).rejects.toThrow(/quadro destruído/);
    expect(logged).toHaveLength(4);
  });

  it('rejects a handler answer that breaks the contract', async () => {
    const broken = fakeIpcMain();
    const handlers = { 'app:info': () => ({ version: '', platform: 'linux', shell: 'mobile' }) } as unknown as IpcHandlers<Sender>;
    const log: string[] = [];
    registerIpcHandlers(broken, handlers, () => ({ appOrigin: 'app://plantao', webContentsIds: new Set([7]) }), (m) => log.push(m));
    await expect(broken.listeners.get('app:info')!(fromApp())).rejects.toThrow(/resposta fora do contrato em app:info/);
    expect(log).toHaveLength(1);
  });
});

describe('emitIpcEvent', () => {
  it('sends events that match their schema and refuses the others', () => {
    const sent: unknown[] = [];
    const contents = { send: (channel: string, payload: unknown) => void sent.push([channel, payload]) };
    emitIpcEvent(contents, 'session:locked', { reason: 'idle' });
    expect(sent).toEqual([['session:locked', { reason: 'idle' }]]);
    expect(() => emitIpcEvent(contents, 'menu:command', { command: 'rm -rf' } as never)).toThrow();
    expect(sent).toHaveLength(1);
  });
});
