import { REDS_NUMBER_PATTERN, type RedsLease } from '../schemas';

/** Numbers issued from a block are an event's first record: suffix 001. */
export const FIRST_RECORD_SUFFIX = 1;

export interface RedsEventRef {
  year: number;
  sequence: number;
  suffix: number;
}

// TODO(reds): switch to shared/rules/reds-number.ts (formatRedsNumber/parseRedsNumber) once it lands.
export function redsNumberOf(year: number, sequence: number, suffix = FIRST_RECORD_SUFFIX): string {
  return `${year}-${String(sequence).padStart(9, '0')}-${String(suffix).padStart(3, '0')}`;
}

export function redsEventOf(number: string): RedsEventRef | null {
  const match = REDS_NUMBER_PATTERN.exec(number);
  if (!match) return null;
  return { year: Number(match[1]), sequence: Number(match[2]), suffix: Number(match[3]) };
}

type Block = Pick<RedsLease, 'year' | 'firstSequence' | 'lastSequence'>;

export const blockSize = (block: Block): number => block.lastSequence - block.firstSequence + 1;

/** The sequence of a number when it is a first record inside the block, else null. */
export function sequenceInBlock(block: Block, number: string): number | null {
  const event = redsEventOf(number);
  if (!event || event.suffix !== FIRST_RECORD_SUFFIX || event.year !== block.year) return null;
  return event.sequence >= block.firstSequence && event.sequence <= block.lastSequence ? event.sequence : null;
}

export function blocksOverlap(a: Block, b: Block): boolean {
  return a.year === b.year && a.firstSequence <= b.lastSequence && b.firstSequence <= a.lastSequence;
}

/**
 * The first sequence a closed block never issued: numbers from it to the end were handed back unused.
 * An active block has none yet.
 */
export function returnedFrom(lease: Pick<RedsLease, 'status' | 'firstSequence' | 'returnedFromSequence'>): number | null {
  if (lease.status === 'active') return null;
  return lease.returnedFromSequence ?? lease.firstSequence;
}
