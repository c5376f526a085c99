/**
 * The packaged renderer is served from a privileged custom scheme instead of file://, so 'self' in the CSP
 * means the app's own files only, and not every file on the disk.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'plantao';
export const PACKAGED_APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** `scheme://host[:port]` of a URL, or null when it does not parse. (URL.origin is "null" for custom schemes.) */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** The origin the app's pages come from: the Vite dev server in development, the custom scheme otherwise. */
export function appOriginFor(devServerUrl: string | undefined): string {
  const devOrigin = devServerUrl === undefined ? null : originOf(devServerUrl);
  return devOrigin ?? PACKAGED_APP_ORIGIN;
}

export function appEntryUrl(devServerUrl: string | undefined): string {
  return devServerUrl && originOf(devServerUrl) ? devServerUrl : `${PACKAGED_APP_ORIGIN}/index.html`;
}

export function isAppUrl(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin;
}
