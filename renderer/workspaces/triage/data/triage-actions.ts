import { REASON_TEMPLATES } from '../../../../shared/reference/reason-templates';
import { canDecide, claimRaceWinner, deriveTriageState, isClaimActive } from '../../../../shared/rules';
import { nextDecisionSequence } from '../../../../shared/rules/triage/queue';
import {
  ClaimSchema,
  DecisionSchema,
  decisionDocId,
  documentIdOf,
  err,
  NoteSchema,
  ok,
  RedsLedgerEntrySchema,
  type Claim,
  type Decision,
  type DecisionOutcome,
  type Result,
  type Unit,
} from '../../../../shared/schemas';
import type { ConsoleSession } from '../../../auth/login';
import type { RedsPool } from '../../../reds/reds-pool';
import { rememberMyDecision } from './my-decisions';
import { workstationId } from './workstation';

/**
 * Claims the request for this officer for the unit's lease. An active claim of someone else stands unless
 * the shared race rule says ours wins; then the officer is told who holds it.
 */
export async function claimRequest(session: ConsoleSession, unit: Unit, protocol: string, online: boolean): Promise<Result<Claim>> {
  const { database, profile } = session;
  const now = new Date();
  const existing = await database.claims.findOne(protocol).exec();
  const current = existing ? (existing.toJSON() as unknown as Claim) : null;
  if (isClaimActive(current, now) && current.officerId === profile.userId) return ok(current);
  const claim: Claim = ClaimSchema.parse({
    type: 'claim',
    schemaVersion: 1,
    requestId: protocol,
    unitId: unit.unitId,
    officerId: profile.userId,
    officerName: profile.displayName,
    workstationId: workstationId(),
    claimedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + unit.claimLeaseMinutes * 60_000).toISOString(),
    provisional: !online,
  });
  if (isClaimActive(current, now) && claimRaceWinner(current, claim) !== claim) {
    return err(`Solicitação reservada por ${current.officerName} até ${new Date(current.expiresAt).toLocaleTimeString('pt-BR')}.`);
  }
  // Patch keeps the server revision (couchRev) the push needs; the release mark of an old claim goes away.
  if (existing) await existing.incrementalModify((doc) => ({ ...claim, id: doc.id, ...(doc.couchRev ? { couchRev: doc.couchRev } : {}) }));
  else await database.claims.insert({ ...claim, id: protocol });
  return ok(claim);
}

/** Ends this officer's active claim (leaving the request, moving to another, leaving the workspace): others see it free. */
export async function releaseClaim(session: ConsoleSession, protocol: string, at = new Date()): Promise<void> {
  const doc = await session.database.claims.findOne(protocol).exec();
  const claim = doc?.toJSON() as unknown as Claim | undefined;
  if (!doc || !claim || claim.officerId !== session.profile.userId || !isClaimActive(claim, at)) return;
  await doc.incrementalPatch({ releasedAt: at.toISOString() });
}

/** A claim made offline stays provisional until the server holds it (it came back with a server revision). */
export async function confirmAcknowledgedClaims(session: ConsoleSession, claims: ReadonlyMap<string, Claim & { couchRev?: string }>): Promise<void> {
  for (const claim of claims.values()) {
    if (!claim.provisional || !claim.couchRev || claim.officerId !== session.profile.userId || claim.releasedAt) continue;
    const doc = await session.database.claims.findOne(claim.requestId).exec();
    const stored = doc?.toJSON() as unknown as (Claim & { couchRev?: string }) | undefined;
    if (doc && stored?.provisional && stored.couchRev && stored.officerId === session.profile.userId) await doc.incrementalPatch({ provisional: false });
  }
}

export interface DecisionInput {
  outcome: DecisionOutcome;
  reasonCode?: string;
  orientationText?: string;
  overrides: Decision['overrides'];
}

export interface DecisionDone {
  decision: Decision;
  redsNumber?: string;
}

/**
 * Records a decision at the next sequence. Validation takes a REDS number from the local pool (works
 * offline), then writes the decision and its ledger entry before settling the number.
 */
export async function decideRequest(session: ConsoleSession, unit: Unit, protocol: string, decisions: readonly Decision[], input: DecisionInput, pool: RedsPool | null): Promise<Result<DecisionDone>> {
  const { database, profile } = session;
  const sequence = nextDecisionSequence(decisions);
  // Validated, rejected and on hold only from the queue or triage; a held request is resumed first.
  const allowed = canDecide(deriveTriageState({ decisions, claim: null, now: new Date() }), input.outcome);
  if (!allowed.ok) return err(allowed.error);
  let issued: { number: string; leaseId: string } | null = null;
  if (input.outcome === 'validated') {
    if (!pool) return err('Números REDS ainda não disponíveis nesta estação.');
    let result = await pool.issue(protocol);
    if (!result.ok && result.error.code === 'pool_empty') {
      // First validation on this desk, or the stock ran out: one refill attempt before telling the officer.
      await pool.maintain();
      result = await pool.issue(protocol);
    }
    if (!result.ok) return err(result.error.reason);
    issued = result.value;
  }
  const decidedAt = new Date().toISOString();
  const parsed = DecisionSchema.safeParse({
    type: 'decision',
    schemaVersion: 1,
    requestId: protocol,
    sequence,
    unitId: unit.unitId,
    outcome: input.outcome,
    officerId: profile.userId,
    officerName: profile.displayName,
    workstationId: workstationId(),
    decidedAt,
    ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
    ...(input.orientationText ? { orientationText: input.orientationText.trim() } : {}),
    ...(issued ? { redsNumber: issued.number } : {}),
    overrides: input.overrides,
  });
  if (!parsed.success) return err(parsed.error.issues[0]?.message ?? 'Decisão inválida.');
  const decision = parsed.data;
  const id = decisionDocId(protocol, sequence);
  await rememberMyDecision(database, decision);
  await database.decisions.insert({ ...decision, id });
  if (issued && pool) {
    const entry = RedsLedgerEntrySchema.parse({
      type: 'reds_entry',
      schemaVersion: 1,
      number: issued.number,
      leaseId: issued.leaseId,
      workstationId: decision.workstationId,
      userId: profile.userId,
      unitId: unit.unitId,
      requestId: protocol,
      decisionId: id,
      issuedAt: decidedAt,
      status: 'issued',
    });
    await database.reds_ledger.insert({ ...entry, id: entry.number });
    await pool.settle(issued.number);
  }
  // The claim ends with the decision; a resumed request stays with the officer to decide.
  if (input.outcome !== 'resumed') await releaseClaim(session, protocol, new Date(decidedAt));
  return ok(issued ? { decision, redsNumber: issued.number } : { decision });
}

export async function addNote(session: ConsoleSession, unit: Unit, protocol: string, text: string): Promise<Result<null>> {
  const parsed = NoteSchema.safeParse({
    type: 'note',
    schemaVersion: 1,
    subject: { kind: 'request', id: protocol, unitId: unit.unitId },
    authorId: session.profile.userId,
    authorName: session.profile.displayName,
    createdAt: new Date().toISOString(),
    text: text.trim(),
  });
  if (!parsed.success) return err(parsed.error.issues[0]?.message ?? 'Nota inválida.');
  const note = parsed.data;
  await session.database.notes.insert({ ...note, id: documentIdOf(note) });
  return ok(null);
}

export const templatesFor = (outcome: 'rejected' | 'on_hold') => REASON_TEMPLATES.filter((template) => template.active && template.appliesTo === outcome);
