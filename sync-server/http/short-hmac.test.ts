import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createShortHmac } from './short-hmac';

const reference = (key: Uint8Array, message: number): number => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(message >>> 0);
  return createHmac('sha256', key).update(bytes).digest().readUInt32BE(0);
};

describe('short HMAC-SHA256', () => {
  it('equals node:crypto HMAC-SHA256 for any key up to a block and any 32-bit message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 1, maxLength: 5 }), (key, messages) => {
        const hmac = createShortHmac(key);
        for (const message of messages) expect(hmac(message)).toBe(reference(key, message));
      }),
    );
  });

  it('keeps several keys apart', () => {
    const keys = [randomBytes(32), randomBytes(32)];
    const hmacs = keys.map((key) => createShortHmac(key));
    for (const message of [0, 1, 0x05ffffff, 2 ** 32 - 1]) {
      keys.forEach((key, index) => expect(hmacs[index]!(message)).toBe(reference(key, message)));
    }
  });

  it('refuses keys longer than a block', () => {
    expect(() => createShortHmac(randomBytes(65))).toThrow(RangeError);
  });
});
