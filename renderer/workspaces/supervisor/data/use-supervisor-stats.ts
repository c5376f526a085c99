import { useMemo } from 'react';
import {
  backlogByNatureAndAge,
  breachesByDayAndShift,
  cardsByStageAndPost,
  conflictsOf,
  decisionsByOfficerAndShift,
  deriveCards,
  outcomesByNature,
  redsLedgerSummary,
  resolutionsOf,
  stuckCards,
  stuckRequests,
  type Period,
  type TriageSnapshot,
} from '../../../../shared/rules/supervisor';
import type { SupervisorData } from './use-supervisor-data';

/** Every figure of the workspace for one period, computed once per data or period change. */
export function useSupervisorStats(data: SupervisorData, period: Period, now: Date) {
  const derivedCards = useMemo(() => deriveCards(data.cards, data.events), [data.cards, data.events]);
  const snapshot = useMemo<TriageSnapshot | null>(
    () => (data.unit ? { unit: data.unit, requests: data.requests, decisions: data.decisions, claims: data.claims, natures: data.natures } : null),
    [data],
  );
  return useMemo(
    () => ({
      backlog: snapshot ? backlogByNatureAndAge(snapshot, now) : [],
      breaches: snapshot ? breachesByDayAndShift(snapshot, period, now) : [],
      officers: decisionsByOfficerAndShift(data, period),
      outcomes: snapshot ? outcomesByNature(snapshot, period) : [],
      cards: cardsByStageAndPost(derivedCards, data.posts, now),
      stuckRequests: snapshot ? stuckRequests(snapshot, now) : [],
      stuckCards: stuckCards(derivedCards, data.posts, now),
      reds: redsLedgerSummary({ leases: data.leases, entries: data.entries, period }),
      conflicts: conflictsOf({ entries: data.entries, decisions: data.decisions, cards: derivedCards }),
      resolutions: resolutionsOf(data.notes),
    }),
    [snapshot, data, derivedCards, period, now],
  );
}
export type SupervisorStats = ReturnType<typeof useSupervisorStats>;
