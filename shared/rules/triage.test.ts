import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECISION_OUTCOMES, ROLES, TRIAGE_STATES, type Claim, type Decision, type TriageState } from '../schemas';
import { FIXTURE_NOW, makeClaim, makeDecision } from './test-fixtures';
import {
  TRIAGE_ROLES,
  TRIAGE_TRANSITIONS,
  canDecide,
  canTransition,
  claimRaceWinner,
  compareClaims,
  compareDecisions,
  decisionRaceWinner,
  deriveTriageState,
  isClaimActive,
  stateAfterDecision,
  standingDecisions,
} from './triage';

const arbDecision = fc
  .record({
    minute: fc.integer({ min: 0, max: 3 }),
    officerId: fc.constantFrom('ana', 'bruno'),
    workstationId: fc.constantFrom('ws-a01', 'ws-b01'),
    outcome: fc.constantFrom('validated', 'rejected', 'on_hold', 'resumed'),
    sequence: fc.integer({ min: 1, max: 4 }),
    offset: fc.constantFrom('-03:00', 'Z'),
  })
  .map(({ minute, officerId, workstationId, outcome, sequence, offset }): Decision => {
    const decidedAt = offset === 'Z' ? `2025-06-10T15:0${minute}:00Z` : `2025-06-10T12:0${minute}:00-03:00`;
    return outcome === 'validated'
      ? makeDecision({ officerId, workstationId, sequence, decidedAt, outcome, redsNumber: `2025-00000010${minute}-001` })
      : makeDecision({ officerId, workstationId, sequence, decidedAt, outcome, redsNumber: undefined, reasonCode: 'missing_information', orientationText: 'Envie o boletim.' });
  });

const arbClaim = fc
  .record({ minute: fc.integer({ min: 0, max: 3 }), officerId: fc.constantFrom('ana', 'bruno'), workstationId: fc.constantFrom('ws-a01', 'ws-b01'), provisional: fc.boolean() })
  .map(({ minute, ...rest }): Claim => makeClaim({ ...rest, claimedAt: `2025-06-10T11:5${minute}:00-03:00` }));

describe('triage transitions', () => {
  it('allows exactly the table rows, to triage officers and supervisors only', () => {
    for (const from of TRIAGE_STATES) {
      for (const to of TRIAGE_STATES) {
        for (const role of ROLES) {
          const inTable = TRIAGE_TRANSITIONS.some((row) => row.from === from && row.to === to);
          expect(canTransition(from, to, role).ok).toBe(inTable && TRIAGE_ROLES.includes(role));
        }
      }
    }
  });

  it('explains refusals in Portuguese', () => {
    expect(canTransition('in_triage', 'validated', 'service_desk')).toEqual({ ok: false, error: 'O perfil Atendimento não pode alterar a triagem de solicitações.' });
    expect(canTransition('validated', 'in_triage', 'supervisor')).toEqual({ ok: false, error: 'A solicitação já está validada: a decisão é definitiva.' });
    expect(canTransition('received', 'validated', 'triage_officer')).toEqual({ ok: false, error: 'Não é possível passar de "Recebida" para "Validada".' });
  });

  it('never leaves a terminal state on any walk of allowed moves', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ to: fc.constantFrom(...TRIAGE_STATES), role: fc.constantFrom(...ROLES) }), { maxLength: 40 }), (steps) => {
        let state: TriageState = 'received';
        for (const { to, role } of steps) {
          const result = canTransition(state, to, role);
          if (!result.ok) continue;
          expect(state === 'validated' || state === 'rejected').toBe(false);
          expect(TRIAGE_TRANSITIONS).toContainEqual(result.value);
          state = to;
        }
      }),
    );
  });
});

