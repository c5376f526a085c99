import { en, es, fr, pt_BR, type LocaleDefinition } from '@faker-js/faker';
import type { Address, Victim } from '../shared/schemas';
import { STREET_KINDS, STREET_NAMES, type Municipality } from './geography';
import { weightedTable, type Dice } from './random';
import { DAY_MS, localDate } from './timeline';

export type Sex = Victim['sex'];
type Schooling = 'none' | 'elementary_incomplete' | 'elementary' | 'high_school_incomplete' | 'high_school' | 'higher_incomplete' | 'higher' | 'postgraduate';
type MaritalStatus = 'single' | 'married' | 'stable_union' | 'divorced' | 'separated' | 'widowed';

/** faker's pt_BR surnames are few; the most frequent Brazilian ones fill the gap. */
const BR_SURNAMES = [
  ...(pt_BR.person?.last_name?.generic ?? []),
  'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Ribeiro', 'Carvalho',
  'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa', 'Rocha', 'Dias', 'Nascimento', 'Andrade', 'Marques', 'Machado',
  'Mendes', 'Freitas', 'Cardoso', 'Ramos', 'Gonçalves', 'Santana', 'Teixeira', 'Araújo', 'Pinto', 'Campos', 'Correia', 'Cunha',
  'Rezende', 'Fonseca', 'Guimarães', 'Magalhães', 'Resende', 'Queiroz', 'Drummond', 'Vasconcelos', 'Pimenta', 'Tavares',
];
/** Surnames that Brazilians usually carry with their particle. */
const PARTICLE_SURNAMES = ['da Silva', 'dos Santos', 'de Oliveira', 'de Souza', 'da Costa', 'de Almeida', 'da Cunha', 'dos Reis', 'de Jesus', 'da Conceição', 'de Carvalho', 'da Rocha'];

function firstNamesOf(locale: LocaleDefinition, sex: Sex): readonly string[] {
  const names = locale.person?.first_name;
  return names?.[sex] ?? names?.generic ?? ['Alex'];
}

function lastNamesOf(locale: LocaleDefinition): readonly string[] {
  const names = locale.person?.last_name;
  return names?.generic ?? names?.female ?? ['Silva'];
}

export function brazilianName(dice: Dice, sex: Sex): string {
  const first = dice.pick(firstNamesOf(pt_BR, sex));
  const middle = dice.chance(0.7) ? `${dice.pick(BR_SURNAMES)} ` : '';
  return `${first} ${middle}${dice.chance(0.3) ? dice.pick(PARTICLE_SURNAMES) : dice.pick(BR_SURNAMES)}`;
}

/** Names in the language of the foreigner's country. */
export function foreignName(dice: Dice, sex: Sex, nationality: string): string {
  const locale = nationality === 'HT' || nationality === 'FR' ? fr : nationality === 'US' ? en : es;
  return `${dice.pick(firstNamesOf(locale, sex))} ${dice.pick(lastNamesOf(locale))} ${dice.pick(lastNamesOf(locale))}`;
}

/** Nationalities of foreigners who live in or visit Minas Gerais, roughly by frequency. */
export const FOREIGN_NATIONALITIES = weightedTable([
  { value: 'VE', weight: 35 }, { value: 'HT', weight: 15 }, { value: 'AR', weight: 10 }, { value: 'BO', weight: 8 },
  { value: 'PY', weight: 7 }, { value: 'CO', weight: 7 }, { value: 'US', weight: 6 }, { value: 'PE', weight: 6 }, { value: 'CU', weight: 6 },
]);

/** A birth date giving an age in [minAge, maxAge] on the day of `atMs`. */
export function birthDateForAge(dice: Dice, atMs: number, minAge: number, maxAge: number): string {
  const days = dice.int(Math.ceil(minAge * 365.25) + 1, Math.floor((maxAge + 1) * 365.25) - 2);
  return localDate(atMs - days * DAY_MS);
}

const ADULT_AGES = weightedTable([
  { value: [18, 24] as const, weight: 16 }, { value: [25, 34] as const, weight: 24 }, { value: [35, 44] as const, weight: 22 },
  { value: [45, 59] as const, weight: 24 }, { value: [60, 74] as const, weight: 11 }, { value: [75, 88] as const, weight: 3 },
]);

export function adultAgeRange(dice: Dice): readonly [number, number] {
  return dice.weighted(ADULT_AGES);
}

const SCHOOLING = weightedTable<Schooling>([
  { value: 'elementary_incomplete', weight: 10 }, { value: 'elementary', weight: 9 }, { value: 'high_school_incomplete', weight: 7 },
  { value: 'high_school', weight: 35 }, { value: 'higher_incomplete', weight: 12 }, { value: 'higher', weight: 21 },
  { value: 'postgraduate', weight: 5 }, { value: 'none', weight: 1 },
]);

export const fakeSchooling = (dice: Dice): Schooling => dice.weighted(SCHOOLING);

export function fakeMaritalStatus(dice: Dice, age: number): MaritalStatus {
  if (age < 25) return dice.chance(0.85) ? 'single' : 'stable_union';
  if (age >= 70 && dice.chance(0.3)) return 'widowed';
  return dice.pick(['single', 'married', 'married', 'married', 'stable_union', 'divorced', 'separated']);
}

export function fakeStreet(dice: Dice): string {
  const kind = dice.weighted(STREET_KINDS);
  const name = dice.chance(0.7) ? dice.pick(STREET_NAMES) : `${dice.pick(firstNamesOf(pt_BR, dice.chance(0.5) ? 'female' : 'male'))} ${dice.pick(BR_SURNAMES)}`;
  return `${kind} ${name}`;
}

export const fakeCep = (dice: Dice, from: number, to: number): string => `${String(dice.int(from, to)).padStart(5, '0')}${dice.digits(3)}`;

export function fakeAddress(dice: Dice, municipality: Municipality): Address {
  const complement = dice.chance(0.35) ? dice.pick([`Apto ${dice.int(1, 18)}0${dice.int(1, 4)}`, `Casa ${dice.int(1, 6)}`, `Bloco ${dice.pick(['A', 'B', 'C'])}`, 'Fundos', `Loja ${dice.int(1, 30)}`]) : undefined;
  return {
    street: fakeStreet(dice),
    number: dice.chance(0.97) ? String(dice.int(1, 3500)) : 's/n',
    ...(complement ? { complement } : {}),
    district: dice.pick(municipality.districts),
    municipality: municipality.name,
    municipalityCode: municipality.ibge,
    uf: 'MG',
    cep: fakeCep(dice, municipality.cepFrom, municipality.cepTo),
  };
}
