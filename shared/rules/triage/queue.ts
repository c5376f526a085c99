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

/**
 * A request's decision clock, read at any instant with `clockAt`: the queue keeps its rows across clock
 * ticks and only the lines on screen read the time left.
 */
export interface ServiceClock {
  submittedMs: number;
  targetMinutes: number;
  /** From the standing decisions; none for most of a queue (plain arithmetic then). */
  holds: readonly HoldInterval[];
}

/** One queue line: the entry plus state and the active claim at the row's `now`, and the decision clock. */
export interface QueueRow extends QueueEntry {
  state: TriageState;
  clock: ServiceClock;
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

/** An entry's line at `now`: state and the claim if still active, and its clock. */
export function rowOfEntry(entry: QueueEntry, decisions: readonly Decision[], claim: Claim | null, { unit, now }: Pick<QueueContext, 'unit' | 'now'>): QueueRow {
  const active = isClaimActive(claim, now) ? claim : null;
  const clock = { submittedMs: entry.submittedMs, targetMinutes: unit.serviceLevelMinutes, holds: decisions.length === 0 ? [] : holdIntervals(decisions) };
  // Most of a large queue was never decided: no decision to derive the state from.
  const state = decisions.length === 0 ? (active ? 'in_triage' : 'received') : deriveTriageState({ decisions, claim, now });
  return { ...entry, state, clock, claim: active };
}

/** The clock at `now`, as `serviceLevel` gives it (held rows go through it; the rest is plain arithmetic). */
export function clockAt(clock: ServiceClock, now: Instant): ServiceLevel {
  if (clock.holds.length > 0) return serviceLevel({ submittedAt: new Date(clock.submittedMs), now, targetMinutes: clock.targetMinutes, holds: clock.holds });
  const elapsedMs = Math.max(0, toMillis(now) - clock.submittedMs);
  const targetMs = clock.targetMinutes * 60_000;
  const ratio = targetMs > 0 ? elapsedMs / targetMs : Infinity;
  const status = ratio >= 1 ? 'breached' : ratio >= SERVICE_LEVEL_WARNING_RATIO ? 'warning' : 'ok';
  return { elapsedMs, remainingMs: targetMs - elapsedMs, ratio, status, paused: false };
}

/**
 * Until when the rows' states and claims hold: the earliest expiry of a claim they show (a row's state
 * moves with time only through its claim).
 */
export function rowsValidUntil(rows: readonly QueueRow[]): number {
  let until = Infinity;
  for (const row of rows) if (row.claim) until = Math.min(until, toMillis(row.claim.expiresAt));
  return until;
}

/** One queue line: state, service-level clock, flags and the name the list may show. */
export function queueRow(request: OccurrenceRequest, decisions: readonly Decision[], claim: Claim | null, context: QueueContext): QueueRow {
  return rowOfEntry(queueEntry(request, context), decisions, claim, context);
}

/**
 * The open (not validated or rejected) rows in two lists, for a queue kept across clock ticks: rows never
 * put on hold, by submission (time left falls alike for all of them, so their order never changes), and
 * the few with holds, whose place moves with time.
 */
export interface OpenQueueParts {
  unheld: QueueRow[];
  held: QueueRow[];
}

/** Ties by arrival, then protocol: one order whatever order the rows came in. */
const byArrival = (a: QueueRow, b: QueueRow) => (a.receivedAt !== b.receivedAt ? (a.receivedAt < b.receivedAt ? -1 : 1) : a.protocol < b.protocol ? -1 : 1);

export function openQueueParts(rows: readonly QueueRow[]): OpenQueueParts {
  const unheld: QueueRow[] = [];
  const held: QueueRow[] = [];
  for (const row of rows) if (!isTerminalTriageState(row.state)) (row.clock.holds.length === 0 ? unheld : held).push(row);
  unheld.sort((a, b) => a.clock.submittedMs - b.clock.submittedMs || byArrival(a, b));
  return { unheld, held };
}

/**
 * The open queue at `now`, the least time left first, ties by arrival (then protocol): the held rows merged into the unheld
 * ones (which come back as they are when nothing is held).
 */
export function queueAt({ unheld, held }: OpenQueueParts, now: Instant): QueueRow[] {
  if (held.length === 0) return unheld;
  const remainingOf = (row: QueueRow) => clockAt(row.clock, now).remainingMs;
  const heldByTimeLeft = held.map((row) => ({ row, remaining: remainingOf(row) })).sort((a, b) => a.remaining - b.remaining || byArrival(a.row, b.row));
  const merged: QueueRow[] = [];
  let next = 0;
  for (const row of unheld) {
    const remaining = remainingOf(row);
    for (; next < heldByTimeLeft.length && (heldByTimeLeft[next]!.remaining - remaining || byArrival(heldByTimeLeft[next]!.row, row)) < 0; next += 1) merged.push(heldByTimeLeft[next]!.row);
    merged.push(row);
  }
  for (; next < heldByTimeLeft.length; next += 1) merged.push(heldByTimeLeft[next]!.row);
  return merged;
}

/** Open (not validated or rejected) rows, the least time left at `now` first; ties by arrival. */
export const openQueue = (rows: readonly QueueRow[], now: Instant): QueueRow[] => queueAt(openQueueParts(rows), now);

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
