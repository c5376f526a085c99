import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decideWindowOpen, denyPermissionCheck, denyPermissionRequest, isNavigationAllowed, parseExternalUrl } from './navigation-guard';

describe('isNavigationAllowed', () => {
  it('keeps the window on the app origin', () => {
    expect(isNavigationAllowed('app://plantao/index.html#/fila', 'app://plantao')).toBe(true);
    expect(isNavigationAllowed('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
  });

  it('refuses every other destination', () => {
    for (const url of [
      'https://evil.example/',
      'app://other/index.html',
      'file:///etc/passwd',
      'http://localhost:5174/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isNavigationAllowed(url, 'app://plantao'), url).toBe(false);
    }
  });
});

describe('decideWindowOpen', () => {
  it('always denies a new window and sends http(s) links to the system browser', () => {
    expect(decideWindowOpen('https://www.policiacivil.mg.gov.br/')).toEqual({
      action: 'deny',
      openExternally: 'https://www.policiacivil.mg.gov.br/',
    });
    expect(decideWindowOpen('http://example.org/a?b=1')).toEqual({ action: 'deny', openExternally: 'http://example.org/a?b=1' });
  });

  it('opens nothing for other schemes', () => {
    for (const url of ['file:///C:/Windows/system32/calc.exe', 'smb://host/share', 'javascript:alert(1)', 'ms-settings:', 'app://plantao/x']) {
      expect(decideWindowOpen(url), url).toEqual({ action: 'deny', openExternally: null });
    }
  });
});

describe('parseExternalUrl', () => {
  it('gives pt-BR reasons for refused links', () => {
    expect(parseExternalUrl('file:///x')).toEqual({ ok: false, error: 'Só é possível abrir endereços http ou https.' });
    expect(parseExternalUrl('::')).toEqual({ ok: false, error: 'Endereço inválido.' });
    expect(parseExternalUrl('https://user:pw@example.org/').ok).toBe(false);
  });
});

/** Every permission name Electron's typings list for the request handler, read from the installed package. */
function electronPermissions(): string[] {
  const typings = readFileSync(createRequire(import.meta.url).resolve('electron/electron.d.ts'), 'utf8');
  const start = typings.indexOf('setPermissionRequestHandler(handler:');
  const union = typings.slice(start, typings.indexOf('callback', start));
  return [...union.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

describe('permission handlers', () => {
  const permissions = electronPermissions();

  it('found Electron’s permission list', () => {
    expect(permissions).toEqual(expect.arrayContaining(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']));
    expect(permissions.length).toBeGreaterThan(30);
  });

  it('denies every permission request', () => {
    for (const permission of permissions) {
      let granted: boolean | undefined;
      denyPermissionRequest({}, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
    }
  });

  it('denies every permission check', () => {
    for (const permission of permissions) expect(denyPermissionCheck(), permission).toBe(false);
  });
});
