import { describe, expect, it } from 'vitest';
import type { CardStage } from '../../schemas';
import { planBatchReceive, splitProtocols, type BatchCardState } from './batch-receive';

const state = (stage: CardStage, postId = 'posto-1'): BatchCardState => ({ card: { postId }, derived: { stage } });

describe('planBatchReceive', () => {
  const cards: Record<string, BatchCardState> = {
    'CI-2026-00000001': state('shipped'),
    'CI-2026-00000002': state('available_for_pickup'),
    'CI-2026-00000003': state('shipped', 'posto-2'),
    'CI-2026-00000004': state('in_production'),
    'CI-2026-00000005': state('shipped'),
  };
  const plan = planBatchReceive(
    splitProtocols('ci-2026-00000001\nCI-2026-00000002, CI-2026-00000003 CI-2026-00000004\nCI-2026-00000009\nxyz\nCI-2026-00000001\nCI-2026-00000005'),
    'posto-1',
    (protocol) => cards[protocol],
  );

  it('gives each line its own outcome and one summary', () => {
    expect(plan.items.map((item) => item.outcome)).toEqual(['moved', 'already_there', 'wrong_post', 'not_movable', 'not_found', 'not_found', 'repeated', 'moved']);
    expect(plan.summary).toEqual({ moved: 2, already_there: 1, not_found: 2, wrong_post: 1, not_movable: 1, repeated: 1 });
  });

  it('moves only shipped cards of the post, from the stage they are in', () => {
    expect(plan.moves).toEqual([
      { protocol: 'CI-2026-00000001', from: 'shipped' },
      { protocol: 'CI-2026-00000005', from: 'shipped' },
    ]);
    expect(plan.items[3]?.detail).toContain('Em produção');
  });
});
