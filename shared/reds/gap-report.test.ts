import { describe, expect, it } from 'vitest';
import { redsGapReport, RedsGapReportSchema } from './gap-report';
import { entryFixture, leaseFixture } from './test-fixtures';

const period = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };

describe('redsGapReport', () => {
  it('accounts every number of a returned block as issued, void or unused-returned', () => {
    const lease = leaseFixture({ status: 'returned', returnedFromSequence: 104 });
    const voided = entryFixture(lease, 102, {
      status: 'void',
      void: { reason: 'decisão perdeu a corrida', voidedBy: 'ana', voidedAt: lease.leasedAt, automatic: true },
    });
    const report = redsGapReport({ leases: [lease], entries: [entryFixture(lease, 101), voided, entryFixture(lease, 103)], period });
    expect(report.totals).toEqual({ numbers: 10, issued: 2, void: 1, unusedReturned: 7, outstanding: 0, missing: 0 });
    expect(RedsGapReportSchema.parse(report)).toEqual(report);
  });

  it('lists the numbers of a closed block that were never recorded', () => {
    const lease = leaseFixture({ status: 'expired', returnedFromSequence: 105 });
    const report = redsGapReport({ leases: [lease], entries: [entryFixture(lease, 101), entryFixture(lease, 104)], period });
    expect(report.blocks[0]).toMatchObject({ issued: 2, missing: 2, unusedReturned: 6, missingNumbers: ['2026-000000102-001', '2026-000000103-001'] });
  });

  it('counts unissued numbers of an active block as outstanding, not missing', () => {
    const lease = leaseFixture();
    const report = redsGapReport({ leases: [lease], entries: [entryFixture(lease, 101)], period });
    expect(report.totals).toMatchObject({ issued: 1, outstanding: 9, missing: 0 });
  });

  it('reports only blocks leased in the period', () => {
    const inside = leaseFixture();
    const outside = leaseFixture({ leaseId: 'lease-0', leasedAt: '2026-02-28T23:59:59.000Z', firstSequence: 1, lastSequence: 100 });
    expect(redsGapReport({ leases: [inside, outside], entries: [], period }).blocks.map((block) => block.leaseId)).toEqual(['lease-1']);
  });

  it('flags overlapping blocks and entries outside their block', () => {
    const a = leaseFixture();
    const b = leaseFixture({ leaseId: 'lease-2', firstSequence: 110, lastSequence: 120 });
    const report = redsGapReport({ leases: [a, b], entries: [entryFixture(a, 115), entryFixture(b, 111, { leaseId: 'lease-9' })], period });
    expect(report.overlaps).toEqual([['lease-1', 'lease-2']]);
    expect(report.strays).toEqual(
      expect.arrayContaining([
        { number: '2026-000000115-001', leaseId: 'lease-1' },
        { number: '2026-000000111-001', leaseId: 'lease-9' },
      ]),
    );
  });
});
