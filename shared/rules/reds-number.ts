import { REDS_NUMBER_PATTERN, err, ok, type RedsLease, type Result } from '../schemas';
import { toMillis, type Instant } from './time';

export interface RedsNumberParts {
  year: number;
  /** The event sequence, 1..999 999 999. */
  sequence: number;
  /** The record of the event, 1 for its first record (001). */
  suffix: number;
}

export const MAX_REDS_SEQUENCE = 999_999_999;
export const MAX_REDS_SUFFIX = 999;
export const FIRST_RECORD_SUFFIX = 1;

function partsError({ year, sequence, suffix }: RedsNumberParts): string | undefined {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return 'ano do REDS deve ter 4 dígitos';
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_REDS_SEQUENCE) return 'sequência do REDS fora do intervalo';
  if (!Number.isInteger(suffix) || suffix < 1 || suffix > MAX_REDS_SUFFIX) return 'complemento do REDS fora do intervalo';
  return undefined;
}

/** YYYY-NNNNNNNNN-NNN. Out-of-range parts are a programming error, not a citizen's input. */
export function formatRedsNumber(parts: RedsNumberParts): string {
  const problem = partsError(parts);
  if (problem) throw new RangeError(problem);
  return `${parts.year}-${String(parts.sequence).padStart(9, '0')}-${String(parts.suffix).padStart(3, '0')}`;
}

/** Reads a REDS number typed or stored; sequence and suffix 0 do not exist. */
export function parseRedsNumber(input: string): Result<RedsNumberParts> {
  const match = REDS_NUMBER_PATTERN.exec(input.trim());
  if (!match) return err('número REDS inválido: use o formato AAAA-NNNNNNNNN-NNN');
  const parts = { year: Number(match[1]), sequence: Number(match[2]), suffix: Number(match[3]) };
  const problem = partsError(parts);
  return problem ? err(problem) : ok(parts);
}

const compareNumbers = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Total order over strings: valid numbers by year, then sequence, then suffix; anything unreadable after
 * every valid number, in plain string order (a ledger listing never throws on a bad row).
 */
export function compareRedsNumbers(a: string, b: string): number {
  const pa = parseRedsNumber(a);
  const pb = parseRedsNumber(b);
  if (pa.ok && pb.ok) {
    return compareNumbers(pa.value.year, pb.value.year) || compareNumbers(pa.value.sequence, pb.value.sequence) || compareNumbers(pa.value.suffix, pb.value.suffix);
  }
  if (pa.ok !== pb.ok) return pa.ok ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface NextRedsNumber {
  number: string;
  sequence: number;
}

/**
 * The next first-record number of a lease block, after the highest sequence this workstation already
 * issued from it (none: the block's first). Refused when the block is closed, expired at `now`, or spent.
 */
export function nextRedsNumber(lease: RedsLease, lastIssuedSequence: number | null | undefined, now: Instant): Result<NextRedsNumber> {
  if (lease.status !== 'active') return err('Bloco de números REDS encerrado: solicite um novo bloco.');
  if (toMillis(now) >= toMillis(lease.expiresAt)) return err('Bloco de números REDS vencido: solicite um novo bloco.');
  const last = lastIssuedSequence ?? lease.firstSequence - 1;
  if (last < lease.firstSequence - 1 || last > lease.lastSequence) return err('Último número emitido fora do bloco: verifique o livro de registros REDS.');
  const sequence = last + 1;
  if (sequence > lease.lastSequence) return err('Bloco de números REDS esgotado: solicite um novo bloco.');
  return ok({ number: formatRedsNumber({ year: lease.year, sequence, suffix: FIRST_RECORD_SUFFIX }), sequence });
}
