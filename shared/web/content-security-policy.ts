export type CspOptions = {
  /**
   * Origin of the CouchDB-compatible sync server the console replicates with, e.g. `https://sync.example.gov.br`;
   * absent when the sync server itself serves the console (same origin: `'self'` covers it).
   */
  syncServerOrigin?: string;
  /** Development build served by Vite: allows its inline React-refresh preamble and its HMR websocket. */
  dev: boolean;
};

/** `http(s)://host[:port]`, nothing more: config text must never be able to add directives. */
const BARE_ORIGIN = /^https?:\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

/**
 * The console's Content-Security-Policy, for Electron's `app://` pages and for the browser console the sync
 * server serves. Throws on a malformed origin.
 */
export function buildContentSecurityPolicy({ syncServerOrigin, dev }: CspOptions): string {
  if (syncServerOrigin !== undefined && !BARE_ORIGIN.test(syncServerOrigin)) {
    throw new Error(`Origem do servidor de sincronização inválida: ${syncServerOrigin}`);
  }
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    // Mantine writes `style` attributes (style props, CSS variables); a nonce cannot cover attributes.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['connect-src', ["'self'", ...(syncServerOrigin ? [syncServerOrigin] : []), ...(dev ? ['ws://localhost:*', 'ws://127.0.0.1:*'] : [])]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
