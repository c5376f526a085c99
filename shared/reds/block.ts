import { FIRST_RECORD_SUFFIX, formatRedsNumber, parseRedsNumber } from '../rules/reds-number';
import type { RedsLease } from '../schemas';

/** The number a block issues for a sequence: always an event's first record (suffix 001). */
export const redsNumberOf = (year: number, sequence: number): string => formatRedsNumber({ year, sequence, suffix: FIRST_RECORD_SUFFIX });

/** The event sequence of a first-record number, or null for anything else. */
export function firstRecordSequence(number: string): { year: number; sequence: number } | null {
  const parsed = parseRedsNumber(number);
  return parsed.ok && parsed.value.suffix === FIRST_RECORD_SUFFIX ? { year: parsed.value.year, sequence: parsed.value.sequence } : null;
}

type Block = Pick<RedsLease, 'year' | 'firstSequence' | 'lastSequence'>;

export const blockSize = (block: Block): number => block.lastSequence - block.firstSequence + 1;

/** The sequence of a number when it is a first record inside the block, else null. */
export function sequenceInBlock(block: Block, number: string): number | null {
  const event = firstRecordSequence(number);
  if (!event || event.year !== block.year) return null;
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
