import { type Claim, type Decision, type Note, OccurrenceRequestSchema, type PlantaoDocument, type RedsLedgerEntry } from '../../shared/schemas';
import type { ScopeLookup } from './access-policy';
import { officerTag, requestTag, secretUnitTag, userTag } from './scope-tags';

type Child = Claim | Decision | Note | RedsLedgerEntry;
const CHILD_TYPES: readonly string[] = ['claim', 'decision', 'note', 'reds_entry'];
const isChild = (doc: PlantaoDocument | null): doc is Child => doc !== null && CHILD_TYPES.includes(doc.type);
/** Who worked on it: the officer of a claim or decision, the user who issued a REDS number. */
function workersOf(doc: PlantaoDocument | null): string[] {
  if (!isChild(doc) || doc.type === 'note') return [];
  return doc.type === 'reds_entry' ? [userTag(doc.userId)] : [officerTag(doc.officerId)];
}
const requestOf = (doc: Child): string | null =>
  doc.type === 'note' ? (doc.subject.kind === 'request' ? doc.subject.id : null) : doc.requestId;

/**
 * The scope tags of a claim, decision, note or REDS ledger entry of a secret request: the request's own (its unit's
 * supervisors, the officer holding or having held it), never the unit's shared tag. Officer tags of both
 * the new and the current body are kept, so the tags hold whichever revision wins a conflict, and an
 * officer the claim was taken from still reads what they worked on. Null for anything else.
 */
export async function secretChildTags(doc: PlantaoDocument, current: PlantaoDocument | null, storage: ScopeLookup): Promise<string[] | null> {
  const protocol = isChild(doc) ? requestOf(doc) : null;
  if (!protocol) return null;
  const request = OccurrenceRequestSchema.safeParse(await storage.getBody('requests', protocol));
  if (!request.success || !request.data.secret) return null;
  return [...new Set([secretUnitTag(request.data.unitId), requestTag(protocol), ...workersOf(doc), ...workersOf(current)])];
}
