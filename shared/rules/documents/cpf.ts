import { mod11Digit } from './mod11';

/** Strips the usual punctuation (dots, dash, spaces); anything else is left for validation to refuse. */
export function normalizeCpf(input: string): string {
  return input.replace(/[.\-\s]/g, '');
}

/** The two check digits of a 9-digit CPF base. */
export function cpfCheckDigits(base: string): string {
  if (!/^\d{9}$/.test(base)) throw new RangeError('a CPF base has 9 digits');
  const digits = [...base].map(Number);
  const first = mod11Digit(digits, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = mod11Digit([...digits, first], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return `${first}${second}`;
}

/** 11 digits (punctuation allowed), right check digits, and not all digits equal (those pass the arithmetic). */
export function isValidCpf(input: string): boolean {
  const cpf = normalizeCpf(input);
  if (!/^\d{11}$/.test(cpf) || /^(\d)\1{10}$/.test(cpf)) return false;
  return cpf.slice(9) === cpfCheckDigits(cpf.slice(0, 9));
}

/** 000.000.000-00; input that is not 11 digits after normalization is returned unchanged. */
export function formatCpf(input: string): string {
  const cpf = normalizeCpf(input);
  if (!/^\d{11}$/.test(cpf)) return input;
  return `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`;
}
