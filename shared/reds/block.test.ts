import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RedsNumberSchema } from '../schemas';
import { blocksOverlap, firstRecordSequence, redsNumberOf, returnedFrom, sequenceInBlock } from './block';
import { leaseFixture } from './test-fixtures';

describe('REDS block arithmetic', () => {
  it('formats first records in the official shape and parses them back', () => {
    expect(redsNumberOf(2019, 3883264)).toBe('2019-003883264-001');
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 9999 }), fc.integer({ min: 1, max: 999_999_999 }), (year, sequence) => {
        const number = redsNumberOf(year, sequence);
        expect(RedsNumberSchema.safeParse(number).success).toBe(true);
        expect(firstRecordSequence(number)).toEqual({ year, sequence });
      }),
    );
  });

  it('finds a number inside its block only for the same year and a first record', () => {
    const lease = leaseFixture({ firstSequence: 101, lastSequence: 110 });
    expect(sequenceInBlock(lease, '2026-000000101-001')).toBe(101);
    expect(sequenceInBlock(lease, '2026-000000110-001')).toBe(110);
    expect(sequenceInBlock(lease, '2026-000000111-001')).toBeNull();
    expect(sequenceInBlock(lease, '2025-000000105-001')).toBeNull();
    expect(sequenceInBlock(lease, '2026-000000105-002')).toBeNull();
    expect(sequenceInBlock(lease, 'lixo')).toBeNull();
    expect(firstRecordSequence('2026-000000105-002')).toBeNull();
  });

  it('tells overlapping blocks of one year apart', () => {
    const a = leaseFixture({ firstSequence: 1, lastSequence: 10 });
    expect(blocksOverlap(a, leaseFixture({ firstSequence: 10, lastSequence: 20 }))).toBe(true);
    expect(blocksOverlap(a, leaseFixture({ firstSequence: 11, lastSequence: 20 }))).toBe(false);
    expect(blocksOverlap(a, leaseFixture({ year: 2027, firstSequence: 1, lastSequence: 10 }))).toBe(false);
  });

  it('knows the returned tail only of closed blocks', () => {
    expect(returnedFrom(leaseFixture())).toBeNull();
    expect(returnedFrom(leaseFixture({ status: 'returned', returnedFromSequence: 105 }))).toBe(105);
    expect(returnedFrom(leaseFixture({ status: 'expired' }))).toBe(101);
  });
});
