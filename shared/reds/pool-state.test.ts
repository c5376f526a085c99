import { describe, expect, it } from 'vitest';
import { addLease, closeLeases, dropLease, emptyPoolState, issueNumber, leasesToClose, needsRefill, settleIssue, usableCount } from './pool-state';
import { leaseFixture } from './test-fixtures';

const config = { expiryMarginMinutes: 30, refillThreshold: 5 };
const now = new Date('2026-03-01T09:00:00.000Z');

function withLease(overrides = {}) {
  const result = addLease(emptyPoolState('ws-01', 'ana'), leaseFixture(overrides));
  if (!result.ok) throw new Error(result.error.reason);
  return result.value;
}

describe('console pool state', () => {
  it('issues consecutive numbers and keeps them pending until settled', () => {
    let state = withLease();
    const numbers: string[] = [];
    for (const requestId of ['DV-2026-00000001', 'DV-2026-00000002']) {
      const issued = issueNumber(state, { requestId, now, config });
      if (!issued.ok) throw new Error(issued.error.reason);
      state = issued.value.state;
      numbers.push(issued.value.issue.number);
    }
    expect(numbers).toEqual(['2026-000000101-001', '2026-000000102-001']);
    expect(state.pending).toHaveLength(2);
    expect(settleIssue(state, '2026-000000101-001').pending.map((issue) => issue.number)).toEqual(['2026-000000102-001']);
  });

  it('gives a retried request the number it already holds', () => {
    const first = issueNumber(withLease(), { requestId: 'DV-2026-00000001', now, config });
    if (!first.ok) throw new Error('no number');
    const again = issueNumber(first.value.state, { requestId: 'DV-2026-00000001', now, config });
    expect(again.ok && again.value.issue.number).toBe(first.value.issue.number);
    expect(again.ok && again.value.state).toBe(first.value.state);
  });

  it('asks for a refill below the threshold', () => {
    expect(needsRefill(emptyPoolState('ws-01', 'ana'), now, config)).toBe(true);
    expect(needsRefill(withLease({ firstSequence: 1, lastSequence: 5 }), now, config)).toBe(false);
    expect(needsRefill(withLease({ firstSequence: 1, lastSequence: 4 }), now, config)).toBe(true);
  });

  it('never issues from a block about to expire, and hands it back', () => {
    const state = withLease({ expiresAt: '2026-03-01T09:29:00.000Z' });
    expect(usableCount(state, now, config)).toBe(0);
    const result = issueNumber(state, { requestId: 'DV-2026-00000001', now, config });
    expect(result).toMatchObject({ ok: false, error: { code: 'pool_empty' } });
    expect(!result.ok && result.error.reason).toMatch(/Não há números REDS/);
    expect(leasesToClose(state, now, config)).toEqual([{ leaseId: 'lease-1', fromSequence: 101 }]);
  });

  it('refuses a block leased to someone else', () => {
    expect(addLease(emptyPoolState('ws-01', 'ana'), leaseFixture({ userId: 'bruno' }))).toMatchObject({ ok: false, error: { code: 'foreign_lease' } });
  });

  it('closes blocks, returns their unused tail and forgets them once acknowledged', () => {
    const issued = issueNumber(withLease(), { requestId: 'DV-2026-00000001', now, config });
    if (!issued.ok) throw new Error('no number');
    const closed = closeLeases(issued.value.state);
    expect(leasesToClose(closed, now, config)).toEqual([{ leaseId: 'lease-1', fromSequence: 102 }]);
    expect(issueNumber(closed, { requestId: 'DV-2026-00000002', now, config }).ok).toBe(false);
    expect(dropLease(closed, 'lease-1').leases).toEqual([]);
  });
});
