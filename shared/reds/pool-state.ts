import { z } from 'zod';
import {
  IsoDateTimeSchema,
  RedsLeaseSchema,
  RedsNumberSchema,
  RequestProtocolSchema,
  UserIdSchema,
  WorkstationIdSchema,
  err,
  ok,
  type RedsLease,
  type Result,
} from '../schemas';
import { redsNumberOf } from './block';
import { isUsableUntil, type RedsPoolConfig } from './config';

export const PoolLeaseSchema = z.object({
  lease: RedsLeaseSchema,
  /** The next sequence this console will issue from the block. */
  nextSequence: z.number().int().min(1).max(1_000_000_000),
  /** No longer issues: waiting for the server to acknowledge the return of the unused tail. */
  closing: z.boolean(),
});
export type PoolLease = z.infer<typeof PoolLeaseSchema>;

/** A number handed to a request whose ledger entry is not yet written. */
export const PendingIssueSchema = z.object({
  number: RedsNumberSchema,
  leaseId: z.string().min(1),
  requestId: RequestProtocolSchema,
  issuedAt: IsoDateTimeSchema,
});
export type PendingIssue = z.infer<typeof PendingIssueSchema>;

/** What a console persists of its numbers: written before a number is handed out. */
export const RedsPoolStateSchema = z.object({
  revision: z.number().int().min(0),
  workstationId: WorkstationIdSchema,
  userId: UserIdSchema,
  leases: z.array(PoolLeaseSchema),
  pending: z.array(PendingIssueSchema),
});
export type RedsPoolState = z.infer<typeof RedsPoolStateSchema>;

export interface RedsPoolError {
  code: 'pool_empty' | 'foreign_lease';
  /** pt-BR, shown to the officer. */
  reason: string;
}

export interface IssuedNumber {
  state: RedsPoolState;
  issue: PendingIssue;
}

export interface LeaseToClose {
  leaseId: string;
  fromSequence: number;
}

type PoolPolicy = Pick<RedsPoolConfig, 'expiryMarginMinutes'>;

export const emptyPoolState = (workstationId: string, userId: string): RedsPoolState => ({
  revision: 0,
  workstationId,
  userId,
  leases: [],
  pending: [],
});

const next = (state: RedsPoolState, change: Partial<RedsPoolState>): RedsPoolState => ({
  ...state,
  ...change,
  revision: state.revision + 1,
});

const canIssue = (entry: PoolLease, now: Date, config: PoolPolicy): boolean =>
  !entry.closing && entry.nextSequence <= entry.lease.lastSequence && isUsableUntil(entry.lease.expiresAt, now, config);

/** Numbers this console can still hand out at `now`. */
export function usableCount(state: RedsPoolState, now: Date, config: PoolPolicy): number {
  return state.leases
    .filter((entry) => canIssue(entry, now, config))
    .reduce((sum, entry) => sum + entry.lease.lastSequence - entry.nextSequence + 1, 0);
}

export function needsRefill(state: RedsPoolState, now: Date, config: Pick<RedsPoolConfig, 'expiryMarginMinutes' | 'refillThreshold'>): boolean {
  return usableCount(state, now, config) < Math.max(config.refillThreshold, 1);
}

/** Adds a block granted by the server; granting the same block twice changes nothing. */
export function addLease(state: RedsPoolState, lease: RedsLease): Result<RedsPoolState, RedsPoolError> {
  if (lease.workstationId !== state.workstationId || lease.userId !== state.userId) {
    return err({ code: 'foreign_lease', reason: 'O bloco de números REDS pertence a outra estação ou usuário.' });
  }
  if (lease.status !== 'active' || state.leases.some((entry) => entry.lease.leaseId === lease.leaseId)) return ok(state);
  return ok(next(state, { leases: [...state.leases, { lease, nextSequence: lease.firstSequence, closing: false }] }));
}

/**
 * Takes the next number for a request, from the block that expires first. A request that already holds a
 * pending number gets the same one again, so a retried validation never consumes two numbers.
 */
export function issueNumber(
  state: RedsPoolState,
  input: { requestId: string; now: Date; config: PoolPolicy },
): Result<IssuedNumber, RedsPoolError> {
  const already = state.pending.find((issue) => issue.requestId === input.requestId);
  if (already) return ok({ state, issue: already });
  const source = state.leases
    .filter((entry) => canIssue(entry, input.now, input.config))
    .sort((a, b) => Date.parse(a.lease.expiresAt) - Date.parse(b.lease.expiresAt) || a.lease.firstSequence - b.lease.firstSequence)[0];
  if (!source) {
    return err({
      code: 'pool_empty',
      reason: 'Não há números REDS disponíveis nesta estação. Conecte-se à rede para obter um novo bloco.',
    });
  }
  const issue: PendingIssue = {
    number: redsNumberOf(source.lease.year, source.nextSequence),
    leaseId: source.lease.leaseId,
    requestId: input.requestId,
    issuedAt: input.now.toISOString(),
  };
  const leases = state.leases.map((entry) => (entry === source ? { ...entry, nextSequence: entry.nextSequence + 1 } : entry));
  return ok({ state: next(state, { leases, pending: [...state.pending, issue] }), issue });
}

/** The ledger entry of a pending number is written (or the number was voided): it leaves the pending list. */
export function settleIssue(state: RedsPoolState, number: string): RedsPoolState {
  if (!state.pending.some((issue) => issue.number === number)) return state;
  return next(state, { pending: state.pending.filter((issue) => issue.number !== number) });
}

/** Stops issuing from the given blocks (all when omitted), e.g. at the end of a shift. */
export function closeLeases(state: RedsPoolState, leaseIds?: readonly string[]): RedsPoolState {
  const closes = (entry: PoolLease) => !entry.closing && (!leaseIds || leaseIds.includes(entry.lease.leaseId));
  if (!state.leases.some(closes)) return state;
  return next(state, { leases: state.leases.map((entry) => (closes(entry) ? { ...entry, closing: true } : entry)) });
}

/** Blocks to hand back to the server: closed, used up, or too close to expiry. */
export function leasesToClose(state: RedsPoolState, now: Date, config: PoolPolicy): LeaseToClose[] {
  return state.leases
    .filter((entry) => !canIssue(entry, now, config))
    .map((entry) => ({ leaseId: entry.lease.leaseId, fromSequence: entry.nextSequence }));
}

/** The server acknowledged the return: the block leaves the pool for good. */
export function dropLease(state: RedsPoolState, leaseId: string): RedsPoolState {
  if (!state.leases.some((entry) => entry.lease.leaseId === leaseId)) return state;
  return next(state, { leases: state.leases.filter((entry) => entry.lease.leaseId !== leaseId) });
}

/** Active blocks of this workstation and user that the pool never received (the grant's reply was lost). */
export function orphanLeases(state: RedsPoolState, serverLeases: readonly RedsLease[]): RedsLease[] {
  const known = new Set(state.leases.map((entry) => entry.lease.leaseId));
  return serverLeases.filter(
    (lease) => lease.status === 'active' && lease.workstationId === state.workstationId && lease.userId === state.userId && !known.has(lease.leaseId),
  );
}
