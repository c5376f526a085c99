import type { DecisionOutcome } from '../../shared/schemas';

/**
 * Which outcome may follow which: a request is decided (validated/rejected) once and for all; on hold
 * (sobrestada) it waits for the citizen, then resumes (same table as shared/rules/triage.ts).
 */
const NEXT: Record<DecisionOutcome | 'first', readonly DecisionOutcome[]> = {
  first: ['validated', 'rejected', 'on_hold'],
  resumed: ['validated', 'rejected', 'on_hold'],
  on_hold: ['resumed'],
  validated: [],
  rejected: [],
};

export const isFinalOutcome = (outcome: DecisionOutcome): boolean => NEXT[outcome].length === 0;

export const mayFollow = (previous: DecisionOutcome | null, next: DecisionOutcome): boolean =>
  NEXT[previous ?? 'first'].includes(next);
