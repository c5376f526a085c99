import { useMemo } from 'react';
import { cardDashboards, decisionsByOfficerAndShift, triageDashboards, type CardDashboards, type Period, type TriageDashboards } from '../../../../shared/rules/supervisor';
import type { SupervisorData } from './use-supervisor-data';

const NO_TRIAGE: TriageDashboards = { backlog: [], breaches: [], outcomes: [], stuck: [] };
const NO_CARDS: CardDashboards = { byStage: [], stuck: [] };

/**
 * The figures of the dashboards and lists for one period, computed on each open and data change over the
 * rows in memory: one pass over the requests, one over the decisions, one over the cards.
 */
export function useSupervisorStats(data: SupervisorData, period: Period, now: Date) {
  return useMemo(() => {
    const started = performance.now();
    const triage = data.unit ? triageDashboards({ unit: data.unit, rows: data.rows.values(), claims: data.claims, natures: data.natures }, period, now) : NO_TRIAGE;
    const officers = decisionsByOfficerAndShift(data.decisions.values(), period);
    const cards = data.cards ? cardDashboards(data.cards.all(), data.posts, now) : NO_CARDS;
    // User Timing measure: bench:dashboards reports it as the derive phase.
    if (data.loaded) performance.measure('supervisor:derive', { start: started });
    return { ...triage, officers, cards: cards.byStage, stuckCards: cards.stuck };
  }, [data, period, now]);
}
export type SupervisorStats = ReturnType<typeof useSupervisorStats>;
