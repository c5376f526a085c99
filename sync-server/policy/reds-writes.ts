import { isDeepStrictEqual } from 'node:util';
import type { RedsLedgerEntry } from '../../shared/schemas';
import { REASONS } from './reasons';
import { inUnit, supervises } from './scope-checks';
import { ALLOWED, firstRefusal, refuse, when, type WriteRule } from './write-context';

/**
 * Extension point for the REDS follow-up: whether a newly issued number lies in an active lease block of
 * its user and workstation (see `checkNewLedgerEntry` in shared/reds). Runs after the checks below passed.
 */
export type RedsIssueCheck = WriteRule<'reds_entry'>;
export const acceptIssuedNumber: RedsIssueCheck = () => ALLOWED;

const withoutVoid = ({ status: _status, void: _void, ...rest }: RedsLedgerEntry) => rest;

/**
 * A number enters the ledger once, as `issued` by its own user; afterwards it may only turn `void`, with
 * a justification, keeping every other field. It is never deleted, so it can never be issued again.
 */
export function redsEntryWrite(issueCheck: RedsIssueCheck): WriteRule<'reds_entry'> {
  return (context) => {
    const { principal, doc, current } = context;
    if (!current) {
      return firstRefusal(
        () => when(doc.status !== 'issued' || doc.void !== undefined, REASONS.redsMustBeIssued),
        () => when(doc.userId !== principal.name, REASONS.redsAsOther),
        () => when(!inUnit(principal, doc.unitId), REASONS.otherUnit),
        () => issueCheck(context),
      );
    }
    return firstRefusal(
      () => when(current.status === 'void', REASONS.redsAlreadyVoid),
      () => when(doc.status !== 'void' || !isDeepStrictEqual(withoutVoid(doc), withoutVoid(current)), REASONS.redsOnlyVoid),
      () => (doc.void ? ALLOWED : refuse(REASONS.redsVoidNeedsReason)),
      () => when(doc.void?.voidedBy !== principal.name, REASONS.redsVoidAsOther),
      () => when(current.userId !== principal.name && !(supervises(principal) && inUnit(principal, current.unitId)), REASONS.redsVoidNotYours),
    );
  };
}
