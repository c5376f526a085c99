import { describe, expect, it } from 'vitest';
import { entryFixture, leaseFixture } from '../../reds/test-fixtures';
import { redsLedgerSummary } from './reds-stats';

describe('REDS ledger summary', () => {
  it('totals each workstation over the blocks leased in the period', () => {
    const a = leaseFixture({ leaseId: 'lease-a', firstSequence: 1, lastSequence: 10, status: 'returned', returnedFromSequence: 6 });
    const b = leaseFixture({ leaseId: 'lease-b', firstSequence: 11, lastSequence: 20 });
    const c = leaseFixture({ leaseId: 'lease-c', firstSequence: 21, lastSequence: 25, workstationId: 'ws-02' });
    const entries = [1, 2, 4, 5].map((seq) => entryFixture(a, seq)).concat([entryFixture(b, 11, { status: 'void', void: { reason: 'Emitido por engano.', voidedBy: 'ana', voidedAt: b.leasedAt, automatic: false } })]);
    const { byWorkstation, report } = redsLedgerSummary({ leases: [a, b, c], entries, period: { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' } });
    expect(byWorkstation).toEqual([
      { workstationId: 'ws-01', blocks: 2, issued: 4, void: 1, unused: 5 + 9, missing: 1 },
      { workstationId: 'ws-02', blocks: 1, issued: 0, void: 0, unused: 5, missing: 0 },
    ]);
    expect(report.blocks[0]?.missingNumbers).toEqual(['2026-000000003-001']);
  });
});
