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
  /** Protocols whose every stored event is in `events`; only a board restored from a snapshot lacks some. */
  private readonly complete = new Set<string>();
  private restored = false;
  private listeners = new Set<() => void>();
  /** Reads a card's stored events when the board came from a snapshot (set by the board source). */
  loadEvents: (protocols: readonly string[]) => void = () => undefined;
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

  /** Whether the card's stored events are not all here yet (board restored from a snapshot). */
  needsEvents(protocol: string): boolean {
    return this.restored && !this.complete.has(protocol);
  }

  /** Asks for the card's stored events (its detail shows them) when they are not here. */
  ensureEvents(protocol: string): void {
    if (this.needsEvents(protocol)) this.loadEvents([protocol]);
  }

  /** The rows as they are, for a snapshot. */
  rowList(): BoardCard[] {
    return [...this.rows.values()];
  }

  /**
   * Shows a saved board at once. A row already here (a live change came first) is newer and stays; the
   * restored cards' events are read later, only when one of them changes or its detail opens.
   */
  restore(rows: readonly BoardCard[]): void {
    for (const row of rows) {
      if (this.rows.has(row.card.protocol)) continue;
      this.rows.set(row.card.protocol, row);
      this.cards.set(row.card.protocol, row.card);
    }
    this.loaded = this.restored = true;
    this.changed();
  }

  eventsOf(protocol: string): CardStageEvent[] {
    return [...(this.events.get(protocol)?.values() ?? [])];
  }

  /**
   * Adds cards and events; returns whether anything changed. `load` marks the first full read: its cards
   * never replace a version a live change already brought while the read ran. `complete` lists protocols
   * whose every stored event is among `events` (or already here). A card whose events are not all here
   * keeps its restored stage: only a complete set of events is folded.
   */
  apply(cards: readonly CardProcess[], events: readonly CardStageEvent[], load = false, complete: readonly string[] = []): boolean {
    for (const protocol of complete) this.complete.add(protocol);
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
      const restored = this.needsEvents(protocol) ? this.rows.get(protocol)?.derived : undefined;
      const derived = restored ?? deriveCardStage(card, this.eventsOf(protocol));
      this.rows.set(protocol, { card, derived, sinceDate: localDateOf(derived.since), searchKey: cardSearchKey(card) });
    }
    if (load) this.loaded = true;
    if (touched.size === 0 && !load) return false;
    this.changed();
    return true;
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
