import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSequenceCodec } from './sequence-codec';

const codec = createSequenceCodec(randomBytes(32));

describe('opaque sequences', () => {
  it('round-trips every sequence through a fixed-length, URL-safe token', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (seq) => {
        const token = codec.encode(seq);
        expect(token).toMatch(/^s1[A-Za-z0-9_-]{8}$/);
        expect(codec.decode(token)).toBe(seq);
      }),
    );
  });

  it('is a permutation: consecutive sequences give distinct, unordered tokens', () => {
    const tokens = Array.from({ length: 2000 }, (_, seq) => codec.encode(seq));
    expect(new Set(tokens).size).toBe(tokens.length);
    expect([...tokens].sort()).not.toEqual(tokens);
    // Neighbours share no visible structure: no common prefix past the version.
    const shared = tokens.slice(1).filter((token, index) => token.slice(0, 5) === tokens[index]!.slice(0, 5));
    expect(shared.length).toBeLessThan(20);
  });

  it('keeps the tokens it handed out before (clients hold them in their checkpoints)', () => {
    const fixed = createSequenceCodec(Buffer.alloc(32, 7));
    const issued = { s1XJxuh0JW: 0, s1rQdQ5YtW: 1, s17nUniFS7: 42, s1Uzq4JgfK: 123456, s1XcN7c52_: 2 ** 40 };
    for (const [token, seq] of Object.entries(issued)) {
      expect(fixed.encode(seq)).toBe(token);
      expect(fixed.decode(token)).toBe(seq);
    }
  });

  it('depends on the key', () => {
    const other = createSequenceCodec(randomBytes(32));
    const seqs = [0, 1, 2, 1000, 2 ** 40];
    expect(seqs.map((seq) => other.encode(seq))).not.toEqual(seqs.map((seq) => codec.encode(seq)));
    expect(createSequenceCodec(Buffer.alloc(32, 7)).encode(42)).toBe(createSequenceCodec(Buffer.alloc(32, 7)).encode(42));
  });

  it('rejects malformed tokens and out-of-range sequences', () => {
    for (const token of ['', '5', '12-abc', 's1', 's1abc', 's2AAAAAAAA', 's1AAAAAAA=', 's1AAAAAAAAA', ' s1AAAAAAAA']) expect(codec.decode(token), token).toBeNull();
    for (const seq of [-1, 1.5, 2 ** 48, Number.NaN]) expect(() => codec.encode(seq)).toThrow(RangeError);
  });
});
