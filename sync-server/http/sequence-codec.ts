import { createShortHmac } from './short-hmac';

/**
 * Update sequences as clients see them: opaque, like CouchDB 2+. An integer sequence counts every write
 * of the database, in scopes the reader cannot see too; its opaque form is a keyed permutation of it, so
 * two sequences tell nothing about how far apart they are, and a client cannot make one up.
 */
export interface SequenceCodec {
  encode(seq: number): string;
  /** The integer behind a token this server made, or null when the token is malformed. */
  decode(token: string): number | null;
}

/** Version prefix: a later encoding gets another one, and both can be read during a change-over. */
const PREFIX = 's1';
const HALF_BITS = 24;
const HALF = 2 ** HALF_BITS;
const LIMIT = HALF * HALF;
/** Four rounds make a strong pseudo-random permutation (Luby–Rackoff); two more cost nothing here. */
const ROUNDS = 6;
const TOKEN = new RegExp(`^${PREFIX}([A-Za-z0-9_-]{8})$`);

/** A 48-bit Feistel network with HMAC-SHA256 round functions, written as `s1` + 8 base64url characters. */
export function createSequenceCodec(key: Buffer): SequenceCodec {
  // HMAC-SHA256(key, [index, half as 3 bytes]), first 3 bytes of the digest.
  const hmac = createShortHmac(key);
  const round = (index: number, half: number): number => hmac(((index << 24) | half) >>> 0) >>> 8;
  return {
    encode(seq) {
      if (!Number.isSafeInteger(seq) || seq < 0 || seq >= LIMIT) throw new RangeError(`sequence out of range: ${seq}`);
      let left = Math.floor(seq / HALF);
      let right = seq % HALF;
      for (let index = 0; index < ROUNDS; index += 1) [left, right] = [right, (left ^ round(index, right)) >>> 0];
      const bytes = Buffer.alloc(6);
      bytes.writeUIntBE(left * HALF + right, 0, 6);
      return PREFIX + bytes.toString('base64url');
    },
    decode(token) {
      const match = TOKEN.exec(token);
      if (!match) return null;
      const value = Buffer.from(match[1]!, 'base64url').readUIntBE(0, 6);
      let left = Math.floor(value / HALF);
      let right = value % HALF;
      for (let index = ROUNDS - 1; index >= 0; index -= 1) [left, right] = [(right ^ round(index, left)) >>> 0, left];
      return left * HALF + right;
    },
  };
}
