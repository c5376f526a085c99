import { canDecide, isTerminalTriageState, stateAfterDecision } from '../../shared/rules';
import { type Decision, DecisionSchema, decisionDocId } from '../../shared/schemas';
import type { Principal } from '../auth/principal';
import type { ScopeLookup, WriteCheck } from './access-policy';
import { REASONS } from './reasons';
import { inUnit, requestInScope } from './scope-checks';
import { ALLOWED, firstRefusal, refuse, when, type WriteRule } from './write-context';

/**
 * Decisions are append-only, numbered 1, 2, … per request, written by the deciding officer, and follow
 * the triage state machine. Two officers deciding the same step write the same `_id`: the second finds a
 * current document and is refused.
 */
export const decisionWrite: WriteRule<'decision'> = ({ principal, doc, current, storage }) =>
  firstRefusal(
    () => when(doc.officerId !== principal.name, REASONS.decisionAsOther),
    () => when(!inUnit(principal, doc.unitId), REASONS.otherUnit),
    // Scope before state: someone outside the request learns nothing about its decisions.
    () => requestInScope(principal, doc.requestId, doc.unitId, storage),
    () => (current ? refuse(current.officerId === principal.name ? REASONS.decisionImmutable : REASONS.decisionTaken) : ALLOWED),
    () => followsPrevious(principal, doc, storage),
  );

async function followsPrevious(principal: Principal, doc: Decision, storage: ScopeLookup): Promise<WriteCheck> {
  let previous: Decision | null = null;
  if (doc.sequence > 1) {
    const parsed = DecisionSchema.safeParse(await storage.getBody('decisions', decisionDocId(doc.requestId, doc.sequence - 1)));
    if (!parsed.success) return refuse(REASONS.decisionOutOfOrder);
    previous = parsed.data;
  }
  // The first decision is taken from the queue; each later one from the state its predecessor left.
  const state = previous ? stateAfterDecision(previous.outcome) : 'received';
  if (previous && isTerminalTriageState(state)) {
    return refuse(previous.officerId === principal.name ? REASONS.decisionFinal : REASONS.decisionTaken);
  }
  return canDecide(state, doc.outcome).ok ? ALLOWED : refuse(REASONS.decisionNotAllowed);
}
