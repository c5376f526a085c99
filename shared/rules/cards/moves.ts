import type { CardStage } from '../../schemas';
import { CARD_TRANSITIONS, checkCardTransition, type CardTransition } from '../card-stages';
import type { DerivedCardStage } from '../card-stage-fold';

/** The moves the stage table offers from a card's derived stage (rows out of a pendência fit its origin). */
export function movesFrom(derived: Pick<DerivedCardStage, 'stage' | 'pendingFrom'>): CardTransition[] {
  return CARD_TRANSITIONS.filter(
    (row) => row.from === derived.stage && checkCardTransition({ from: row.from, to: row.to, reasonCode: row.reasons[0], pendingFrom: derived.pendingFrom }).ok,
  );
}

/** Stages after which nothing more is expected at the counter. */
export const CLOSED_CARD_STAGES: readonly CardStage[] = ['delivered'];
