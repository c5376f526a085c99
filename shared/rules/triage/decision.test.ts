import { describe, expect, it } from 'vitest';
import type { RedsLedgerEntry } from '../../schemas';
import { makeDecision } from '../test-fixtures';
import type { RequestFlag } from '../request-flags';
import { lostDecision, overridesForValidation, voidForLostDecision } from './decision';

const blocking: RequestFlag = { code: 'fact_outside_state', severity: 'blocking', message: 'Fato fora do estado.' };
const warning: RequestFlag = { code: 'fact_too_old', severity: 'warning', message: 'Fato antigo.' };

describe('triage decisions', () => {
  it('needs a justification of at least 10 characters to validate over a blocking flag', () => {
    expect(overridesForValidation([warning], '')).toEqual({ ok: true, value: [] });
    expect(overridesForValidation([blocking, warning], 'curta').ok).toBe(false);
    expect(overridesForValidation([blocking, warning], 'Divisa: fato confirmado em MG.')).toEqual({ ok: true, value: [{ flagCode: 'fact_outside_state', justification: 'Divisa: fato confirmado em MG.' }] });
  });

  it('tells a lost decision from my own one, and voids its number automatically', () => {
    const mine = makeDecision({ officerId: 'ana', workstationId: 'ws-ana', redsNumber: '2025-000000101-001' });
    const theirs = makeDecision({ officerId: 'bruno', officerName: 'Bruno', workstationId: 'ws-bruno', outcome: 'rejected', reasonCode: 'in_person_required', orientationText: 'Vá à delegacia.' });
    expect(lostDecision(mine, mine)).toBeNull();
    expect(lostDecision(mine, null)).toBeNull();
    expect(lostDecision(mine, theirs)).toEqual({ mine, standing: theirs });
    const entry: RedsLedgerEntry = {
      type: 'reds_entry', schemaVersion: 1, number: '2025-000000101-001', leaseId: 'lease-1', workstationId: 'ws-ana', userId: 'ana', unitId: 'dv-mg',
      requestId: mine.requestId, decisionId: `${mine.requestId}:001`, issuedAt: mine.decidedAt, status: 'issued',
    };
    const voided = voidForLostDecision(entry, theirs, new Date('2025-06-10T15:00:00Z'));
    expect(voided).toMatchObject({ status: 'void', void: { automatic: true, voidedBy: 'ana' } });
    expect(voided.void?.reason).toContain('Bruno');
    expect(voided.void?.reason.length).toBeGreaterThanOrEqual(10);
  });
});
