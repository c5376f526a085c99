import type { Claim, Decision, Nature, OccurrenceRequest, TriageState, Unit } from '../../schemas';
import { findNature } from '../../reference/natures';
import { maskName, shouldMaskVictim } from '../masking';
import { requestFlags, type RequestFlag } from '../request-flags';
import { SERVICE_LEVEL_WARNING_RATIO, serviceLevel, type HoldInterval, type ServiceLevel } from '../service-level';
import { deriveTriageState, isClaimActive, isTerminalTriageState, standingDecisions } from '../triage';
import { toMillis, type Instant } from '../time';

/** The part of a queue line that depends on the request alone: computed once per request version. */
export interface QueueEntry {
  protocol: string;
  natureCode: string;
  natureLabel: string;
  receivedAt: string;
  submittedAt: string;
  flags: RequestFlag[];
  /** The name the list may show: masked for domestic violence. */
  requesterName: string;
  /** Requester documents (CPF, passport/RNE number, CNPJ) as digits/letters, for search only. */
  documents: string[];
  /** Protocol and documents upper-cased on one line each: one `includes` per row when searching. */
  searchText: string;
  submittedMs: number;
}

/** One queue line at `now`: the entry plus state, service-level clock and the active claim. */
export interface QueueRow extends QueueEntry {
  state: TriageState;
  clock: ServiceLevel;
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

/**
 * The requester's name as every triage and look-up list shows it: masked for domestic violence (the
 * requester is the victim or speaks for her; her name is confidential by law).
 */
export function listedRequesterName(request: OccurrenceRequest, natures: readonly Nature[]): string {
  const name = request.requester.kind === 'company' ? request.requester.corporateName : request.requester.fullName;
  return shouldMaskVictim(request, natures) ? maskName(name) : name;
}

/** Nature label, flags and the name the list may show (masked for domestic violence). */
export function queueEntry(request: OccurrenceRequest, { unit, natures, now }: QueueContext): QueueEntry {
  const documents = requesterDocuments(request);
  return {
    protocol: request.protocol,
    natureCode: request.natureCode,
    natureLabel: findNature(natures, request.natureCode, request.natureTableVersion)?.label ?? request.natureCode,
    receivedAt: request.receivedAt,
    submittedAt: request.submittedAt,
    flags: requestFlags(request, { now, unit, natures }),
    requesterName: listedRequesterName(request, natures),
    documents,
    searchText: [request.protocol.toUpperCase(), ...documents].join('\n'),
    submittedMs: toMillis(request.submittedAt),
  };
}

/** An entry's line at `now`: state, clock (paused while on hold) and the claim if still active. */
export function rowOfEntry(entry: QueueEntry, decisions: readonly Decision[], claim: Claim | null, { unit, now }: Pick<QueueContext, 'unit' | 'now'>): QueueRow {
  if (decisions.length === 0) {
    // Most of a large queue: never decided, so no hold; the clock is plain arithmetic (run for every row at each tick).
    const active = isClaimActive(claim, now) ? claim : null;
    return { ...entry, state: active ? 'in_triage' : 'received', clock: unpausedClock(entry.submittedMs, toMillis(now), unit.serviceLevelMinutes), claim: active };
  }
  return {
    ...entry,
    state: deriveTriageState({ decisions, claim, now }),
    clock: serviceLevel({ submittedAt: entry.submittedAt, now, targetMinutes: unit.serviceLevelMinutes, holds: decisions.length === 0 ? [] : holdIntervals(decisions) }),
    claim: isClaimActive(claim, now) ? claim : null,
  };
}

/** `serviceLevel` without holds, from milliseconds. */
function unpausedClock(submittedMs: number, nowMs: number, targetMinutes: number): ServiceLevel {
  const elapsedMs = Math.max(0, nowMs - submittedMs);
  const targetMs = targetMinutes * 60_000;
  const ratio = targetMs > 0 ? elapsedMs / targetMs : Infinity;
  const status = ratio >= 1 ? 'breached' : ratio >= SERVICE_LEVEL_WARNING_RATIO ? 'warning' : 'ok';
  return { elapsedMs, remainingMs: targetMs - elapsedMs, ratio, status, paused: false };
}

/** One queue line: state, service-level clock, flags and the name the list may show. */
export function queueRow(request: OccurrenceRequest, decisions: readonly Decision[], claim: Claim | null, context: QueueContext): QueueRow {
  return rowOfEntry(queueEntry(request, context), decisions, claim, context);
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
      (search === '' || matchesSearch(row, search, searchDocument)),
  );
}

function matchesSearch(row: QueueRow, search: string, searchDocument: string): boolean {
  const text = row.searchText;
  // The protocol is the first line: a hit there, or (4+ characters) in a document line.
  const hit = text.indexOf(search);
  if (hit >= 0 && hit + search.length <= row.protocol.length) return true;
  return searchDocument.length >= 4 && text.indexOf(searchDocument, row.protocol.length) >= 0;
}

/**
 * Whether the rows of `previous` hold every row `next` can match (only the search grew, by typing more):
 * the next result can then be filtered from the previous one instead of the whole queue.
 */
export function narrowsFilter(previous: QueueFilter, next: QueueFilter): boolean {
  const before = previous.search?.trim().toUpperCase() ?? '';
  const after = next.search?.trim().toUpperCase() ?? '';
  return (
    previous.natureCode === next.natureCode &&
    previous.flags === next.flags &&
    previous.state === next.state &&
    previous.claim === next.claim &&
    after.includes(before) &&
    // A document match needs 4 normalized characters: below that, a longer search may match what a shorter could not.
    (before === '' || normalizeDocument(before).length >= 4 || normalizeDocument(after) === normalizeDocument(before))
  );
}
