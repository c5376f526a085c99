import { isClaimActive } from '../../shared/rules';
import { REASONS } from './reasons';
import { inUnit, requestInScope, supervises } from './scope-checks';
import { ALLOWED, firstRefusal, refuse, when, type WriteRule } from './write-context';

/**
 * An officer claims for themself; taking over someone else's claim needs it expired or released.
 * Supervisors assign and reassign freely within their unit (that is how a secret request reaches an officer).
 */
export const claimWrite: WriteRule<'claim'> = ({ principal, doc, current, storage, now }) => {
  const supervisor = supervises(principal);
  return firstRefusal(
    () => when(!inUnit(principal, doc.unitId) || (current !== null && current.unitId !== doc.unitId), REASONS.otherUnit),
    () => {
      if (!current || supervisor || current.officerId === principal.name) return ALLOWED;
      if (doc.officerId === current.officerId) return refuse(REASONS.claimNotYours);
      return when(isClaimActive(current, now), REASONS.claimTaken);
    },
    () => when(!supervisor && doc.officerId !== principal.name, REASONS.claimAsOther),
    () => requestInScope(principal, doc.requestId, doc.unitId, storage),
  );
};
