import { describe, expect, it } from 'vitest';
import { readShellConfig } from './shell-config';

describe('readShellConfig', () => {
  it('defaults to a local sync server and a 15-minute lock', () => {
    expect(readShellConfig({}, true)).toEqual({ syncServerOrigin: 'http://127.0.0.1:5984', idleLimitSeconds: 900, devServerUrl: undefined });
  });

  it('reads the sync server origin and the idle limit from the environment', () => {
    const config = readShellConfig({ PLANTAO_SYNC_URL: 'https://sync.pc.mg.gov.br/db/', PLANTAO_IDLE_LOCK_MINUTES: '5' }, true);
    expect(config).toMatchObject({ syncServerOrigin: 'https://sync.pc.mg.gov.br', idleLimitSeconds: 300 });
  });

  it('uses the dev server only in an unpackaged build', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(readShellConfig(env, false).devServerUrl).toBe('http://localhost:5173/');
    expect(readShellConfig(env, true).devServerUrl).toBeUndefined();
  });

  it('refuses a malformed setting instead of starting unprotected', () => {
    expect(() => readShellConfig({ PLANTAO_SYNC_URL: 'javascript:alert(1)' }, true)).toThrow();
    expect(() => readShellConfig({ PLANTAO_IDLE_LOCK_MINUTES: '0' }, true)).toThrow();
  });
});
