import { err, ok, type Result } from '../../shared/schemas/common';
import { isAppUrl } from './app-origin';

/** Only http(s) links leave the app, to the system browser; any other scheme (file:, javascript:, smb:…) is refused. */
export function parseExternalUrl(url: string): Result<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return err('Endereço inválido.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return err('Só é possível abrir endereços http ou https.');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return err('Endereços com usuário ou senha não são abertos.');
  }
  return ok(parsed.href);
}

/** `will-navigate` / `will-frame-navigate`: the window never leaves the app's origin. */
export function isNavigationAllowed(url: string, appOrigin: string): boolean {
  return isAppUrl(url, appOrigin);
}

/**
 * `setWindowOpenHandler`: no new Electron window is ever created; an http(s) link goes to the system browser.
 * Returns the URL to hand to `shell.openExternal`, if any.
 */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: string | null } {
  const external = parseExternalUrl(url);
  return { action: 'deny', openExternally: external.ok ? external.value : null };
}

/** The console needs no camera, microphone, geolocation, notifications… every request and check is refused. */
export const denyPermissionRequest = (_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void =>
  callback(false);

export const denyPermissionCheck = (): boolean => false;
