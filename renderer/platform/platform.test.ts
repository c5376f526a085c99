import { describe, expect, it } from 'vitest';
import type { PlantaoBridge } from '../../shared/ipc';
import { createElectronPlatform } from './platform.electron';
import { createWebPlatform, type WebHost } from './platform.web';

describe('createElectronPlatform', () => {
  it('maps each call to its contract channel and throttles activity reports', async () => {
    const calls: unknown[][] = [];
    const bridge = {
      invoke: async (...args: unknown[]) => (calls.push(args), { ok: true, value: null }),
      on: () => () => undefined,
    } as unknown as PlantaoBridge;
    let now = 0;
    const platform = createElectronPlatform(bridge, () => now);
    await platform.saveCredential('AuthSession=1');
    await platform.exportPdf('fila.pdf');
    await platform.openExternal('https://a.example/');
    platform.reportActivity();
    now = 4_999;
    platform.reportActivity();
    now = 5_000;
    platform.reportActivity();
    expect(calls).toEqual([
      ['credential:save', { credential: 'AuthSession=1' }],
      ['pdf:export', { suggestedName: 'fila.pdf' }],
      ['external:open', { url: 'https://a.example/' }],
      ['idle:activity'],
      ['idle:activity'],
    ]);
  });
});

function fakeHost(withSessionStorage = true) {
  const stored = new Map<string, string>();
  const opened: unknown[][] = [];
  const timers: Array<() => void> = [];
  let printedTitle: string | null = null;
  const host: WebHost = {
    sessionStorage: withSessionStorage
      ? { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v), removeItem: (k) => void stored.delete(k) }
      : null,
    document: { title: 'Plantão' },
    navigator: { userAgent: 'Teste' },
    print: () => void (printedTitle = host.document.title),
    open: (...args: unknown[]) => (opened.push(args), null),
    setTimeout: ((fn: () => void) => timers.push(fn)) as unknown as WebHost['setTimeout'],
    clearTimeout: () => undefined,
  };
  return { host, stored, opened, timers, printedTitle: () => printedTitle };
}

describe('createWebPlatform', () => {
  it('keeps the credential in sessionStorage, or in memory when there is none', async () => {
    const withStorage = fakeHost();
    const web = createWebPlatform(withStorage.host, { version: '0.1.0' });
    await web.saveCredential('AuthSession=1');
    expect(withStorage.stored.get('plantao.credential')).toBe('AuthSession=1');
    expect(await web.loadCredential()).toEqual({ ok: true, value: 'AuthSession=1' });
    await web.clearCredential();
    expect(await web.loadCredential()).toEqual({ ok: true, value: null });

    const memoryOnly = createWebPlatform(fakeHost(false).host, { version: '0.1.0' });
    await memoryOnly.saveCredential('AuthSession=2');
    expect(await memoryOnly.loadCredential()).toEqual({ ok: true, value: 'AuthSession=2' });
  });

  it('reports the browser shell, which pins no sync server', async () => {
    expect(await createWebPlatform(fakeHost().host, { version: '0.1.0' }).appInfo()).toEqual({
      version: '0.1.0',
      platform: 'Teste',
      shell: 'web',
      syncServerOrigin: null,
    });
  });

  it('exports PDF through the print dialog, titled with the suggested name', async () => {
    const fake = fakeHost();
    const web = createWebPlatform(fake.host, { version: '0.1.0' });
    expect(await web.exportPdf('fila DV-2026-00000001.pdf')).toEqual({ ok: true, value: { status: 'print-dialog' } });
    expect(fake.printedTitle()).toBe('fila DV-2026-00000001');
    expect(fake.host.document.title).toBe('Plantão');
  });

  it('opens http(s) links with noopener and refuses other schemes', async () => {
    const fake = fakeHost();
    const web = createWebPlatform(fake.host, { version: '0.1.0' });
    expect(await web.openExternal('https://www.mg.gov.br/')).toEqual({ ok: true, value: null });
    expect(await web.openExternal('javascript:alert(1)')).toEqual({ ok: false, error: 'Só é possível abrir endereços http ou https.' });
    expect(fake.opened).toEqual([['https://www.mg.gov.br/', '_blank', 'noopener,noreferrer']]);
  });

  it('locks the session when its idle timer fires', () => {
    const fake = fakeHost();
    const web = createWebPlatform(fake.host, { version: '0.1.0', idleLimitMs: 1_000 });
    const locks: unknown[] = [];
    web.onSessionLocked((payload) => locks.push(payload));
    fake.timers.at(-1)!();
    expect(locks).toEqual([{ reason: 'idle' }]);
  });
});
