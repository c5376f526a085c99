const LAST_SERVER_KEY = 'plantao.server';

/** The sync server: `?server=` first, then the last one used, the build's default, or the page's own origin. */
export function defaultServerUrl(): string {
  const fromQuery = new URLSearchParams(window.location.search).get('server');
  if (fromQuery) return fromQuery;
  const last = window.localStorage.getItem(LAST_SERVER_KEY);
  if (last) return last;
  const fromBuild = import.meta.env.VITE_PLANTAO_SERVER_URL as string | undefined;
  if (fromBuild) return fromBuild;
  return /^https?:$/.test(window.location.protocol) ? window.location.origin : '';
}

export function rememberServerUrl(url: string): void {
  window.localStorage.setItem(LAST_SERVER_KEY, url);
}
