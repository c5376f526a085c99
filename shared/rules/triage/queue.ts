import type { Claim, Decision, Nature, OccurrenceRequest, TriageState, Unit } from '../../schemas';
import { findNature } from '../../reference/natures';
import { maskName, shouldMaskVictim } from '../masking';
import { requestFlags, type RequestFlag } from '../request-flags';
import { serviceLevel, type HoldInterval, type ServiceLevel } from '../service-level';
import { deriveTriageState, isClaimActive, isTerminalTriageState, standingDecisions } from '../triage';
import type { Instant } from '../time';

export interface QueueRow {
  protocol: string;
  natureCode: string;
  natureLabel: string;
  receivedAt: string;
  state: TriageState;
  clock: ServiceLevel;
  flags: RequestFlag[];
  /** The name the list may show: masked for domestic violence. */
  requesterName: string;
  /** Requester documents (CPF, passport/RNE number, CNPJ) as digits/letters, for search only. */
  documents: string[];
  claim: Claim | null;
}

export interface QueueContext {
  unit: Unit;
  natures: readonly Nature[];
  now: Instant;
}

/** Hold intervals from the standing decisions: from each on_hold to the next resumed (open while on hold). */
export function holdIntervals(decisions: readonly Decision[]): HoldInterval[] {
  const holds: HoldInterval[] = [];
  for (const decision of standingDecisions(decisions)) {
    if (decision.outcome === 'on_hold') holds.push({ from: decision.decidedAt });
    const open = holds.at(-1);
    if (decision.outcome === 'resumed' && open && open.to === undefined) open.to = decision.decidedAt;
  }
  return holds;
}

/** The next free decision sequence of a request (decisions are numbered 1, 2, …). */
export const nextDecisionSequence = (decisions: readonly Decision[]): number =>
  decisions.reduce((highest, decision) => Math.max(highest, decision.sequence), 0) + 1;

const normalizeDocument = (value: string): string => value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

function requesterDocuments(request: OccurrenceRequest): string[] {
  const { requester } = request;
  if (requester.kind === 'company') return [normalizeDocument(requester.cnpj)];
  if (requester.kind === 'person_br') return [normalizeDocument(requester.cpf), normalizeDocument(requester.rg.number)];
  return [normalizeDocument(requester.document.number), ...(requester.cpf ? [normalizeDocument(requester.cpf)] : [])];
}

const requesterNameOf = (request: OccurrenceRequest): string =>
  request.requester.kind === 'company' ? request.requester.corporateName : request.requester.fullName;

/** One queue line: state, service-level clock, flags and the name the list may show. */
export function queueRow(request: OccurrenceRequest, decisions: readonly Decision[], claim: Claim | null, { unit, natures, now }: QueueContext): QueueRow {
  const name = requesterNameOf(request);
  const active = isClaimActive(claim, now) ? claim : null;
  return {
    protocol: request.protocol,
    natureCode: request.natureCode,
    natureLabel: findNature(natures, request.natureCode, request.natureTableVersion)?.label ?? request.natureCode,
    receivedAt: request.receivedAt,
    state: deriveTriageState({ decisions, claim, now }),
    clock: serviceLevel({ submittedAt: request.submittedAt, now, targetMinutes: unit.serviceLevelMinutes, holds: holdIntervals(decisions) }),
    flags: requestFlags(request, { now, unit, natures }),
    requesterName: shouldMaskVictim(request, natures) ? maskName(name) : name,
    documents: requesterDocuments(request),
    claim: active,
  };
}

/** Open (not validated or rejected) rows, the least time left first; ties by arrival. */
export function openQueue(rows: readonly QueueRow[]): QueueRow[] {
  return rows
    .filter((row) => !isTerminalTriageState(row.state))
    .sort((a, b) => a.clock.remainingMs - b.clock.remainingMs || (a.receivedAt < b.receivedAt ? -1 : 1));
}

export interface QueueFilter {
  natureCode?: string | undefined;
  flags?: 'blocking' | 'warning' | 'none' | undefined;
  state?: TriageState | undefined;
  claim?: 'mine' | 'free' | undefined;
  /** Protocol or requester document, any punctuation. */
  search?: string | undefined;
}

function matchesFlags(row: QueueRow, wanted: QueueFilter['flags']): boolean {
  if (wanted === undefined) return true;
  if (wanted === 'none') return row.flags.length === 0;
  return row.flags.some((flag) => flag.severity === wanted);
}

export function filterQueue(rows: readonly QueueRow[], filter: QueueFilter, userId: string): QueueRow[] {
  const search = filter.search?.trim().toUpperCase() ?? '';
  const searchDocument = normalizeDocument(search);
  return rows.filter(
    (row) =>
      (filter.natureCode === undefined || row.natureCode === filter.natureCode) &&
      matchesFlags(row, filter.flags) &&
      (filter.state === undefined || row.state === filter.state) &&
      (filter.claim === undefined || (filter.claim === 'mine' ? row.claim?.officerId === userId : row.claim === null)) &&
      (search === '' || row.protocol.toUpperCase().includes(search) || (searchDocument.length >= 4 && row.documents.some((doc) => doc.includes(searchDocument)))),
  );
}
