import { resolutionNoteText } from '../../../../shared/rules/supervisor';
import {
  AccessLogEntrySchema,
  ClaimSchema,
  documentIdOf,
  NoteSchema,
  RedsVoidSchema,
  type AccessLogEntry,
  type Claim,
  type Note,
  type Unit,
  type UserProfile,
} from '../../../../shared/schemas';
import type { ConsoleSession } from '../../../auth/login';
import { workstationId } from '../../triage/data/workstation';

/** Every view, export or unmasking in this workspace leaves an append-only entry (who, when, what, why). */
export async function logSupervisorAccess(
  session: ConsoleSession,
  entry: Pick<AccessLogEntry, 'action' | 'record' | 'fields'> & { justification?: string },
): Promise<AccessLogEntry> {
  const { profile, database } = session;
  const parsed = AccessLogEntrySchema.parse({
    type: 'access_entry',
    schemaVersion: 1,
    entryId: crypto.randomUUID(),
    userId: profile.userId,
    userName: profile.displayName,
    role: 'supervisor',
    scopeId: profile.unitId ?? profile.postId,
    workstationId: workstationId(),
    at: new Date().toISOString(),
    ...entry,
  });
  await database.access_log.insert({ ...parsed, id: parsed.entryId });
  return parsed;
}

/** The supervisor's resolution of a conflict, kept as a note on the request or card it concerns. */
export async function recordResolution(session: ConsoleSession, subject: Note['subject'], key: string, text: string): Promise<void> {
  const { profile, database } = session;
  const note = NoteSchema.parse({
    type: 'note',
    schemaVersion: 1,
    subject,
    authorId: profile.userId,
    authorName: profile.displayName,
    createdAt: new Date().toISOString(),
    text: resolutionNoteText(key, text),
  });
  await database.notes.insert({ ...note, id: documentIdOf(note) });
}

/** Voids a number in the ledger with the supervisor's justification (the server keeps every other field). */
export async function voidRedsNumber(session: ConsoleSession, number: string, reason: string): Promise<string | null> {
  const voided = RedsVoidSchema.safeParse({ reason: reason.trim(), voidedBy: session.profile.userId, voidedAt: new Date().toISOString(), automatic: false });
  if (!voided.success) return voided.error.issues[0]?.message ?? 'justificativa inválida';
  const doc = await session.database.reds_ledger.findOne(number).exec();
  if (!doc) return 'Número não encontrado no livro.';
  if (doc.get('status') === 'void') return 'Este número já está anulado.';
  await doc.incrementalPatch({ status: 'void', void: voided.data });
  return null;
}

/** Hands a request's claim to another officer of the unit for the unit's claim lease (online only). */
export async function reassignClaim(session: ConsoleSession, unit: Unit, protocol: string, officer: UserProfile): Promise<void> {
  const now = new Date();
  const claim: Claim = ClaimSchema.parse({
    type: 'claim',
    schemaVersion: 1,
    requestId: protocol,
    unitId: unit.unitId,
    officerId: officer.userId,
    officerName: officer.displayName,
    workstationId: workstationId(),
    claimedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + unit.claimLeaseMinutes * 60_000).toISOString(),
    provisional: false,
  });
  const existing = await session.database.claims.findOne(protocol).exec();
  if (existing) await existing.incrementalModify((doc) => ({ ...claim, id: doc.id, ...(doc.couchRev ? { couchRev: doc.couchRev } : {}) }));
  else await session.database.claims.insert({ ...claim, id: protocol });
}
