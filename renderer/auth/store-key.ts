/** PBKDF2 rounds: slow enough to make guessing a stolen store's key costly, fast enough for a login. */
const PBKDF2_ITERATIONS = 210_000;

const hex = (bytes: ArrayBuffer | Uint8Array) => [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

export function randomSalt(): string {
  return hex(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * The key of the local store's encrypted fields: PBKDF2-SHA-256 of the password with the store's own salt.
 * It exists only in memory after a login; the password itself is never stored.
 */
export async function deriveStoreKey(password: string, salt: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: new TextEncoder().encode(salt), iterations }, material, 256);
  return hex(bits);
}

/**
 * RxDB database names allow lowercase letters, digits, `_`, `$` and `-`: hash the server, keep the user readable.
 * The store format (`f2-`) comes before the hash, so no name of one format equals a name of another (format 1
 * names had no marker: `plantao-<12 hex>-<user>`).
 */
export async function storeNameOf(serverUrl: string, userName: string, format: number): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(serverUrl));
  return `plantao-f${format}-${hex(digest).slice(0, 12)}-${userName.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}`;
}
