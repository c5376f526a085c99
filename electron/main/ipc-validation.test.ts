import { describe, expect, it } from 'vitest';
import { ipcContract } from '../../shared/ipc';
import { validateIpcCall, type AllowedSenders, type SenderInfo } from './ipc-validation';

const allowed: AllowedSenders = { appOrigin: 'app://plantao', webContentsIds: new Set([7]) };
const appPage: SenderInfo = { webContentsId: 7, frameUrl: 'app://plantao/index.html#/fila', isMainFrame: true };

describe('validateIpcCall', () => {
  it('accepts a well-formed call from the app’s main frame and returns the parsed payload', () => {
    expect(validateIpcCall(ipcContract, 'pdf:export', { suggestedName: 'fila.pdf' }, appPage, allowed)).toEqual({
      ok: true,
      value: { suggestedName: 'fila.pdf' },
    });
    expect(validateIpcCall(ipcContract, 'app:info', undefined, appPage, allowed)).toEqual({ ok: true, value: undefined });
  });

  it('refuses a malformed payload with the field and the reason', () => {
    const result = validateIpcCall(ipcContract, 'pdf:export', { suggestedName: '../../.bashrc' }, appPage, allowed);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^IPC recusado \(pdf:export\): mensagem malformada — suggestedName: nome de arquivo inválido/) });
    expect(validateIpcCall(ipcContract, 'credential:save', { credential: 42 }, appPage, allowed).ok).toBe(false);
    expect(validateIpcCall(ipcContract, 'credential:save', 'token', appPage, allowed).ok).toBe(false);
  });

  it('refuses keys the contract does not name', () => {
    const result = validateIpcCall(ipcContract, 'external:open', { url: 'https://a.example/', extra: true }, appPage, allowed);
    expect(result).toEqual({ ok: false, error: expect.stringContaining('mensagem malformada') });
  });

  it('refuses a page from another origin', () => {
    for (const frameUrl of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', 'http://localhost:5173/']) {
      const result = validateIpcCall(ipcContract, 'credential:load', undefined, { ...appPage, frameUrl }, allowed);
      expect(result, frameUrl).toEqual({ ok: false, error: expect.stringContaining('remetente inesperado') });
    }
  });

  it('refuses an iframe, a destroyed frame and a web contents the app did not create', () => {
    expect(validateIpcCall(ipcContract, 'credential:load', undefined, { ...appPage, isMainFrame: false }, allowed).ok).toBe(false);
    expect(validateIpcCall(ipcContract, 'credential:load', undefined, { ...appPage, frameUrl: null }, allowed).ok).toBe(false);
    expect(validateIpcCall(ipcContract, 'credential:load', undefined, { ...appPage, webContentsId: 8 }, allowed)).toEqual({
      ok: false,
      error: 'IPC recusado (credential:load): a mensagem não veio de uma janela do Plantão',
    });
  });

  it('refuses a channel outside the contract, including inherited property names', () => {
    expect(validateIpcCall(ipcContract, 'fs:read', '/etc/passwd', appPage, allowed)).toEqual({ ok: false, error: 'canal IPC desconhecido: fs:read' });
    expect(validateIpcCall(ipcContract, 'toString', undefined, appPage, allowed).ok).toBe(false);
  });
});
