import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NATURES } from '../../reference/natures';
import { serviceLevel } from '../service-level';
import { FIXTURE_NOW, makeClaim, makeDecision, makeRequest, makeUnit } from '../test-fixtures';
import { clockAt, filterQueue, holdIntervals, listedRequesterName, narrowsFilter, queueEntry, rowOfEntry, rowsValidUntil, nextDecisionSequence, openQueue, openQueueParts, queueAt, queueRow } from './queue';

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
    expect(openQueue(rows, FIXTURE_NOW).map((row) => row.protocol)).toEqual([older.protocol, newer.protocol]);
  });

  it('colours the clock: warning from 75 % of the target, breached past it', () => {
    const target = makeUnit().serviceLevelMinutes;
    const at = (minutesAgo: number) => new Date(Date.parse(FIXTURE_NOW) - minutesAgo * 60_000).toISOString();
    expect(clockAt(queueRow(makeRequest({ submittedAt: at(target * 0.5) }), [], null, context).clock, FIXTURE_NOW).status).toBe('ok');
    expect(clockAt(queueRow(makeRequest({ submittedAt: at(target * 0.8) }), [], null, context).clock, FIXTURE_NOW).status).toBe('warning');
    expect(clockAt(queueRow(makeRequest({ submittedAt: at(target + 1) }), [], null, context).clock, FIXTURE_NOW).status).toBe('breached');
  });

  it('masks a domestic-violence requester in the list', () => {
    const request = makeRequest({ fact: { ...makeRequest().fact, domesticContext: true } });
    const row = queueRow(request, [], null, context);
    expect(row.requesterName).not.toContain('Silva');
    expect(row.requesterName).toMatch(/^\p{L}\*+/u);
  });

  it('masks the listed name of any domestic-violence request, by nature or by context, and keeps others readable', () => {
    const plain = makeRequest();
    const name = plain.requester.kind === 'company' ? '' : plain.requester.fullName;
    expect(listedRequesterName(plain, NATURES)).toBe(name);
    const byNature = makeRequest({ natureCode: 'VD_AMEACA' });
    expect(listedRequesterName(byNature, NATURES)).not.toBe(name);
    expect(listedRequesterName(byNature, NATURES)).toMatch(/^\p{L}\*+( \p{L}\*+)+$/u);
    expect(queueRow(byNature, [], null, context).requesterName).toBe(listedRequesterName(byNature, NATURES));
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

  it('computes the clock of an undecided row as the service-level rule does', () => {
    for (const minutesAgo of [-5, 0, 10, 46, 61, 600]) {
      const request = makeRequest({ submittedAt: new Date(Date.parse(FIXTURE_NOW) - minutesAgo * 60_000).toISOString() });
      const row = rowOfEntry(queueEntry(request, context), [], makeClaim({ officerId: 'ana' }), context);
      expect(clockAt(row.clock, FIXTURE_NOW)).toEqual(serviceLevel({ submittedAt: request.submittedAt, now: FIXTURE_NOW, targetMinutes: context.unit.serviceLevelMinutes, holds: [] }));
      expect(row.state).toBe('in_triage');
    }
  });

  it('reads a held row\'s clock as the service-level rule does, at any later instant', () => {
    const request = makeRequest({ submittedAt: '2025-06-10T10:00:00-03:00' });
    const decisions = [
      makeDecision({ sequence: 1, outcome: 'on_hold', reasonCode: 'missing_information', orientationText: 'Envie mais dados.', decidedAt: '2025-06-10T10:20:00-03:00' }),
      makeDecision({ sequence: 2, outcome: 'resumed', decidedAt: '2025-06-10T11:20:00-03:00' }),
    ];
    const row = rowOfEntry(queueEntry(request, context), decisions, null, context);
    for (const now of ['2025-06-10T10:10:00-03:00', '2025-06-10T11:00:00-03:00', '2025-06-10T12:30:00-03:00']) {
      expect(clockAt(row.clock, now)).toEqual(serviceLevel({ submittedAt: request.submittedAt, now, targetMinutes: context.unit.serviceLevelMinutes, holds: holdIntervals(decisions) }));
    }
  });

  it('keeps the queue order across clock ticks: merged held rows give the order a full sort gives', () => {
    const start = Date.parse(FIXTURE_NOW);
    const minute = 60_000;
    const rowArbitrary = fc.record({
      submittedAgo: fc.integer({ min: 0, max: 300 }),
      receivedLag: fc.integer({ min: 0, max: 3 }),
      hold: fc.option(fc.record({ after: fc.integer({ min: 0, max: 100 }), length: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }) }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(rowArbitrary, { maxLength: 40 }), fc.integer({ min: 0, max: 400 }), (specs, later) => {
        const rows = specs.map((spec, index) => {
          const submitted = start - spec.submittedAgo * minute;
          const request = makeRequest({ protocol: `DV-2025-${String(index).padStart(8, '0')}`, submittedAt: new Date(submitted).toISOString(), receivedAt: new Date(submitted + spec.receivedLag * minute).toISOString() });
          const decisions = [];
          if (spec.hold) {
            const from = submitted + spec.hold.after * minute;
            decisions.push(makeDecision({ requestId: request.protocol, sequence: 1, outcome: 'on_hold', reasonCode: 'missing_information', orientationText: 'Envie mais dados.', decidedAt: new Date(Math.min(from, start)).toISOString() }));
            if (spec.hold.length !== undefined && from + spec.hold.length * minute <= start) {
              decisions.push(makeDecision({ requestId: request.protocol, sequence: 2, outcome: 'resumed', decidedAt: new Date(from + spec.hold.length * minute).toISOString() }));
            }
          }
          return rowOfEntry(queueEntry(request, context), decisions, null, context);
        });
        const now = new Date(start + later * minute);
        const sorted = rows
          .filter((row) => row.state !== 'validated' && row.state !== 'rejected')
          .map((row) => ({ row, remaining: clockAt(row.clock, now).remainingMs }))
          .sort((a, b) => a.remaining - b.remaining || (a.row.receivedAt !== b.row.receivedAt ? (a.row.receivedAt < b.row.receivedAt ? -1 : 1) : a.row.protocol < b.row.protocol ? -1 : 1))
          .map(({ row }) => row.protocol);
        expect(queueAt(openQueueParts(rows), now).map((row) => row.protocol)).toEqual(sorted);
      }),
    );
  });

  it('tells until when the rows\' claims hold, and keeps the queue itself when nothing is held', () => {
    const claimed = queueRow(makeRequest(), [], makeClaim({ expiresAt: '2025-06-10T12:10:00-03:00' }), context);
    const free = queueRow(makeRequest({ protocol: 'DV-2025-00000009' }), [], null, context);
    expect(rowsValidUntil([claimed, free])).toBe(Date.parse('2025-06-10T12:10:00-03:00'));
    expect(rowsValidUntil([free])).toBe(Infinity);
    const parts = openQueueParts([free, claimed]);
    expect(queueAt(parts, '2025-06-10T12:05:00-03:00')).toBe(queueAt(parts, '2025-06-10T12:06:00-03:00'));
  });

  it('narrows a search typed further from the previous result, never losing a row the full filter finds', () => {
    const rows = ['DV-2025-00000123', 'DV-2025-00001230', 'DV-2025-00000999'].map((protocol) => queueRow(makeRequest({ protocol }), [], null, context));
    const cpf = rows[0]!.documents[0]!;
    const typed = ['', 'D', 'DV-2025-0000', 'DV-2025-00001', cpf.slice(0, 2), cpf.slice(0, 3), `${cpf.slice(0, 3)}.`, `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}`];
    for (const [index, before] of typed.entries()) {
      for (const after of typed.slice(index + 1)) {
        if (!narrowsFilter({ search: before }, { search: after })) continue;
        expect(filterQueue(filterQueue(rows, { search: before }, 'ana'), { search: after }, 'ana')).toEqual(filterQueue(rows, { search: after }, 'ana'));
      }
    }
    expect(narrowsFilter({ search: '52' }, { search: '529' })).toBe(false);
    expect(narrowsFilter({ search: 'DV' }, { search: 'DV-2', natureCode: 'FURTO' })).toBe(false);
    expect(narrowsFilter({ search: '5299' }, { search: '52998' })).toBe(true);
  });
});
