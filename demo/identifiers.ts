import { cnpjCheckDigits } from '../shared/rules/documents/cnpj';
import { cpfCheckDigits } from '../shared/rules/documents/cpf';
import { spRgCheckDigit } from '../shared/rules/documents/rg';
import type { Rg, Uf } from '../shared/schemas';
import type { Dice } from './random';

export function fakeCpf(dice: Dice): string {
  let base = dice.digits(9);
  // All-equal digits pass the arithmetic but are no CPF.
  while (/^(\d)\1{8}$/.test(base)) base = dice.digits(9);
  return base + cpfCheckDigits(base);
}

const CNPJ_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** A valid CNPJ; `alphanumeric` gives the 2026 format with letters in the root. */
export function fakeCnpj(dice: Dice, alphanumeric: boolean): string {
  let root = '';
  for (let index = 0; index < 8; index++) root += alphanumeric ? dice.pick([...CNPJ_LETTERS]) : String(dice.int(0, 9));
  const base = `${root}000${dice.int(1, 4)}`;
  return base + cnpjCheckDigits(base);
}

/** MG prints "MG-12.345.678"; SP publishes a check digit; other states: digits only. */
export function fakeRg(dice: Dice, uf: Uf): Rg {
  if (uf === 'MG') return { number: `MG${dice.int(10, 23)}${dice.digits(6)}`, uf };
  if (uf === 'SP') {
    const base = `${dice.int(10, 59)}${dice.digits(6)}`;
    return { number: base + spRgCheckDigit(base), uf };
  }
  return { number: `${dice.int(1, 9)}${dice.digits(dice.int(6, 8))}`, uf };
}

/** (31) 9XXXX-XXXX, as citizens type it. */
export const fakeMobile = (dice: Dice, ddd: string): string => `(${ddd}) 9${dice.int(8, 9)}${dice.digits(3)}-${dice.digits(4)}`;

export const fakeLandline = (dice: Dice, ddd: string): string => `(${ddd}) 3${dice.digits(3)}-${dice.digits(4)}`;

const EMAIL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.br', 'uol.com.br', 'bol.com.br', 'icloud.com'];

const asciiLower = (text: string): string =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

export function fakeEmail(dice: Dice, fullName: string): string {
  const parts = fullName.split(' ').map(asciiLower).filter((part) => part.length > 2);
  const first = parts[0] ?? 'contato';
  const last = parts[parts.length - 1] ?? 'mg';
  const local = dice.pick([`${first}.${last}`, `${first}${last}`, `${first}_${last}${dice.int(1, 99)}`, `${first}${dice.int(70, 2010)}`]);
  return `${local}@${dice.pick(EMAIL_DOMAINS)}`;
}

export const companyEmail = (dice: Dice, corporateName: string): string => {
  const slug = asciiLower(corporateName.split(' ').slice(0, 2).join('')).slice(0, 20) || 'empresa';
  return `${dice.pick(['contato', 'financeiro', 'adm', 'juridico'])}@${slug}.com.br`;
};

/** Mercosul plate ABC1D23, or the old ABC-1234 still on many cars. */
export function fakePlate(dice: Dice): string {
  const letters = () => String.fromCharCode(65 + dice.int(0, 25));
  const prefix = `${dice.pick(['G', 'H', 'O', 'P', 'Q', 'R'])}${letters()}${letters()}`;
  return dice.chance(0.6) ? `${prefix}${dice.int(0, 9)}${letters()}${dice.digits(2)}` : `${prefix}-${dice.digits(4)}`;
}

/** Remainder of a long digit string mod 97, without BigInt. */
function mod97(digits: string): number {
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder;
}

/** CNJ unified process number of a TJMG court (J = 8, TR = 13) with its ISO 7064 mod-97 check digits. */
export function fakeTjmgProcess(dice: Dice, year: number): string {
  const sequence = dice.digits(7);
  const origin = dice.pick(['0024', '0079', '0702', '0145', '0433', '0051']);
  const check = 98 - mod97(`${sequence}${year}813${origin}00`);
  return `${sequence}-${String(check).padStart(2, '0')}.${year}.8.13.${origin}`;
}
