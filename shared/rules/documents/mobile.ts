import { err, ok, type Result } from '../../schemas';

/** Anatel's area codes (DDD) in use. */
export const AREA_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19',
  '21', '22', '24', '27', '28',
  '31', '32', '33', '34', '35', '37', '38',
  '41', '42', '43', '44', '45', '46', '47', '48', '49',
  '51', '53', '54', '55',
  '61', '62', '63', '64', '65', '66', '67', '68', '69',
  '71', '73', '74', '75', '77', '79',
  '81', '82', '83', '84', '85', '86', '87', '88', '89',
  '91', '92', '93', '94', '95', '96', '97', '98', '99',
]);

/**
 * A Brazilian mobile number in E.164 (+55 DDD 9 NNNN NNNN). Accepts the forms people type: with or
 * without +55 (or 55), a trunk 0 before the DDD, spaces, parentheses, dots and dashes.
 */
export function normalizeMobile(input: string): Result<string> {
  const compact = input.replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(compact)) return err('celular deve conter só números');
  let digits = compact.replace(/^\+/, '');
  if (compact.startsWith('+') && !digits.startsWith('55')) return err('só celulares do Brasil (+55)');
  if (digits.length === 13 && digits.startsWith('55')) digits = digits.slice(2);
  else if (digits.length === 12 && digits.startsWith('0')) digits = digits.slice(1);
  if (digits.length !== 11) return err('celular deve ter DDD + 9 dígitos');
  if (!AREA_CODES.has(digits.slice(0, 2))) return err(`DDD ${digits.slice(0, 2)} não existe`);
  if (digits[2] !== '9') return err('celular deve começar com 9 após o DDD');
  return ok(`+55${digits}`);
}

export function isValidMobile(input: string): boolean {
  return normalizeMobile(input).ok;
}

/** (31) 98765-4321; a number that does not normalize is returned unchanged. */
export function formatMobile(input: string): string {
  const normalized = normalizeMobile(input);
  if (!normalized.ok) return input;
  const national = normalized.value.slice(3);
  return `(${national.slice(0, 2)}) ${national.slice(2, 7)}-${national.slice(7)}`;
}
