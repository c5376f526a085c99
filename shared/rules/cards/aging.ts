import type { CardStage, Post } from '../../schemas';
import { daysBetween, localDateOf, type Instant } from '../time';
import { CLOSED_CARD_STAGES } from './moves';

export type AgingLevel = 'ok' | 'near' | 'late' | 'closed';

export interface StageAging {
  /** Whole local days since the card entered its stage. */
  days: number;
  targetDays: number;
  level: AgingLevel;
}

/** Share of the target after which a card is shown as near its limit. */
const NEAR_SHARE = 0.75;

/** Days in the stage against the post's target for it (or the post's default). */
export function stageAging(stage: CardStage, since: Instant, now: Instant, post: Pick<Post, 'stageTargetDays' | 'defaultStageTargetDays'>): StageAging {
  const days = Math.max(0, daysBetween(localDateOf(since), localDateOf(now)));
  const targetDays = post.stageTargetDays[stage] ?? post.defaultStageTargetDays;
  if (CLOSED_CARD_STAGES.includes(stage)) return { days, targetDays, level: 'closed' };
  const level: AgingLevel = days > targetDays ? 'late' : days >= targetDays * NEAR_SHARE ? 'near' : 'ok';
  return { days, targetDays, level };
}

/** A card waiting at the counter longer than the post's pickup deadline is due for return. */
export function isPickupOverdue(stage: CardStage, since: Instant, now: Instant, post: Pick<Post, 'pickupDeadlineDays'>): boolean {
  return stage === 'available_for_pickup' && daysBetween(localDateOf(since), localDateOf(now)) > post.pickupDeadlineDays;
}
