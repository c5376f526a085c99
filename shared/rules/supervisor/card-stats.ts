import type { CardProcess, CardStage, CardStageEvent, Post } from '../../schemas';
import type { DerivedCardStage } from '../card-stage-fold';
import { stageAging, type AgingLevel, type StageAging } from '../cards/aging';
import { localDateOf, type Instant } from '../time';

export type PostRules = Pick<Post, 'postId' | 'stageTargetDays' | 'defaultStageTargetDays'>;

/** Used for a post whose reference document has not synced (same default as the card board). */
const FALLBACK_RULES = { stageTargetDays: {}, defaultStageTargetDays: 7 } as const;

export interface DerivedCard {
  card: CardProcess;
  derived: DerivedCardStage;
  events: CardStageEvent[];
}

/** A card as the card board holds it: its folded stage and the local day it entered that stage. */
export interface AgedCard {
  card: CardProcess;
  derived: DerivedCardStage;
  sinceDate: string;
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

/** The cards of one post and stage: their row, and the aging of each day a card entered the stage. */
interface StageGroup {
  row: CardStageRow;
  agingSince: Map<string, StageAging>;
}

/** The card statistics at `now`, in one pass over the derived cards (the card board's folded stages). */
export function cardDashboards(cards: Iterable<AgedCard>, posts: readonly PostRules[], now: Instant): CardDashboards {
  // Aging is day arithmetic on local days: the same for every card of a post and stage that entered it on one day.
  const today = localDateOf(now);
  const rulesOf = new Map(posts.map((post) => [post.postId, post]));
  const groups = new Map<string, Map<CardStage, StageGroup>>();
  const stuck: StuckCard[] = [];
  for (const { card, derived, sinceDate } of cards) {
    let ofPost = groups.get(card.postId);
    if (!ofPost) groups.set(card.postId, (ofPost = new Map()));
    let group = ofPost.get(derived.stage);
    if (!group) {
      group = { row: { postId: card.postId, stage: derived.stage, total: 0, byAging: { ok: 0, near: 0, late: 0, closed: 0 }, oldestDays: 0 }, agingSince: new Map() };
      ofPost.set(derived.stage, group);
    }
    let aging = group.agingSince.get(sinceDate);
    if (!aging) group.agingSince.set(sinceDate, (aging = stageAging(derived.stage, sinceDate, today, rulesOf.get(card.postId) ?? FALLBACK_RULES)));
    const { row } = group;
    row.total += 1;
    row.byAging[aging.level] += 1;
    row.oldestDays = Math.max(row.oldestDays, aging.days);
    if (aging.level === 'late') stuck.push({ protocol: card.protocol, postId: card.postId, stage: derived.stage, days: aging.days, targetDays: aging.targetDays });
  }
  const rows = [...groups.values()].flatMap((ofPost) => [...ofPost.values()].map((group) => group.row));
  return {
    byStage: rows.sort((a, b) => a.postId.localeCompare(b.postId) || a.stage.localeCompare(b.stage)),
    stuck: stuck.sort((a, b) => b.days - b.targetDays - (a.days - a.targetDays) || a.protocol.localeCompare(b.protocol)),
  };
}
