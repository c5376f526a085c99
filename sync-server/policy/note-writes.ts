import type { Note } from '../../shared/schemas';
import type { Principal } from '../auth/principal';
import { REASONS } from './reasons';
import { inPost, inUnit, requestInScope } from './scope-checks';
import { ALLOWED, firstRefusal, hasRole, when, type WriteRule } from './write-context';

/** Who may write a note on what: the unit's triage staff on its requests, the post's staff on its cards, the desk on any card. */
function mayNoteOn(principal: Principal, subject: Note['subject']): boolean {
  if (subject.kind === 'request') {
    return inUnit(principal, subject.unitId) && (principal.serverAdmin || hasRole(principal, 'triage_officer', 'service_desk', 'supervisor'));
  }
  return hasRole(principal, 'service_desk') || (inPost(principal, subject.postId) && (principal.serverAdmin || hasRole(principal, 'identification_clerk', 'supervisor')));
}

/** Notes are append-only and signed by their author; a note on a secret request only by those who may see it. */
export const noteWrite: WriteRule<'note'> = ({ principal, doc, current, storage }) =>
  firstRefusal(
    () => when(current !== null, REASONS.noteImmutable),
    () => when(doc.authorId !== principal.name, REASONS.noteAsOther),
    () => when(!mayNoteOn(principal, doc.subject), REASONS.noteOutOfScope),
    () => (doc.subject.kind === 'request' ? requestInScope(principal, doc.subject.id, doc.subject.unitId, storage) : ALLOWED),
  );
