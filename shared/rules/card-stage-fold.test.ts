import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_STAGES, CardReasonCodeSchema, type CardReasonCode, type CardStage, type CardStageEvent } from '../schemas';
import { deriveCardStage } from './card-stage-fold';
import { checkCardTransition } from './card-stages';
import { makeCardEvent, makeCardProcess } from './test-fixtures';

const card = makeCardProcess();
const REASONS = CardReasonCodeSchema.options;
let counter = 0;
const event = (from: CardStage, to: CardStage, at: string, extra: Partial<CardStageEvent> = {}) =>
  makeCardEvent({ eventId: `evt-${String((counter += 1)).padStart(8, '0')}`, from, to, at, ...extra });

describe('deriveCardStage', () => {
  it('starts at pre_requested since the process was created', () => {
    expect(deriveCardStage(card, [])).toEqual({ stage: 'pre_requested', since: card.createdAt, anomalies: [] });
  });

  it('folds a legal chain, sorted by instant whatever the offsets', () => {
    const events = [
      event('fee_settled', 'scheduled', '2025-06-02T12:00:00Z'),
      event('pre_requested', 'fee_settled', '2025-06-01T09:05:00-03:00'),
      event('scheduled', 'biometrics_collected', '2025-06-05T10:00:00-03:00'),
    ];
    expect(deriveCardStage(card, events)).toEqual({ stage: 'biometrics_collected', since: '2025-06-05T10:00:00-03:00', anomalies: [] });
  });

  it('reports the loser of two offline moves from the same stage as stale', () => {
    const first = event('pre_requested', 'fee_settled', '2025-06-01T09:05:00-03:00', { eventId: 'evt-aaaaaaaa' });
    const second = event('pre_requested', 'fee_settled', '2025-06-01T09:05:00-03:00', { eventId: 'evt-bbbbbbbb', workstationId: 'ws-post-02' });
    const result = deriveCardStage(card, [second, first]);
    expect(result.stage).toBe('fee_settled');
    expect(result.since).toBe(first.at);
    expect(result.anomalies).toEqual([{ eventId: 'evt-bbbbbbbb', at: second.at, kind: 'stale', reason: 'Movimentação a partir de "Pré-atendimento on-line", mas a carteira já estava em "Taxa resolvida".' }]);
  });

  it('reports illegal moves and other processes’ events without applying them', () => {
    const skip = event('pre_requested', 'scheduled', '2025-06-01T09:05:00-03:00');
    const foreign = event('pre_requested', 'fee_settled', '2025-06-01T09:06:00-03:00', { protocol: 'CI-2025-00009999' });
    const result = deriveCardStage(card, [skip, foreign]);
    expect(result.stage).toBe('pre_requested');
    expect(result.anomalies.map((anomaly) => [anomaly.eventId, anomaly.kind])).toEqual([
      [skip.eventId, 'illegal'],
      [foreign.eventId, 'other_process'],
    ]);
  });

  it('remembers where a pendência came from and lets it resolve only there or one step on', () => {
    const base = [
      event('pre_requested', 'fee_settled', '2025-06-01T10:00:00-03:00'),
      event('fee_settled', 'scheduled', '2025-06-01T11:00:00-03:00'),
      event('scheduled', 'biometrics_collected', '2025-06-02T10:00:00-03:00'),
      event('biometrics_collected', 'validated', '2025-06-02T11:00:00-03:00'),
      event('validated', 'pending_issue', '2025-06-02T12:00:00-03:00', { reasonCode: 'cpf_irregular' }),
    ];
    expect(deriveCardStage(card, base)).toMatchObject({ stage: 'pending_issue', pendingFrom: 'validated', anomalies: [] });
    const tooFar = event('pending_issue', 'shipped', '2025-06-03T10:00:00-03:00', { reasonCode: 'issue_resolved' });
    expect(deriveCardStage(card, [...base, tooFar]).anomalies.map((anomaly) => anomaly.kind)).toEqual(['illegal']);
    const resolved = deriveCardStage(card, [...base, event('pending_issue', 'in_production', '2025-06-03T10:00:00-03:00', { reasonCode: 'issue_resolved' })]);
    expect(resolved).toEqual({ stage: 'in_production', since: '2025-06-03T10:00:00-03:00', anomalies: [] });
  });

  it('gives the same result for the same events in any order', () => {
    const arbEvent = fc.record({
      from: fc.constantFrom(...CARD_STAGES),
      to: fc.constantFrom(...CARD_STAGES),
      minute: fc.integer({ min: 0, max: 9 }),
      reasonCode: fc.option(fc.constantFrom(...REASONS), { nil: undefined }),
    });
    const eventsAndPermutation = fc
      .uniqueArray(fc.tuple(fc.stringMatching(/^[a-z0-9]{8}$/), arbEvent), { selector: ([id]) => id, maxLength: 25 })
      .map((rows) => rows.map(([id, row]) => makeCardEvent({ eventId: id, from: row.from, to: row.to, at: `2025-06-01T10:0${row.minute}:00-03:00`, reasonCode: row.reasonCode })))
      .chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length })));
    fc.assert(fc.property(eventsAndPermutation, ([events, permuted]) => {
      expect(deriveCardStage(card, permuted)).toEqual(deriveCardStage(card, events));
    }));
  });

  it('applies a legal walk in full, and accounts for every event as applied or anomaly', () => {
    const steps = fc.array(fc.record({ to: fc.constantFrom(...CARD_STAGES), reasonCode: fc.option(fc.constantFrom(...REASONS), { nil: undefined }), noise: fc.boolean() }), { maxLength: 50 });
    fc.assert(
      fc.property(steps, (walk) => {
        let stage: CardStage = 'pre_requested';
        let pendingFrom: CardStage | undefined;
        const events: CardStageEvent[] = [];
        let legal = 0;
        walk.forEach((step, n) => {
          const at = new Date(Date.parse('2025-06-01T10:00:00-03:00') + n * 60_000).toISOString();
          const eventId = `evt-${String(n).padStart(8, '0')}`;
          const reasonCode: CardReasonCode | undefined = step.reasonCode;
          if (checkCardTransition({ from: stage, to: step.to, reasonCode, pendingFrom }).ok) {
            events.push(makeCardEvent({ eventId, from: stage, to: step.to, at, reasonCode }));
            legal += 1;
            pendingFrom = step.to === 'pending_issue' ? stage : undefined;
            stage = step.to;
          } else if (step.noise) {
            events.push(makeCardEvent({ eventId, from: stage, to: step.to, at, reasonCode }));
          }
        });
        const result = deriveCardStage(card, events);
        expect(result.stage).toBe(stage);
        expect(result.anomalies).toHaveLength(events.length - legal);
      }),
    );
  });
});
