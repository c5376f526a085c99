import type { CardStageEvent, Decision, Note, RedsLedgerEntry } from '../../schemas';
import type { CardAnomaly } from '../card-stage-fold';
import type { DerivedCard } from './card-stats';

/** A validation that lost its race: its REDS number was voided automatically; the standing decision won. */
export interface LostDecisionConflict {
  kind: 'decision';
  key: string;
  requestId: string;
  at: string;
  lost: { userId: string; workstationId: string; issuedAt: string; redsNumber: string; voidReason: string };
  standing: Decision | null;
}

/** A stage move that did not apply: stale (a concurrent move won) or illegal under the card rules. */
export interface CardMoveConflict {
  kind: 'card';
  key: string;
  protocol: string;
  postId: string;
  at: string;
  anomaly: CardAnomaly;
  lost: CardStageEvent | null;
  /** For a stale move: the applied move out of the same stage. */
  winner: CardStageEvent | null;
}

export type Conflict = LostDecisionConflict | CardMoveConflict;

export interface ConflictResolution {
  authorName: string;
  createdAt: string;
  text: string;
}

/** Resolutions are notes on the request or card whose text starts with this marker and the conflict's key. */
export const resolutionNoteText = (key: string, text: string): string => `[conflito ${key}] ${text.trim()}`;
const RESOLUTION_PATTERN = /^\[conflito ([^\]]+)\] ([\s\S]*)$/;

/** The latest resolution note of each conflict key. */
export function resolutionsOf(notes: readonly Note[]): Map<string, ConflictResolution> {
  const resolutions = new Map<string, ConflictResolution>();
  for (const note of [...notes].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const match = RESOLUTION_PATTERN.exec(note.text);
    if (match) resolutions.set(match[1] as string, { authorName: note.authorName, createdAt: note.createdAt, text: match[2] as string });
  }
  return resolutions;
}

/**
 * Every conflict the replicated store shows: validations whose number the console voided because another
 * decision stood at the same id, and every card event the stage fold did not apply. Newest first.
 */
export function conflictsOf(input: {
  entries: Iterable<RedsLedgerEntry>;
  /** The decision stored under a document id (`decisionDocId`). */
  decisionOf: (decisionId: string) => Decision | undefined;
  /** Cards whose fold found anomalies, with their events (others add nothing). */
  cards: readonly DerivedCard[];
}): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const entry of input.entries) {
    if (entry.status !== 'void' || !entry.void?.automatic) continue;
    conflicts.push({
      kind: 'decision',
      key: `decisao:${entry.number}`,
      requestId: entry.requestId,
      at: entry.void.voidedAt,
      lost: { userId: entry.userId, workstationId: entry.workstationId, issuedAt: entry.issuedAt, redsNumber: entry.number, voidReason: entry.void.reason },
      standing: input.decisionOf(entry.decisionId) ?? null,
    });
  }
  for (const { card, derived, events } of input.cards) {
    const anomalous = new Set(derived.anomalies.map((anomaly) => anomaly.eventId));
    for (const anomaly of derived.anomalies) {
      const lost = events.find((event) => event.eventId === anomaly.eventId) ?? null;
      const winner = anomaly.kind === 'stale' && lost ? (events.find((event) => event.from === lost.from && !anomalous.has(event.eventId)) ?? null) : null;
      conflicts.push({ kind: 'card', key: `carteira:${card.protocol}:${anomaly.eventId}`, protocol: card.protocol, postId: card.postId, at: anomaly.at, anomaly, lost, winner });
    }
  }
  return conflicts.sort((a, b) => b.at.localeCompare(a.at) || a.key.localeCompare(b.key));
}
