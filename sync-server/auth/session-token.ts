import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * CouchDB-style session token: base64url(`name:expiryHex:` + HMAC-SHA256(`name:expiryHex`)).
 * The key mixes the server secret with the user's password hash, so a password change or a new
 * secret invalidates every session of that user.
 */
export interface SessionClaims {
  name: string;
  /** Unix seconds. */
  expiresAt: number;
}

const MAC_LENGTH = 32;

const mac = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(payload).digest();

export function sessionKey(secret: Buffer, passwordHash: string): Buffer {
  return Buffer.concat([secret, Buffer.from(passwordHash, 'utf8')]);
}

export function signSessionToken(claims: SessionClaims, key: Buffer): string {
  const payload = `${claims.name}:${claims.expiresAt.toString(16)}`;
  return Buffer.concat([Buffer.from(`${payload}:`, 'utf8'), mac(key, payload)]).toString('base64url');
}

/** Reads the claims without trusting them: the caller needs the name to find the key. */
export function readSessionToken(token: string): (SessionClaims & { payload: string; mac: Buffer }) | null {
  const raw = Buffer.from(token, 'base64url');
  const first = raw.indexOf(0x3a);
  const second = first < 0 ? -1 : raw.indexOf(0x3a, first + 1);
  if (first <= 0 || second < 0 || raw.length - second - 1 !== MAC_LENGTH) return null;
  const name = raw.subarray(0, first).toString('utf8');
  const expiryHex = raw.subarray(first + 1, second).toString('utf8');
  if (!/^[0-9a-f]{1,12}$/.test(expiryHex)) return null;
  return {
    name,
    expiresAt: Number.parseInt(expiryHex, 16),
    payload: raw.subarray(0, second).toString('utf8'),
    mac: raw.subarray(second + 1),
  };
}

/** The claims when the token is authentic and unexpired at `nowSeconds`, else null. */
export function verifySessionToken(token: string, key: Buffer, nowSeconds: number): SessionClaims | null {
  const read = readSessionToken(token);
  if (!read) return null;
  if (!timingSafeEqual(read.mac, mac(key, read.payload))) return null;
  if (read.expiresAt <= nowSeconds) return null;
  return { name: read.name, expiresAt: read.expiresAt };
}
