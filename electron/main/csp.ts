import { originOf } from './app-origin';

export type CspOptions = {
  /** Origin of the CouchDB-compatible sync server the renderer replicates with, e.g. `https://sync.example.gov.br`. */
  syncServerOrigin: string;
  /** Development build served by Vite: allows its inline React-refresh preamble and its HMR websocket. */
  dev: boolean;
};

/** Builds the page's Content-Security-Policy. Throws on a malformed origin so config text can never add directives. */
export function buildContentSecurityPolicy({ syncServerOrigin, dev }: CspOptions): string {
  const origin = originOf(syncServerOrigin);
  if (origin === null || origin !== syncServerOrigin || !/^https?:$/.test(new URL(origin).protocol)) {
    throw new Error(`Origem do servidor de sincronização inválida: ${syncServerOrigin}`);
  }
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    // Mantine writes `style` attributes (style props, CSS variables); a nonce cannot cover attributes.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['connect-src', ["'self'", origin, ...(dev ? ['ws://localhost:*', 'ws://127.0.0.1:*'] : [])]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

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
