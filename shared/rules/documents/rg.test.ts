import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UF_CODES } from '../../schemas';
import { formatRg, isValidRg, spRgCheckDigit } from './rg';

const spBase = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 8, maxLength: 8 });

describe('RG', () => {
  it('computes the SP check digit with weights 2..9: 11 − (sum mod 11), 10 → X, 11 → 0', () => {
    // 1·2+2·3+3·4+4·5+5·6+6·7+7·8+8·9 = 240; 240 mod 11 = 9; 11 − 9 = 2.
    expect(spRgCheckDigit('12345678')).toBe('2');
    // 1·9 = 9 → 2.
    expect(spRgCheckDigit('00000001')).toBe('2');
    // 6·2 = 12; 12 mod 11 = 1; 11 − 1 = 10 → X.
    expect(spRgCheckDigit('60000000')).toBe('X');
    // sum 0 → 11 → 0.
    expect(spRgCheckDigit('00000000')).toBe('0');
    expect(isValidRg({ number: '60000000X', uf: 'SP' })).toBe(true);
    expect(isValidRg({ number: '6.000.000-x', uf: 'SP' })).toBe(false);
    expect(isValidRg({ number: '60.000.000-x', uf: 'SP' })).toBe(true);
  });

  it('round-trips in SP and refuses every other check character', () => {
    fc.assert(
      fc.property(spBase, fc.constantFrom(...'0123456789X'), (base, check) =>
        isValidRg({ number: base + check, uf: 'SP' }) === (check === spRgCheckDigit(base))),
    );
  });

  it('accepts punctuation and checks only the shape outside SP', () => {
    expect(isValidRg({ number: '12.345.678-2', uf: 'SP' })).toBe(true);
    expect(isValidRg({ number: '12.345.678-3', uf: 'SP' })).toBe(false);
    expect(isValidRg({ number: '1234567', uf: 'SP' })).toBe(false);
    expect(isValidRg({ number: 'MG12345678', uf: 'MG' })).toBe(true);
    expect(isValidRg({ number: '12.345.678-3', uf: 'RJ' })).toBe(true);
    expect(isValidRg({ number: 'ABCDEF', uf: 'RJ' })).toBe(false);
    expect(isValidRg({ number: '123', uf: 'RJ' })).toBe(false);
  });

  it('never applies the SP digit to another state', () => {
    for (const uf of UF_CODES.filter((code) => code !== 'SP')) expect(isValidRg({ number: '123456783', uf })).toBe(true);
  });

  it('formats SP numbers with their check digit', () => {
    expect(formatRg({ number: '123456782', uf: 'SP' })).toBe('12.345.678-2 SP');
    expect(formatRg({ number: 'mg-12.345.678', uf: 'MG' })).toBe('MG12345678 MG');
  });
});
