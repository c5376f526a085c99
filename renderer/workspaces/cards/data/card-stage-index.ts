import { deriveCardStage, localDateOf, type DerivedCardStage } from '../../../../shared/rules';
import { cardSearchKey } from '../../../../shared/rules/cards';
import type { CardProcess, CardStageEvent } from '../../../../shared/schemas';

export interface BoardCard {
  card: CardProcess;
  derived: DerivedCardStage;
  /** The local day the card entered its stage: aging is then plain day arithmetic. */
  sinceDate: string;
  searchKey: string;
}

/**
 * protocol → derived stage, kept up to date one protocol at a time: a new event re-folds only its own card's
 * events. The fold is order-independent, so events may arrive before their card or twice (load + change).
 */
export class CardStageIndex {
  private readonly cards = new Map<string, CardProcess>();
  private readonly events = new Map<string, Map<string, CardStageEvent>>();
  private readonly rows = new Map<string, BoardCard>();
  private listeners = new Set<() => void>();
  /** Bumped on every change: React re-reads the rows through it. */
  version = 0;
  /** Whether the first load of the post's cards and events is in. */
  loaded = false;

  get(protocol: string): BoardCard | undefined {
    return this.rows.get(protocol);
  }

  all(): IterableIterator<BoardCard> {
    return this.rows.values();
  }

  eventsOf(protocol: string): CardStageEvent[] {
    return [...(this.events.get(protocol)?.values() ?? [])];
  }

  /**
   * Adds cards and events; returns whether anything changed. `load` marks the first full read: its cards
   * never replace a version a live change already brought while the read ran.
   */
  apply(cards: readonly CardProcess[], events: readonly CardStageEvent[], load = false): boolean {
    const touched = new Set<string>();
    for (const card of cards) {
      if (load && this.cards.has(card.protocol)) continue;
      this.cards.set(card.protocol, card);
      touched.add(card.protocol);
    }
    for (const event of events) {
      let byId = this.events.get(event.protocol);
      if (!byId) this.events.set(event.protocol, (byId = new Map()));
      if (byId.has(event.eventId)) continue;
      byId.set(event.eventId, event);
      touched.add(event.protocol);
    }
    for (const protocol of touched) {
      const card = this.cards.get(protocol);
      if (!card) continue;
      const derived = deriveCardStage(card, this.eventsOf(protocol));
      this.rows.set(protocol, { card, derived, sinceDate: localDateOf(derived.since), searchKey: cardSearchKey(card) });
    }
    if (load) this.loaded = true;
    if (touched.size === 0 && !load) return false;
    this.version += 1;
    for (const listener of this.listeners) listener();
    return true;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
