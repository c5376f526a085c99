import type { CardProcess, CardStage, CardStageEvent, Post } from '../../schemas';
import type { DerivedCardStage } from '../card-stage-fold';
import { stageAging, type AgingLevel } from '../cards/aging';
import type { Instant } from '../time';

export type PostRules = Pick<Post, 'postId' | 'stageTargetDays' | 'defaultStageTargetDays'>;

/** Used for a post whose reference document has not synced (same default as the card board). */
const FALLBACK_RULES = { stageTargetDays: {}, defaultStageTargetDays: 7 } as const;

export interface DerivedCard {
  card: CardProcess;
  derived: DerivedCardStage;
  events: CardStageEvent[];
}

export interface CardStageRow {
  postId: string;
  stage: CardStage;
  total: number;
  byAging: Record<AgingLevel, number>;
  /** Days in stage of the longest-waiting card. */
  oldestDays: number;
}

export interface StuckCard {
  protocol: string;
  postId: string;
  stage: CardStage;
  days: number;
  targetDays: number;
}

export interface CardDashboards {
  /** Cards per post and stage, with their aging against the post's targets. */
  byStage: CardStageRow[];
  /** Cards past their post's target for the stage they wait in, the longest first. */
  stuck: StuckCard[];
}

/** The card statistics at `now`, in one pass over the derived cards (the card board's folded stages). */
export function cardDashboards(cards: Iterable<Pick<DerivedCard, 'card' | 'derived'>>, posts: readonly PostRules[], now: Instant): CardDashboards {
  const rulesOf = new Map(posts.map((post) => [post.postId, post]));
  const rows = new Map<string, CardStageRow>();
  const stuck: StuckCard[] = [];
  for (const { card, derived } of cards) {
    const key = `${card.postId}|${derived.stage}`;
    let row = rows.get(key);
    if (!row) {
      row = { postId: card.postId, stage: derived.stage, total: 0, byAging: { ok: 0, near: 0, late: 0, closed: 0 }, oldestDays: 0 };
      rows.set(key, row);
    }
    const aging = stageAging(derived.stage, derived.since, now, rulesOf.get(card.postId) ?? FALLBACK_RULES);
    row.total += 1;
    row.byAging[aging.level] += 1;
    row.oldestDays = Math.max(row.oldestDays, aging.days);
    if (aging.level === 'late') stuck.push({ protocol: card.protocol, postId: card.postId, stage: derived.stage, days: aging.days, targetDays: aging.targetDays });
  }
  return {
    byStage: [...rows.values()].sort((a, b) => a.postId.localeCompare(b.postId) || a.stage.localeCompare(b.stage)),
    stuck: stuck.sort((a, b) => b.days - b.targetDays - (a.days - a.targetDays) || a.protocol.localeCompare(b.protocol)),
  };
}
