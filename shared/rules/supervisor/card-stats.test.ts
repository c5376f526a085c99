import { describe, expect, it } from 'vitest';
import { makeCardEvent, makeCardProcess } from '../test-fixtures';
import { deriveCardStage } from '../card-stage-fold';
import { localDateOf } from '../time';
import { cardDashboards } from './card-stats';

const NOW = '2025-06-20T12:00:00-03:00';
const POSTS = [{ postId: 'bh-praca-sete', stageTargetDays: { fee_settled: 5 }, defaultStageTargetDays: 7 }];

describe('card statistics', () => {
  const cards = [
    makeCardProcess({ protocol: 'CI-2025-00000001' }),
    makeCardProcess({ protocol: 'CI-2025-00000002', createdAt: '2025-06-18T09:00:00-03:00' }),
    makeCardProcess({ protocol: 'CI-2025-00000003', postId: 'contagem-01', createdAt: '2025-06-19T09:00:00-03:00' }),
  ];
  const events = [
    makeCardEvent({ protocol: 'CI-2025-00000001', eventId: 'evt-00000001', at: '2025-06-01T09:05:00-03:00' }),
    makeCardEvent({ protocol: 'CI-2025-00000002', eventId: 'evt-00000002', at: '2025-06-18T09:05:00-03:00' }),
  ];
  const derived = cards.map((card) => {
    const stage = deriveCardStage(card, events.filter((event) => event.protocol === card.protocol));
    return { card, derived: stage, sinceDate: localDateOf(stage.since) };
  });

  it('counts cards per post and stage with aging against the post targets', () => {
    expect(cardDashboards(derived, POSTS, NOW).byStage).toEqual([
      { postId: 'bh-praca-sete', stage: 'fee_settled', total: 2, byAging: { ok: 1, near: 0, late: 1, closed: 0 }, oldestDays: 19 },
      { postId: 'contagem-01', stage: 'pre_requested', total: 1, byAging: { ok: 1, near: 0, late: 0, closed: 0 }, oldestDays: 1 },
    ]);
  });

  it('lists the cards past their stage target', () => {
    expect(cardDashboards(derived, POSTS, NOW).stuck).toEqual([{ protocol: 'CI-2025-00000001', postId: 'bh-praca-sete', stage: 'fee_settled', days: 19, targetDays: 5 }]);
  });
});
