import type { Rg } from '../../schemas';

/** Strips dots, dashes, slashes and spaces and upper-cases (the SP check digit may be 'X'). */
export function normalizeRgNumber(input: string): string {
  return input.replace(/[./\-\s]/g, '').toUpperCase();
}

/** SP's RG check character: weights 2..9 over the 8-digit base, 11 − (sum mod 11), 10 → 'X', 11 → '0'. */
export function spRgCheckDigit(base: string): string {
  if (!/^\d{8}$/.test(base)) throw new RangeError('an SP RG base has 8 digits');
  const sum = [...base].reduce((total, digit, index) => total + Number(digit) * (index + 2), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/**
 * An RG is valid in the shape every state uses (4–14 letters or digits, at least one digit); SP publishes a
 * check digit, so there the number must be the 8-digit base plus its check character. Other states: shape only.
 */
export function isValidRg(rg: Rg): boolean {
  const number = normalizeRgNumber(rg.number);
  if (!/^[0-9A-Z]{4,14}$/.test(number) || !/\d/.test(number)) return false;
  if (rg.uf !== 'SP') return true;
  return /^\d{8}[0-9X]$/.test(number) && number.slice(8) === spRgCheckDigit(number.slice(0, 8));
}

/** SP's 00.000.000-0; other states' numbers are shown as normalized. */
export function formatRg(rg: Rg): string {
  const number = normalizeRgNumber(rg.number);
  if (rg.uf === 'SP' && /^\d{8}[0-9X]$/.test(number)) {
    return `${number.slice(0, 2)}.${number.slice(2, 5)}.${number.slice(5, 8)}-${number.slice(8)} ${rg.uf}`;
  }
  return `${number} ${rg.uf}`;
}
