import { describe, expect, it } from 'vitest';
import { RedsLedgerEntrySchema } from '../../schemas';
import { makeDecision } from '../test-fixtures';
import { resolvePendingNumber, voidOrphan } from './pending-numbers';

const holder = { userId: 'joao.souza', unitId: 'dv-mg', workstationId: 'ws-bh-01' };
const pending = { number: '2025-000000101-001', leaseId: 'lease-1', requestId: 'DV-2025-00001234', issuedAt: '2025-06-10T15:05:00.000Z' };

describe('numbers issued but never settled', () => {
  it('only settles a number whose ledger entry was written', () => {
    const entry = RedsLedgerEntrySchema.parse({ type: 'reds_entry', schemaVersion: 1, ...pending, ...holder, decisionId: 'DV-2025-00001234:001', status: 'issued' });
    expect(resolvePendingNumber(pending, entry, [], holder)).toEqual({ kind: 'settle', number: pending.number });
  });

  it('re-attaches a number its decision holds, writing the missing ledger entry for that decision', () => {
    const hold = makeDecision({ sequence: 1, outcome: 'on_hold', redsNumber: undefined, reasonCode: 'missing_information', orientationText: 'Envie dados.' });
    const resumed = makeDecision({ sequence: 2, outcome: 'resumed', redsNumber: undefined });
    const validated = makeDecision({ sequence: 3, redsNumber: pending.number });
    const resolution = resolvePendingNumber(pending, null, [hold, resumed, validated], holder);
    expect(resolution).toMatchObject({ kind: 'attach', entry: { number: pending.number, decisionId: 'DV-2025-00001234:003', status: 'issued', issuedAt: pending.issuedAt } });
    if (resolution.kind === 'attach') expect(RedsLedgerEntrySchema.safeParse(resolution.entry).success).toBe(true);
  });

  it('records a number no decision holds and voids it with the reason, never leaving a silent gap', () => {
    const other = makeDecision({ sequence: 1, redsNumber: '2025-000000099-001' });
    const resolution = resolvePendingNumber(pending, null, [other], holder);
    if (resolution.kind !== 'void') throw new Error(`expected void, got ${resolution.kind}`);
    expect(resolution.entry).toMatchObject({ status: 'issued', requestId: pending.requestId, decisionId: 'DV-2025-00001234:002', userId: holder.userId });
    const voided = voidOrphan(resolution.entry, resolution.reason, new Date('2025-06-10T16:00:00Z'));
    expect(RedsLedgerEntrySchema.parse(voided)).toMatchObject({ status: 'void', void: { automatic: true, voidedBy: holder.userId, voidedAt: '2025-06-10T16:00:00.000Z' } });
    expect(voided.void?.reason).toContain(pending.requestId);
  });
});
