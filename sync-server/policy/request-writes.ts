import { REASONS } from './reasons';
import { inUnit } from './scope-checks';
import { refuse, when, type WriteRule } from './write-context';

/**
 * Requests come from the citizen portal (intake) and are immutable after intake: any new revision is
 * refused. An intake account bound to a unit writes only there; an unbound one routes to any unit.
 */
export const requestWrite: WriteRule<'request'> = ({ principal, doc, current }) => {
  if (current) return refuse(REASONS.requestImmutable);
  return when(principal.unitId !== undefined && !inUnit(principal, doc.unitId), REASONS.otherUnit);
};
