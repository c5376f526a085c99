import { describe, expect, it } from 'vitest';
import { NATURES } from '../../reference/natures';
import { FIXTURE_NOW, makeClaim, makeDecision, makeRequest, makeUnit } from '../test-fixtures';
import { filterQueue, holdIntervals, nextDecisionSequence, openQueue, queueRow } from './queue';

const context = { unit: makeUnit(), natures: NATURES, now: FIXTURE_NOW };

describe('triage queue rows', () => {
  it('orders open requests by time left and drops decided ones', () => {
    const older = makeRequest({ protocol: 'DV-2025-00000001', submittedAt: '2025-06-10T11:00:00-03:00' });
    const newer = makeRequest({ protocol: 'DV-2025-00000002', submittedAt: '2025-06-10T11:50:00-03:00' });
    const decided = makeRequest({ protocol: 'DV-2025-00000003', submittedAt: '2025-06-10T10:00:00-03:00' });
    const rows = [
      queueRow(newer, [], null, context),
      queueRow(decided, [makeDecision({ requestId: decided.protocol, outcome: 'rejected', reasonCode: 'in_person_required', orientationText: 'Vá à delegacia.' })], null, context),
      queueRow(older, [], null, context),
    ];
    expect(openQueue(rows).map((row) => row.protocol)).toEqual([older.protocol, newer.protocol]);
  });

  it('colours the clock: warning from 75 % of the target, breached past it', () => {
    const target = makeUnit().serviceLevelMinutes;
    const at = (minutesAgo: number) => new Date(Date.parse(FIXTURE_NOW) - minutesAgo * 60_000).toISOString();
    expect(queueRow(makeRequest({ submittedAt: at(target * 0.5) }), [], null, context).clock.status).toBe('ok');
    expect(queueRow(makeRequest({ submittedAt: at(target * 0.8) }), [], null, context).clock.status).toBe('warning');
    expect(queueRow(makeRequest({ submittedAt: at(target + 1) }), [], null, context).clock.status).toBe('breached');
  });

  it('masks a domestic-violence requester in the list', () => {
    const request = makeRequest({ fact: { ...makeRequest().fact, domesticContext: true } });
    const row = queueRow(request, [], null, context);
    expect(row.requesterName).not.toContain('Silva');
    expect(row.requesterName).toMatch(/^\p{L}\*+/u);
  });

  it('shows only an active claim, and filters by claim, flags and document', () => {
    const request = makeRequest();
    const mine = queueRow(request, [], makeClaim({ officerId: 'ana' }), context);
    const expired = queueRow(makeRequest({ protocol: 'DV-2025-00000009' }), [], makeClaim({ expiresAt: '2025-06-10T11:00:00-03:00' }), context);
    expect(mine.claim?.officerId).toBe('ana');
    expect(expired.claim).toBeNull();
    expect(filterQueue([mine, expired], { claim: 'mine' }, 'ana')).toEqual([mine]);
    expect(filterQueue([mine, expired], { claim: 'free' }, 'ana')).toEqual([expired]);
    expect(filterQueue([mine, expired], { search: '00000009' }, 'ana')).toEqual([expired]);
    const cpf = request.requester.kind === 'person_br' ? request.requester.cpf : '';
    expect(filterQueue([mine], { search: `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}` }, 'ana')).toEqual([mine]);
    expect(filterQueue([mine], { flags: 'blocking' }, 'ana')).toEqual(mine.flags.some((flag) => flag.severity === 'blocking') ? [mine] : []);
  });

  it('pauses the clock between a hold and its resumption, and numbers the next decision', () => {
    const hold = makeDecision({ sequence: 1, outcome: 'on_hold', reasonCode: 'missing_information', orientationText: 'Envie mais dados.', decidedAt: '2025-06-10T10:30:00-03:00' });
    const resumed = makeDecision({ sequence: 2, outcome: 'resumed', decidedAt: '2025-06-10T11:30:00-03:00' });
    expect(holdIntervals([hold, resumed])).toEqual([{ from: hold.decidedAt, to: resumed.decidedAt }]);
    expect(nextDecisionSequence([hold, resumed])).toBe(3);
    expect(nextDecisionSequence([])).toBe(1);
  });
});