describe('decisions in sequence', () => {
  it('decides from the queue or triage, resumes only from on hold, and nothing after a final decision', () => {
    const allowed: Record<TriageState, readonly Decision['outcome'][]> = {
      received: ['validated', 'rejected', 'on_hold'],
      in_triage: ['validated', 'rejected', 'on_hold'],
      on_hold: ['resumed'],
      validated: [],
      rejected: [],
    };
    for (const state of TRIAGE_STATES) {
      for (const outcome of DECISION_OUTCOMES) expect(canDecide(state, outcome).ok, `${state} → ${outcome}`).toBe(allowed[state].includes(outcome));
    }
    expect(canDecide('on_hold', 'resumed')).toEqual({ ok: true, value: 'in_triage' });
    expect(canDecide('rejected', 'resumed')).toEqual({ ok: false, error: 'A solicitação já está rejeitada: a decisão é definitiva.' });
    expect(canDecide('on_hold', 'validated')).toEqual({ ok: false, error: 'Não é possível registrar esta decisão com a solicitação sobrestada.' });
  });

  it('agrees with the state the stored decisions derive', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DECISION_OUTCOMES), { maxLength: 6 }), (outcomes) => {
        // The officer holds an active claim throughout, so the request starts in triage.
        let state: TriageState = 'in_triage';
        const recorded: Decision[] = [];
        for (const outcome of outcomes) {
          if (!canDecide(state, outcome).ok) continue;
          recorded.push(decisionOf(recorded.length + 1, outcome));
          state = stateAfterDecision(outcome);
        }
        const derived = deriveTriageState({ decisions: recorded, claim: makeClaim({ expiresAt: '2099-01-01T00:00:00-03:00' }), now: FIXTURE_NOW });
        expect(derived).toBe(state);
        expect(standingDecisions(recorded)).toHaveLength(recorded.length);
      }),
    );
  });
});

describe('race winners', () => {
  it('lets the earlier decision win, by instant not by string', () => {
    const early = makeDecision({ decidedAt: '2025-06-10T12:05:00-03:00', officerId: 'zelia' });
    const late = makeDecision({ decidedAt: '2025-06-10T15:04:00Z', officerId: 'ana' });
    expect(decisionRaceWinner(early, late)).toBe(late);
    expect(decisionRaceWinner(late, early)).toBe(late);
  });

  it('breaks decision ties by officerId, then workstationId', () => {
    const ana = makeDecision({ officerId: 'ana', workstationId: 'ws-z01' });
    const bruno = makeDecision({ officerId: 'bruno', workstationId: 'ws-a01' });
    expect(decisionRaceWinner(bruno, ana)).toBe(ana);
    const wsA = makeDecision({ workstationId: 'ws-a01' });
    const wsB = makeDecision({ workstationId: 'ws-b01' });
    expect(decisionRaceWinner(wsB, wsA)).toBe(wsA);
  });

  it('orders decisions totally: antisymmetric, transitive, winner independent of argument order', () => {
    fc.assert(
      fc.property(arbDecision, arbDecision, arbDecision, (a, b, c) => {
        expect(Math.sign(compareDecisions(a, b))).toBe(-Math.sign(compareDecisions(b, a)) || 0);
        if (compareDecisions(a, b) <= 0 && compareDecisions(b, c) <= 0) expect(compareDecisions(a, c)).toBeLessThanOrEqual(0);
        expect(compareDecisions(decisionRaceWinner(a, b), decisionRaceWinner(b, a))).toBe(0);
      }),
    );
  });

  it('lets a confirmed claim beat an earlier provisional one, then the earlier claim win', () => {
    const provisional = makeClaim({ provisional: true, claimedAt: '2025-06-10T11:50:00-03:00' });
    const confirmed = makeClaim({ provisional: false, claimedAt: '2025-06-10T11:58:00-03:00', officerId: 'zelia' });
    expect(claimRaceWinner(provisional, confirmed)).toBe(confirmed);
    const earlier = makeClaim({ claimedAt: '2025-06-10T11:51:00-03:00', officerId: 'zelia' });
    expect(claimRaceWinner(confirmed, earlier)).toBe(earlier);
  });

  it('orders claims totally and picks the same winner in either order', () => {
    fc.assert(
      fc.property(arbClaim, arbClaim, arbClaim, (a, b, c) => {
        expect(Math.sign(compareClaims(a, b))).toBe(-Math.sign(compareClaims(b, a)) || 0);
        if (compareClaims(a, b) <= 0 && compareClaims(b, c) <= 0) expect(compareClaims(a, c)).toBeLessThanOrEqual(0);
        expect(claimRaceWinner(a, b)).toEqual(claimRaceWinner(b, a));
      }),
    );
  });
});

