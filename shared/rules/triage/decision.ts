import { err, ok, type Decision, type FlagOverrideSchema, type RedsLedgerEntry, type Result } from '../../schemas';
import type { z } from 'zod';
import type { RequestFlag } from '../request-flags';

type FlagOverride = z.infer<typeof FlagOverrideSchema>;

export const MIN_OVERRIDE_JUSTIFICATION = 10;

/**
 * To validate despite blocking flags, each one needs a justification of at least 10 characters.
 * Returns the overrides to record, or what is missing in pt-BR.
 */
export function overridesForValidation(flags: readonly RequestFlag[], justification: string): Result<FlagOverride[]> {
  const blocking = flags.filter((flag) => flag.severity === 'blocking');
  if (blocking.length === 0) return ok([]);
  const text = justification.trim();
  if (text.length < MIN_OVERRIDE_JUSTIFICATION) {
    return err(`Há ${blocking.length} alerta(s) impeditivo(s): justifique a validação com pelo menos ${MIN_OVERRIDE_JUSTIFICATION} caracteres.`);
  }
  return ok(blocking.map((flag) => ({ flagCode: flag.code, justification: text })));
}

export interface LostDecision {
  mine: Decision;
  standing: Decision;
}

const sameAuthor = (a: Decision, b: Decision): boolean => a.officerId === b.officerId && a.workstationId === b.workstationId && a.decidedAt === b.decidedAt;

/**
 * After sync, the document at my decision's id may hold another officer's decision (theirs reached the
 * server first): mine did not stand.
 */
export function lostDecision(mine: Decision, stored: Decision | null | undefined): LostDecision | null {
  if (!stored || sameAuthor(mine, stored)) return null;
  return { mine, standing: stored };
}

/** The ledger entry of a number whose decision lost the race, voided by the console (not by a person). */
export function voidForLostDecision(entry: RedsLedgerEntry, standing: Decision, now: Date): RedsLedgerEntry {
  return {
    ...entry,
    status: 'void',
    void: {
      reason: `Decisão não prevaleceu: ${standing.officerName} decidiu a solicitação ${standing.requestId} antes (${standing.outcome}).`,
      voidedBy: entry.userId,
      voidedAt: now.toISOString(),
      automatic: true,
    },
  };
}
