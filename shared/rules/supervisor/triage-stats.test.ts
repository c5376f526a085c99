import { describe, expect, it } from 'vitest';
import { NATURES } from '../../reference/natures';
import { makeClaim, makeDecision, makeRequest, makeUnit } from '../test-fixtures';
import { localHourOf, periodEndingAt, shiftOf } from './period';
import type { Claim, Decision, OccurrenceRequest } from '../../schemas';
import { decisionsByOfficerAndShift, requestDecisions, triageDashboards, triageRow, type RequestDecisions, type TriageSnapshot } from './triage-stats';

const NOW = '2025-06-10T12:00:00-03:00';
const protocol = (n: number) => `DV-2025-${String(n).padStart(8, '0')}`;
const request = (n: number, submittedAt: string, natureCode = 'FURTO_CELULAR') => makeRequest({ protocol: protocol(n), submittedAt, receivedAt: submittedAt, natureCode });
const decision = (n: number, outcome: 'validated' | 'rejected' | 'on_hold', decidedAt: string, officer = 'joao.souza', sequence = 1) =>
  makeDecision({
    requestId: protocol(n),
    sequence,
    outcome,
    decidedAt,
    officerId: officer,
    officerName: officer === 'joao.souza' ? 'João Souza' : 'Maria Lima',
    ...(outcome === 'validated' ? { redsNumber: `2025-${String(n).padStart(9, '0')}-001` } : { redsNumber: undefined, reasonCode: 'in_person', orientationText: 'Compareça a uma delegacia.' }),
  });

/** The snapshot as the supervisor's data source holds it: decisions and claims by request. */
function snapshot(parts: { requests: OccurrenceRequest[]; decisions: Decision[]; claims: Claim[] }): TriageSnapshot & { facts: Map<string, RequestDecisions> } {
  const byRequest = new Map<string, Decision[]>();
  for (const item of parts.decisions) byRequest.set(item.requestId, [...(byRequest.get(item.requestId) ?? []), item]);
  const facts = new Map([...byRequest].map(([id, list]) => [id, requestDecisions(list)]));
  return {
    unit: makeUnit({ serviceLevelMinutes: 60 }),
    rows: parts.requests.map((request) => triageRow(request, facts.get(request.protocol))),
    claims: new Map(parts.claims.map((claim) => [claim.requestId, claim])),
    natures: NATURES,
    facts,
  };
}

describe('period helpers', () => {
  it('reads hour and shift in São Paulo time', () => {
    expect(localHourOf('2025-06-10T02:30:00Z')).toBe(23);
    expect(shiftOf('2025-06-10T02:30:00Z')).toBe('noite');
    expect(shiftOf('2025-06-10T05:59:00-03:00')).toBe('madrugada');
    expect(shiftOf('2025-06-10T06:00:00-03:00')).toBe('manha');
    expect(shiftOf('2025-06-10T12:00:00-03:00')).toBe('tarde');
  });
});

describe('triage statistics', () => {
  const requests = [
    request(1, '2025-06-10T11:50:00-03:00'),
    request(2, '2025-06-10T10:30:00-03:00'),
    request(3, '2025-06-09T10:00:00-03:00', 'DANO'),
    request(4, '2025-06-10T09:00:00-03:00', 'DANO'),
    request(5, '2025-06-10T08:00:00-03:00', 'DANO'),
    request(6, '2025-06-10T07:00:00-03:00'),
  ];
  const decisions = [
    decision(4, 'validated', '2025-06-10T09:30:00-03:00'),
    decision(5, 'rejected', '2025-06-10T10:30:00-03:00', 'maria.lima'),
    decision(6, 'on_hold', '2025-06-10T07:10:00-03:00', 'maria.lima'),
  ];
  const data = snapshot({ requests, decisions, claims: [makeClaim({ requestId: protocol(2), claimedAt: '2025-06-10T11:55:00-03:00', expiresAt: '2025-06-10T12:10:00-03:00' })] });

  it('counts the backlog of open requests by nature and age', () => {
    const rows = triageDashboards(data, periodEndingAt(NOW, 7), NOW).backlog;
    expect(rows.map((row) => [row.natureCode, row.total])).toEqual([
      ['FURTO_CELULAR', 3],
      ['DANO', 1],
    ]);
    expect(rows[0]?.byAge).toEqual({ lt30m: 1, lt1h: 0, lt4h: 1, lt24h: 1, older: 0 });
    expect(rows[1]?.byAge.older).toBe(1);
  });

  it('counts breaches by day and shift of submission, holds excluded', () => {
    const rows = triageDashboards(data, periodEndingAt(NOW, 7), NOW).breaches;
    expect(rows.map((row) => row.day)).toEqual(['2025-06-09', '2025-06-10']);
    // 09/06 10:00 still open: breached. 10/06: #2 open for 90 min (breached), #5 rejected after 150 min (breached),
    // #4 validated in 30 min, #6 on hold since 10 min after submission, #1 10 min old.
    expect(rows[0]?.breached.manha).toBe(1);
    expect(rows[1]?.breached).toEqual({ madrugada: 0, manha: 2, tarde: 0, noite: 0 });
    expect(rows[1]?.submitted.manha).toBe(5);
  });

  it('counts standing decisions per officer and shift, and outcomes per nature', () => {
    expect(decisionsByOfficerAndShift(data.facts.values(), periodEndingAt(NOW, 1))).toEqual([
      { officerId: 'maria.lima', officerName: 'Maria Lima', byShift: { madrugada: 0, manha: 2, tarde: 0, noite: 0 }, total: 2 },
      { officerId: 'joao.souza', officerName: 'João Souza', byShift: { madrugada: 0, manha: 1, tarde: 0, noite: 0 }, total: 1 },
    ]);
    expect(triageDashboards(data, periodEndingAt(NOW, 1), NOW).outcomes).toEqual([{ natureCode: 'DANO', natureLabel: 'Dano', validated: 1, rejected: 1, validationRatio: 0.5 }]);
    expect(triageDashboards(data, { from: '2025-06-10T10:00:00-03:00', to: NOW }, NOW).outcomes).toEqual([{ natureCode: 'DANO', natureLabel: 'Dano', validated: 0, rejected: 1, validationRatio: 0 }]);
  });

  it('lists open requests past the target, most overdue first, with who holds them', () => {
    const stuck = triageDashboards(data, periodEndingAt(NOW, 7), NOW).stuck;
    expect(stuck.map((item) => [item.protocol, item.officerName])).toEqual([
      [protocol(3), null],
      [protocol(2), 'João Souza'],
    ]);
    expect(stuck[1]?.overdueMs).toBe(30 * 60_000);
  });
});

describe('request decisions', () => {
  it('keeps the race winner of a sequence as the closing decision', () => {
    const facts = requestDecisions([decision(7, 'validated', '2025-06-10T09:30:00-03:00'), decision(7, 'rejected', '2025-06-10T09:20:00-03:00', 'maria.lima')]);
    expect([facts.standing.length, facts.closing?.decision.outcome, facts.onHold]).toEqual([1, 'rejected', false]);
  });

  it('ignores a decision that cannot follow the standing one, and keeps the hold open', () => {
    const facts = requestDecisions([decision(8, 'on_hold', '2025-06-10T08:00:00-03:00'), decision(8, 'validated', '2025-06-10T09:00:00-03:00', 'joao.souza', 2)]);
    expect([facts.standing.length, facts.closing, facts.onHold, facts.holds]).toEqual([1, undefined, true, [{ from: '2025-06-10T08:00:00-03:00' }]]);
  });
});
