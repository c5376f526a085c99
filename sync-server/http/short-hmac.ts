/**
 * HMAC-SHA256 of one 32-bit word under a fixed key, for the sequence codec's Feistel rounds. Node's
 * `createHmac` builds a new object and pads the key for every call, which cost ~10 µs per round; here the
 * key's inner and outer pads are compressed once (their "midstates") and each call runs the two remaining
 * SHA-256 compressions on preallocated words. The result equals `createHmac('sha256', key)` (the tests
 * compare them); only the first four bytes of the digest are returned.
 */
export function createShortHmac(key: Uint8Array): (message: number) => number {
  if (key.length > BLOCK_BYTES) throw new RangeError('short HMAC keys are at most 64 bytes');
  const pad = (byte: number): Int32Array => {
    const block = new Uint8Array(BLOCK_BYTES).fill(byte);
    key.forEach((value, index) => (block[index] = value ^ byte));
    const words = new Int32Array(16);
    for (let index = 0; index < 16; index += 1) words[index] = new DataView(block.buffer).getInt32(index * 4);
    const state = new Int32Array(8);
    compress(IV, words, state);
    return state;
  };
  const inner = pad(0x36);
  const outer = pad(0x5c);
  // Padded final blocks: the message (4 bytes after the 64-byte pad), the inner digest (32 bytes after it).
  const innerBlock = new Int32Array(16);
  innerBlock[1] = 0x80000000 | 0;
  innerBlock[15] = (BLOCK_BYTES + 4) * 8;
  const outerBlock = new Int32Array(16);
  outerBlock[8] = 0x80000000 | 0;
  outerBlock[15] = (BLOCK_BYTES + 32) * 8;
  const digest = new Int32Array(8);
  return (message) => {
    innerBlock[0] = message | 0;
    compress(inner, innerBlock, outerBlock);
    compress(outer, outerBlock, digest);
    return digest[0]! >>> 0;
  };
}

const BLOCK_BYTES = 64;
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const schedule = new Int32Array(64);

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

/** One SHA-256 compression of a 16-word block into `state`, written to the first 8 words of `out`. */
function compress(state: Int32Array, block: Int32Array, out: Int32Array): void {
  const w = schedule;
  for (let i = 0; i < 16; i += 1) w[i] = block[i]!;
  for (let i = 16; i < 64; i += 1) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
    const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let i = 0; i < 64; i += 1) {
    const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  out[0] = (state[0]! + a) | 0;
  out[1] = (state[1]! + b) | 0;
  out[2] = (state[2]! + c) | 0;
  out[3] = (state[3]! + d) | 0;
  out[4] = (state[4]! + e) | 0;
  out[5] = (state[5]! + f) | 0;
  out[6] = (state[6]! + g) | 0;
  out[7] = (state[7]! + h) | 0;
}
