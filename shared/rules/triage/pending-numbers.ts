import type { PendingIssue } from '../../reds';
import { decisionDocId, type Decision, type RedsLedgerEntry } from '../../schemas';
import { nextDecisionSequence } from './queue';

export interface NumberHolder {
  userId: string;
  unitId: string;
  workstationId: string;
}

/**
 * What to do with a number the pool handed out but never saw settled (the console stopped between issuing
 * it and writing its decision or ledger entry):
 * - `settle`: its ledger entry was written; only the pool's bookkeeping is late;
 * - `attach`: the decision holds it but its ledger entry is missing: write the entry for that decision;
 * - `void`: no decision holds it: record it for the request, then void it with the reason, so the ledger
 *   shows no silent gap.
 */
export type PendingResolution =
  | { kind: 'settle'; number: string }
  | { kind: 'attach'; number: string; entry: RedsLedgerEntry }
  | { kind: 'void'; number: string; entry: RedsLedgerEntry; reason: string };

export function resolvePendingNumber(pending: PendingIssue, ledgerEntry: RedsLedgerEntry | null, decisions: readonly Decision[], holder: NumberHolder): PendingResolution {
  const { number, requestId } = pending;
  if (ledgerEntry) return { kind: 'settle', number };
  const base = { type: 'reds_entry' as const, schemaVersion: 1 as const, number, leaseId: pending.leaseId, ...holder, requestId, issuedAt: pending.issuedAt, status: 'issued' as const };
  const decision = decisions.find((candidate) => candidate.requestId === requestId && candidate.redsNumber === number);
  if (decision) return { kind: 'attach', number, entry: { ...base, decisionId: decisionDocId(requestId, decision.sequence) } };
  // The decision it was issued for would have taken the request's next sequence; it was never written.
  return {
    kind: 'void',
    number,
    entry: { ...base, decisionId: decisionDocId(requestId, nextDecisionSequence(decisions)) },
    reason: `Número emitido para a solicitação ${requestId} sem decisão gravada (console encerrado entre a emissão e a gravação); anulado na reabertura.`,
  };
}

/** The ledger entry of an orphan number, voided by the console (not by a person) once the server has it as issued. */
export function voidOrphan(entry: RedsLedgerEntry, reason: string, now: Date): RedsLedgerEntry {
  return { ...entry, status: 'void', void: { reason, voidedBy: entry.userId, voidedAt: now.toISOString(), automatic: true } };
}
