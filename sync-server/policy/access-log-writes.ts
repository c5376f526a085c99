import { REASONS } from './reasons';
import { firstRefusal, when, type WriteRule } from './write-context';

/** The access log is append-only and each entry is written by the person who looked, in their own scope. */
export const accessEntryWrite: WriteRule<'access_entry'> = ({ principal, doc, current }) =>
  firstRefusal(
    () => when(current !== null, REASONS.accessImmutable),
    () => when(doc.userId !== principal.name, REASONS.accessAsOther),
    () => when(!principal.roles.includes(doc.role), REASONS.accessWrongRole),
    () => when(!principal.serverAdmin && doc.scopeId !== principal.unitId && doc.scopeId !== principal.postId, REASONS.accessOutOfScope),
  );
