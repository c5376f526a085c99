import type { CardProcess, CardStage, CardStageEvent, Post } from '../../schemas';
import { deriveCardStage, type DerivedCardStage } from '../card-stage-fold';
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

/** Every card's stage folded from its events (one pass to group the events). */
export function deriveCards(cards: readonly CardProcess[], events: readonly CardStageEvent[]): DerivedCard[] {
  const byProtocol = new Map<string, CardStageEvent[]>();
  for (const event of events) {
    const list = byProtocol.get(event.protocol);
    if (list) list.push(event);
    else byProtocol.set(event.protocol, [event]);
  }
  return cards.map((card) => {
    const own = byProtocol.get(card.protocol) ?? [];
    return { card, derived: deriveCardStage(card, own), events: own };
  });
}

export interface CardStageRow {
  postId: string;
  stage: CardStage;
  total: number;
  byAging: Record<AgingLevel, number>;
  /** Days in stage of the longest-waiting card. */
  oldestDays: number;
}

/** Cards per post and stage, with their aging against the post's targets. */
export function cardsByStageAndPost(cards: readonly DerivedCard[], posts: readonly PostRules[], now: Instant): CardStageRow[] {
  const rulesOf = new Map(posts.map((post) => [post.postId, post]));
  const rows = new Map<string, CardStageRow>();
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
  }
  return [...rows.values()].sort((a, b) => a.postId.localeCompare(b.postId) || a.stage.localeCompare(b.stage));
}

export interface StuckCard {
  protocol: string;
  postId: string;
  stage: CardStage;
  days: number;
  targetDays: number;
}

/** Cards past their post's target for the stage they wait in, the longest first. */
export function stuckCards(cards: readonly DerivedCard[], posts: readonly PostRules[], now: Instant): StuckCard[] {
  const rulesOf = new Map(posts.map((post) => [post.postId, post]));
  const stuck: StuckCard[] = [];
  for (const { card, derived } of cards) {
    const aging = stageAging(derived.stage, derived.since, now, rulesOf.get(card.postId) ?? FALLBACK_RULES);
    if (aging.level === 'late') stuck.push({ protocol: card.protocol, postId: card.postId, stage: derived.stage, days: aging.days, targetDays: aging.targetDays });
  }
  return stuck.sort((a, b) => b.days - b.targetDays - (a.days - a.targetDays) || a.protocol.localeCompare(b.protocol));
}
