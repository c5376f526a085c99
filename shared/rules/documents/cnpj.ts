import { mod11Digit } from './mod11';

/** Strips dots, slash, dash and spaces and upper-cases (the 2026 CNPJ has letters). */
export function normalizeCnpj(input: string): string {
  return input.replace(/[./\-\s]/g, '').toUpperCase();
}

/** Weights 2..9 cycling from the rightmost character leftwards. */
function weightsFor(length: number): number[] {
  return Array.from({ length }, (_, index) => ((length - 1 - index) % 8) + 2);
}

/** A character's value in the 2026 rule: ASCII code − 48, so digits keep their value and 'A' is 17. */
const charValue = (char: string): number => char.charCodeAt(0) - 48;

/** The two numeric check digits of a 12-character base (digits or, from 2026, upper-case letters). */
export function cnpjCheckDigits(base: string): string {
  const normalized = base.toUpperCase();
  if (!/^[0-9A-Z]{12}$/.test(normalized)) throw new RangeError('a CNPJ base has 12 characters, digits or letters');
  const values = [...normalized].map(charValue);
  const first = mod11Digit(values, weightsFor(12));
  const second = mod11Digit([...values, first], weightsFor(13));
  return `${first}${second}`;
}

/**
 * 14 characters (punctuation allowed): 12 digits or letters and 2 check digits. Fourteen equal characters
 * are refused like the all-equal CPF: 00.000.000/0000-00 passes the arithmetic but is no company.
 */
export function isValidCnpj(input: string): boolean {
  const cnpj = normalizeCnpj(input);
  if (!/^[0-9A-Z]{12}\d{2}$/.test(cnpj) || /^(.)\1{13}$/.test(cnpj)) return false;
  return cnpj.slice(12) === cnpjCheckDigits(cnpj.slice(0, 12));
}

/** 00.000.000/0000-00 (letters kept); input that is not 14 characters after normalization is returned unchanged. */
export function formatCnpj(input: string): string {
  const cnpj = normalizeCnpj(input);
  if (!/^[0-9A-Z]{12}\d{2}$/.test(cnpj)) return input;
  return `${cnpj.slice(0, 2)}.${cnpj.slice(2, 5)}.${cnpj.slice(5, 8)}/${cnpj.slice(8, 12)}-${cnpj.slice(12)}`;
}
