import {
  DATABASES,
  type DatabaseName,
  type DocumentType,
  documentIdOf,
  type PlantaoDocument,
} from '../../shared/schemas';
import type { Principal } from '../auth/principal';
import type { DocumentBody, IncomingWrite, ScopeLookup, WriteCheck } from './access-policy';
import { accessEntryWrite } from './access-log-writes';
import { cardEventWrite, cardProcessWrite } from './card-writes';
import { claimWrite } from './claim-writes';
import { decisionWrite } from './decision-writes';
import { noteWrite } from './note-writes';
import { parseDocument } from './parse-document';
import { REASONS } from './reasons';
import { redsEntryWrite, type RedsIssueCheck } from './reds-writes';
import { requestWrite } from './request-writes';
import { secretChildTags } from './secret-scope';
import { ALLOWED, refuse, when, type WriteContext, type WriteRule } from './write-context';
import { mayWriteType } from './writers';

export interface WriteCheckOptions {
  storage: ScopeLookup;
  now: () => number;
  redsIssueCheck: RedsIssueCheck;
}

/** Deletions allowed at all: only server admins, only of reference data and notices (reference rows go inactive instead, normally). */
const DELETABLE_BY_ADMIN: readonly string[] = ['reference', 'notices'] satisfies DatabaseName[];
const DELETION_REFUSALS: Partial<Record<DatabaseName, string>> = {
  requests: REASONS.requestNoDeletion,
  decisions: REASONS.decisionNoDeletion,
  reds_ledger: REASONS.redsNoDeletion,
  reds_leases: REASONS.leasesServerOnly,
  card_events: REASONS.cardEventNoDeletion,
  access_log: REASONS.accessImmutable,
};

const isKnownDatabase = (db: string): db is DatabaseName => Object.hasOwn(DATABASES, db);

function describeIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'conteúdo inesperado.';
  const path = issue.path.map(String).join('.');
  return path ? `${issue.message} (campo ${path}).` : `${issue.message}.`;
}

export function createWriteChecker(options: WriteCheckOptions) {
  const rules: { [T in DocumentType]: WriteRule<T> } = {
    request: requestWrite,
    claim: claimWrite,
    decision: decisionWrite,
    note: noteWrite,
    reds_entry: redsEntryWrite(options.redsIssueCheck),
    reds_lease: () => refuse(REASONS.leasesServerOnly),
    card_process: cardProcessWrite,
    card_event: cardEventWrite,
    access_entry: accessEntryWrite,
    // Reference data and notices: the role table above is the whole rule.
    nature: () => ALLOWED,
    unit: () => ALLOWED,
    post: () => ALLOWED,
    user: () => ALLOWED,
    reason_template: () => ALLOWED,
    notice: () => ALLOWED,
  };
  // The rule table is keyed by type, so the document and its rule always agree.
  const run = (context: WriteContext<DocumentType>) => (rules[context.doc.type] as WriteRule<DocumentType>)(context);

  return async function checkWrite(principal: Principal, write: IncomingWrite, current: DocumentBody | null, view?: ScopeLookup): Promise<WriteCheck> {
    if (write.id.startsWith('_design/')) return when(!principal.serverAdmin, REASONS.designOnlyAdmin);
    if (!isKnownDatabase(write.db)) return when(!principal.serverAdmin, REASONS.unknownDatabase);
    if (write.deleted) {
      if (principal.serverAdmin && DELETABLE_BY_ADMIN.includes(write.db)) return ALLOWED;
      return refuse(DELETION_REFUSALS[write.db] ?? REASONS.noDeletion);
    }

    const parsed = parseDocument(write.body);
    if (!parsed.success) return refuse(REASONS.invalid(describeIssue(parsed.error)));
    const doc = parsed.data;
    if (!(DATABASES[write.db] as readonly string[]).includes(doc.type)) return refuse(REASONS.wrongDatabase);
    if (documentIdOf(doc) !== write.id) return refuse(REASONS.wrongId);
    if ((write.attachmentNames?.length ?? 0) > 0 && doc.type !== 'request') return refuse(REASONS.noAttachments);
    if (!mayWriteType(principal, doc.type)) return refuse(REASONS.roleCannotWrite);

    let existing: PlantaoDocument | null = null;
    if (current) {
      const parsedCurrent = parseDocument(current);
      // A stored body that no longer parses (an older schema) is repaired by an admin, not by the console.
      if (!parsedCurrent.success) return when(!principal.serverAdmin, REASONS.unverifiable);
      existing = parsedCurrent.data;
    }
    const storage = view ?? options.storage;
    const verdict = await run({ principal, doc, current: existing, storage, now: new Date(options.now()) });
    if (!verdict.ok) return verdict;
    const tags = await secretChildTags(doc, existing, storage);
    return tags ? { ok: true, tags } : verdict;
  };
}
