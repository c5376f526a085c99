import type { CardProcess, CardStage, CardStageEvent } from '../schemas';
import { CARD_STAGE_LABELS, checkCardTransition } from './card-stages';
import { toMillis } from './time';

export interface CardAnomaly {
  eventId: string;
  at: string;
  /** stale: its `from` was no longer the stage (a concurrent move won); illegal: the rules forbid it. */
  kind: 'stale' | 'illegal' | 'other_process';
  /** pt-BR, for the supervisor's review. */
  reason: string;
}

export interface DerivedCardStage {
  stage: CardStage;
  /** When the card entered the stage: the applied event's `at`, or the process's creation. */
  since: string;
  /** Set while in pending_issue: the stage the pendência interrupted. */
  pendingFrom?: CardStage;
  anomalies: CardAnomaly[];
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Event order: `at` as an instant, then eventId; from/to only separate copies that share an id. */
export function compareCardEvents(a: CardStageEvent, b: CardStageEvent): number {
  return toMillis(a.at) - toMillis(b.at) || compareStrings(a.eventId, b.eventId) || compareStrings(a.from, b.from) || compareStrings(a.to, b.to);
}

/**
 * The card's stage as a pure fold of its append-only events: sorted, each applied when its `from` is the
 * current stage and the move is legal; the rest are anomalies for the supervisor. The same events in any
 * order give the same result. Role and production gate are not re-judged here: they held (or not) when
 * the clerk moved the card, and the CPF situation then is not on record.
 */
export function deriveCardStage(card: Pick<CardProcess, 'protocol' | 'createdAt'>, events: readonly CardStageEvent[]): DerivedCardStage {
  let stage: CardStage = 'pre_requested';
  let since = card.createdAt;
  let pendingFrom: CardStage | undefined;
  const anomalies: CardAnomaly[] = [];
  for (const event of [...events].sort(compareCardEvents)) {
    const anomaly = (kind: CardAnomaly['kind'], reason: string) => anomalies.push({ eventId: event.eventId, at: event.at, kind, reason });
    if (event.protocol !== card.protocol) {
      anomaly('other_process', `Evento do processo ${event.protocol}, não deste.`);
      continue;
    }
    if (event.from !== stage) {
      anomaly('stale', `Movimentação a partir de "${CARD_STAGE_LABELS[event.from]}", mas a carteira já estava em "${CARD_STAGE_LABELS[stage]}".`);
      continue;
    }
    const check = checkCardTransition({ from: event.from, to: event.to, reasonCode: event.reasonCode, pendingFrom });
    if (!check.ok) {
      anomaly('illegal', check.error);
      continue;
    }
    pendingFrom = event.to === 'pending_issue' ? event.from : undefined;
    stage = event.to;
    since = event.at;
  }
  return pendingFrom === undefined ? { stage, since, anomalies } : { stage, since, pendingFrom, anomalies };
}