describe('deriveTriageState', () => {
  const hold = (sequence: number) => makeDecision({ sequence, outcome: 'on_hold', redsNumber: undefined, reasonCode: 'missing_information', orientationText: 'Envie o boletim.' });
  const resume = (sequence: number) => makeDecision({ sequence, outcome: 'resumed', redsNumber: undefined });

  it('is received without decisions or claim, in triage with an active claim', () => {
    expect(deriveTriageState({ decisions: [], claim: null, now: FIXTURE_NOW })).toBe('received');
    expect(deriveTriageState({ decisions: [], claim: makeClaim(), now: FIXTURE_NOW })).toBe('in_triage');
  });

  it('drops back to received when the claim expires or is released', () => {
    expect(deriveTriageState({ decisions: [], claim: makeClaim(), now: '2025-06-10T12:10:00-03:00' })).toBe('received');
    expect(deriveTriageState({ decisions: [], claim: makeClaim({ releasedAt: '2025-06-10T11:58:00-03:00' }), now: FIXTURE_NOW })).toBe('received');
    expect(isClaimActive(makeClaim(), new Date('2025-06-10T15:09:59Z'))).toBe(true);
  });

  it('follows the decisions: validated, on hold, resumed with and without a claim', () => {
    expect(deriveTriageState({ decisions: [makeDecision()], claim: makeClaim(), now: FIXTURE_NOW })).toBe('validated');
    expect(deriveTriageState({ decisions: [hold(1)], claim: makeClaim(), now: FIXTURE_NOW })).toBe('on_hold');
    expect(deriveTriageState({ decisions: [hold(1), resume(2)], claim: makeClaim(), now: FIXTURE_NOW })).toBe('in_triage');
    expect(deriveTriageState({ decisions: [hold(1), resume(2)], claim: null, now: FIXTURE_NOW })).toBe('received');
    expect(deriveTriageState({ decisions: [hold(1), resume(2), makeDecision({ sequence: 3, outcome: 'rejected', redsNumber: undefined, reasonCode: 'fact_outside_state', orientationText: 'Procure a polícia de SP.' })], claim: null, now: FIXTURE_NOW })).toBe('rejected');
  });

  it('keeps a terminal decision terminal, ignoring later ones', () => {
    const decisions = [makeDecision({ sequence: 1 }), hold(2), resume(3)];
    expect(deriveTriageState({ decisions, claim: makeClaim(), now: FIXTURE_NOW })).toBe('validated');
    expect(standingDecisions(decisions)).toEqual([decisions[0]]);
  });

  it('lets the race winner stand when two decisions share a sequence', () => {
    const validation = makeDecision({ decidedAt: '2025-06-10T12:06:00-03:00' });
    const earlierHold = { ...hold(1), decidedAt: '2025-06-10T12:05:00-03:00' };
    expect(deriveTriageState({ decisions: [validation, earlierHold], claim: null, now: FIXTURE_NOW })).toBe('on_hold');
  });

  it('gives the same state for the same documents in any order', () => {
    const decisionsAndPermutation = fc
      .array(arbDecision, { maxLength: 8 })
      .chain((decisions) => fc.tuple(fc.constant(decisions), fc.shuffledSubarray(decisions, { minLength: decisions.length, maxLength: decisions.length })));
    fc.assert(
      fc.property(decisionsAndPermutation, fc.option(arbClaim, { nil: null }), fc.integer({ min: 0, max: 30 }), ([decisions, permuted], claim, minutes) => {
        const now = new Date(Date.parse(FIXTURE_NOW) + minutes * 60_000);
        expect(deriveTriageState({ decisions: permuted, claim, now })).toBe(deriveTriageState({ decisions, claim, now }));
      }),
    );
  });
});

function decisionOf(sequence: number, outcome: Decision['outcome']): Decision {
  return outcome === 'validated'
    ? makeDecision({ sequence, outcome, redsNumber: `2025-00000010${sequence}-001` })
    : makeDecision({ sequence, outcome, redsNumber: undefined, reasonCode: 'missing_information', orientationText: 'Envie o boletim.' });
}
