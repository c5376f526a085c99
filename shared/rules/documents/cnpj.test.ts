import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnpjCheckDigits, formatCnpj, isValidCnpj, normalizeCnpj } from './cnpj';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const cnpjBase = fc.string({ unit: fc.constantFrom(...ALPHANUMERIC), minLength: 12, maxLength: 12 }).filter((base) => !/^(.)\1{11}$/.test(base));

describe('CNPJ', () => {
  it('accepts a numeric CNPJ and the Receita Federal alphanumeric example', () => {
    expect(isValidCnpj('11.222.333/0001-81')).toBe(true);
    expect(isValidCnpj('11222333000181')).toBe(true);
    expect(isValidCnpj('12.ABC.345/01DE-35')).toBe(true);
    expect(isValidCnpj('12abc34501de35')).toBe(true);
    expect(cnpjCheckDigits('12ABC34501DE')).toBe('35');
  });

  it('refuses wrong check digits, letters in the check digits, wrong length and all-equal characters', () => {
    expect(isValidCnpj('11222333000182')).toBe(false);
    expect(isValidCnpj('12ABC34501DE3A')).toBe(false);
    expect(isValidCnpj('1122233300018')).toBe(false);
    expect(isValidCnpj('00000000000000')).toBe(false);
    expect(isValidCnpj('12ABC34501D@35')).toBe(false);
  });

  it('round-trips: any 12-character base plus its check digits is valid', () => {
    fc.assert(fc.property(cnpjBase, (base) => isValidCnpj(base + cnpjCheckDigits(base))));
  });

  it('accepts exactly one of the 100 check-digit pairs for a base', () => {
    fc.assert(
      fc.property(cnpjBase, fc.integer({ min: 0, max: 99 }), (base, pair) => {
        const checkDigits = String(pair).padStart(2, '0');
        return isValidCnpj(base + checkDigits) === (checkDigits === cnpjCheckDigits(base));
      }),
    );
  });

  it('gives a letter its ASCII value − 48 (so a base differing only by A↔0+17 mod 11 collides)', () => {
    // 'A' is 17 and '6' is 6: a difference of 11 in one position leaves both check digits unchanged.
    expect(cnpjCheckDigits('A00000000000')).toBe(cnpjCheckDigits('600000000000'));
    expect(cnpjCheckDigits('B00000000000')).not.toBe(cnpjCheckDigits('600000000000'));
  });

  it('formats and normalizes back', () => {
    expect(formatCnpj('12abc34501de35')).toBe('12.ABC.345/01DE-35');
    expect(formatCnpj('abc')).toBe('abc');
    fc.assert(fc.property(cnpjBase, (base) => normalizeCnpj(formatCnpj(base + cnpjCheckDigits(base))) === base + cnpjCheckDigits(base)));
  });
});
