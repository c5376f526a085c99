import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AREA_CODES, formatMobile, isValidMobile, normalizeMobile } from './mobile';

describe('Brazilian mobile numbers', () => {
  it('normalizes the forms people type to E.164', () => {
    for (const typed of ['(31) 98765-4321', '31987654321', '+55 31 98765-4321', '5531987654321', '+55 (31) 9 8765-4321', '031 98765 4321', '31.98765.4321']) {
      expect(normalizeMobile(typed)).toEqual({ ok: true, value: '+5531987654321' });
    }
  });

  it('refuses unknown area codes, landlines, wrong lengths, other countries and letters', () => {
    expect(normalizeMobile('(20) 98765-4321').ok).toBe(false);
    expect(normalizeMobile('(10) 98765-4321').ok).toBe(false);
    expect(normalizeMobile('(31) 3456-7890').ok).toBe(false);
    expect(normalizeMobile('(31) 88765-4321').ok).toBe(false);
    expect(normalizeMobile('(31) 98765-432').ok).toBe(false);
    expect(normalizeMobile('+1 31 98765-4321').ok).toBe(false);
    expect(normalizeMobile('+351 912 345 678').ok).toBe(false);
    expect(normalizeMobile('31 9876A-4321').ok).toBe(false);
    expect(normalizeMobile('').ok).toBe(false);
  });

  it('explains the refusal in Portuguese', () => {
    expect(normalizeMobile('(20) 98765-4321')).toEqual({ ok: false, error: 'DDD 20 não existe' });
  });

  it('knows the 67 area codes in use', () => {
    expect(AREA_CODES.size).toBe(67);
  });

  it('accepts every area code with 9 + 8 digits, and formatting round-trips', () => {
    fc.assert(
      fc.property(fc.constantFrom(...AREA_CODES), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 8, maxLength: 8 }), (ddd, rest) => {
        const typed = `${ddd}9${rest}`;
        const formatted = formatMobile(typed);
        return isValidMobile(typed) && formatted === `(${ddd}) 9${rest.slice(0, 4)}-${rest.slice(4)}` && normalizeMobile(formatted).ok;
      }),
    );
  });
});
