import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpfCheckDigits, formatCpf, isValidCpf, normalizeCpf } from './cpf';

const cpfBase = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 9, maxLength: 9 }).filter((base) => !/^(\d)\1{8}$/.test(base));

describe('CPF', () => {
  it('accepts known valid numbers, formatted or not', () => {
    expect(isValidCpf('52998224725')).toBe(true);
    expect(isValidCpf('529.982.247-25')).toBe(true);
    expect(cpfCheckDigits('529982247')).toBe('25');
  });

  it('refuses wrong check digits, wrong length, letters and all-equal digits', () => {
    expect(isValidCpf('52998224726')).toBe(false);
    expect(isValidCpf('5299822472')).toBe(false);
    expect(isValidCpf('529982247255')).toBe(false);
    expect(isValidCpf('52998224A25')).toBe(false);
    for (const digit of '0123456789') expect(isValidCpf(digit.repeat(11))).toBe(false);
  });

  it('round-trips: a base plus its check digits is valid', () => {
    fc.assert(fc.property(cpfBase, (base) => isValidCpf(base + cpfCheckDigits(base))));
  });

  it('accepts exactly one of the 100 check-digit pairs for a base', () => {
    fc.assert(
      fc.property(cpfBase, fc.integer({ min: 0, max: 99 }), (base, pair) => {
        const checkDigits = String(pair).padStart(2, '0');
        return isValidCpf(base + checkDigits) === (checkDigits === cpfCheckDigits(base));
      }),
    );
  });

  it('formats and normalizes back', () => {
    expect(formatCpf('52998224725')).toBe('529.982.247-25');
    expect(formatCpf('123')).toBe('123');
    fc.assert(fc.property(cpfBase, (base) => normalizeCpf(formatCpf(base + cpfCheckDigits(base))) === base + cpfCheckDigits(base)));
  });

  it('refuses a malformed base for check digits', () => {
    expect(() => cpfCheckDigits('12345678')).toThrow(RangeError);
  });
});
