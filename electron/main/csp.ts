import { originOf } from './app-origin';

/** Response headers for `session.webRequest.onHeadersReceived`: the CSP is forced on the app's own pages only. */
export function withContentSecurityPolicy(
  url: string,
  responseHeaders: Record<string, string[]> | undefined,
  appOrigin: string,
  policy: string,
): Record<string, string[]> {
  const headers = { ...responseHeaders };
  if (originOf(url) !== appOrigin) return headers;
  // Header names are case-insensitive: drop any variant the server sent so ours is the only policy.
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === 'content-security-policy') delete headers[name];
  }
  headers['Content-Security-Policy'] = [policy];
  return headers;
}
