import { findNature } from '../../reference/natures';
import type { Claim, Decision, Nature, OccurrenceRequest, Unit } from '../../schemas';
import { serviceLevel } from '../service-level';
import { deriveTriageState, isTerminalTriageState, standingDecisions } from '../triage';
import { holdIntervals } from '../triage/queue';
import { toMillis, type Instant } from '../time';
import { inPeriod, localDayOf, shiftOf, type Period, type Shift } from './period';

/** The unit's triage documents as the local store holds them. */
export interface TriageSnapshot {
  unit: Pick<Unit, 'serviceLevelMinutes'>;
  requests: readonly OccurrenceRequest[];
  decisions: readonly Decision[];
  claims: readonly Claim[];
  natures: readonly Nature[];
}

export const AGE_BUCKETS = [
  { key: 'lt30m', label: '< 30 min', maxMinutes: 30 },
  { key: 'lt1h', label: '30–60 min', maxMinutes: 60 },
  { key: 'lt4h', label: '1–4 h', maxMinutes: 240 },
  { key: 'lt24h', label: '4–24 h', maxMinutes: 1440 },
  { key: 'older', label: '> 24 h', maxMinutes: Infinity },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]['key'];

export const ageBucketOf = (ageMinutes: number): AgeBucket => (AGE_BUCKETS.find((bucket) => ageMinutes < bucket.maxMinutes) ?? AGE_BUCKETS[4]).key;

export type ShiftCounts = Record<Shift, number>;
const zeroShifts = (): ShiftCounts => ({ madrugada: 0, manha: 0, tarde: 0, noite: 0 });

/** Decisions grouped by request, once per snapshot (the statistics all read them this way). */
export function decisionsByRequest(decisions: readonly Decision[]): Map<string, Decision[]> {
  const grouped = new Map<string, Decision[]>();
  for (const decision of decisions) {
    const list = grouped.get(decision.requestId);
    if (list) list.push(decision);
    else grouped.set(decision.requestId, [decision]);
  }
  return grouped;
}

const natureLabel = (natures: readonly Nature[], request: Pick<OccurrenceRequest, 'natureCode' | 'natureTableVersion'>): string =>
  findNature(natures, request.natureCode, request.natureTableVersion)?.label ?? request.natureCode;

export interface BacklogRow {
  natureCode: string;
  natureLabel: string;
  total: number;
  byAge: Record<AgeBucket, number>;
}

/** Open requests at `now` (received, in triage, on hold) by nature and age since submission; biggest first. */
export function backlogByNatureAndAge(snapshot: TriageSnapshot, now: Instant): BacklogRow[] {
  const nowMs = toMillis(now);
  const byRequest = decisionsByRequest(snapshot.decisions);
  const claims = new Map(snapshot.claims.map((claim) => [claim.requestId, claim]));
  const rows = new Map<string, BacklogRow>();
  for (const request of snapshot.requests) {
    const state = deriveTriageState({ decisions: byRequest.get(request.protocol) ?? [], claim: claims.get(request.protocol), now });
    if (isTerminalTriageState(state)) continue;
    let row = rows.get(request.natureCode);
    if (!row) {
      row = { natureCode: request.natureCode, natureLabel: natureLabel(snapshot.natures, request), total: 0, byAge: { lt30m: 0, lt1h: 0, lt4h: 0, lt24h: 0, older: 0 } };
      rows.set(request.natureCode, row);
    }
    row.total += 1;
    row.byAge[ageBucketOf((nowMs - toMillis(request.submittedAt)) / 60_000)] += 1;
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || a.natureCode.localeCompare(b.natureCode));
}

/** The standing validation or rejection that closed a request, if any. */
const closingDecision = (decisions: readonly Decision[]): Decision | undefined =>
  standingDecisions(decisions).find((decision) => decision.outcome === 'validated' || decision.outcome === 'rejected');

export interface BreachRow {
  day: string;
  /** Requests submitted in the day's shift that missed (or are missing) the decision target. */
  breached: ShiftCounts;
  submitted: ShiftCounts;
}

/**
 * Service-level breaches of the requests submitted in the period, by local day and shift of submission: the
 * clock (holds excluded) runs to the closing decision, or to `now` while still open.
 */
export function breachesByDayAndShift(snapshot: TriageSnapshot, period: Period, now: Instant): BreachRow[] {
  const byRequest = decisionsByRequest(snapshot.decisions);
  const nowMs = toMillis(now);
  const rows = new Map<string, BreachRow>();
  for (const request of snapshot.requests) {
    if (!inPeriod(request.submittedAt, period)) continue;
    const decisions = byRequest.get(request.protocol) ?? [];
    const closed = closingDecision(decisions);
    const end = closed ? Math.min(toMillis(closed.decidedAt), nowMs) : nowMs;
    const clock = serviceLevel({ submittedAt: request.submittedAt, now: new Date(end), targetMinutes: snapshot.unit.serviceLevelMinutes, holds: holdIntervals(decisions) });
    const day = localDayOf(request.submittedAt);
    let row = rows.get(day);
    if (!row) {
      row = { day, breached: zeroShifts(), submitted: zeroShifts() };
      rows.set(day, row);
    }
    const shift = shiftOf(request.submittedAt);
    row.submitted[shift] += 1;
    if (clock.status === 'breached') row.breached[shift] += 1;
  }
  return [...rows.values()].sort((a, b) => a.day.localeCompare(b.day));
}

export interface OfficerDecisionsRow {
  officerId: string;
  officerName: string;
  byShift: ShiftCounts;
  total: number;
}

/** Standing decisions (validations, rejections, holds; not resumptions) taken in the period, per officer and shift. */
export function decisionsByOfficerAndShift(snapshot: Pick<TriageSnapshot, 'decisions'>, period: Period): OfficerDecisionsRow[] {
  const rows = new Map<string, OfficerDecisionsRow>();
  for (const decisions of decisionsByRequest(snapshot.decisions).values()) {
    for (const decision of standingDecisions(decisions)) {
      if (decision.outcome === 'resumed' || !inPeriod(decision.decidedAt, period)) continue;
      let row = rows.get(decision.officerId);
      if (!row) {
        row = { officerId: decision.officerId, officerName: decision.officerName, byShift: zeroShifts(), total: 0 };
        rows.set(decision.officerId, row);
      }
      row.byShift[shiftOf(decision.decidedAt)] += 1;
      row.total += 1;
    }
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || a.officerName.localeCompare(b.officerName));
}

export interface NatureOutcomeRow {
  natureCode: string;
  natureLabel: string;
  validated: number;
  rejected: number;
  /** validated / (validated + rejected). */
  validationRatio: number;
}

/** Requests closed in the period (by their standing validation or rejection), per nature. */
export function outcomesByNature(snapshot: TriageSnapshot, period: Period): NatureOutcomeRow[] {
  const byRequest = decisionsByRequest(snapshot.decisions);
  const rows = new Map<string, NatureOutcomeRow>();
  for (const request of snapshot.requests) {
    const closed = closingDecision(byRequest.get(request.protocol) ?? []);
    if (!closed || !inPeriod(closed.decidedAt, period)) continue;
    let row = rows.get(request.natureCode);
    if (!row) {
      row = { natureCode: request.natureCode, natureLabel: natureLabel(snapshot.natures, request), validated: 0, rejected: 0, validationRatio: 0 };
      rows.set(request.natureCode, row);
    }
    row[closed.outcome === 'validated' ? 'validated' : 'rejected'] += 1;
  }
  for (const row of rows.values()) row.validationRatio = row.validated / (row.validated + row.rejected);
  return [...rows.values()].sort((a, b) => b.validated + b.rejected - (a.validated + a.rejected) || a.natureCode.localeCompare(b.natureCode));
}

export interface StuckRequest {
  protocol: string;
  natureLabel: string;
  submittedAt: string;
  /** How far past the target (ms). */
  overdueMs: number;
  officerName: string | null;
}

/** Open requests past the decision target, the most overdue first (on-hold ones wait on the citizen: left out). */
export function stuckRequests(snapshot: TriageSnapshot, now: Instant): StuckRequest[] {
  const byRequest = decisionsByRequest(snapshot.decisions);
  const claims = new Map(snapshot.claims.map((claim) => [claim.requestId, claim]));
  const stuck: StuckRequest[] = [];
  for (const request of snapshot.requests) {
    const decisions = byRequest.get(request.protocol) ?? [];
    const claim = claims.get(request.protocol);
    const state = deriveTriageState({ decisions, claim, now });
    if (isTerminalTriageState(state) || state === 'on_hold') continue;
    const clock = serviceLevel({ submittedAt: request.submittedAt, now, targetMinutes: snapshot.unit.serviceLevelMinutes, holds: holdIntervals(decisions) });
    if (clock.status !== 'breached') continue;
    stuck.push({ protocol: request.protocol, natureLabel: natureLabel(snapshot.natures, request), submittedAt: request.submittedAt, overdueMs: -clock.remainingMs, officerName: state === 'in_triage' ? (claim?.officerName ?? null) : null });
  }
  return stuck.sort((a, b) => b.overdueMs - a.overdueMs || a.protocol.localeCompare(b.protocol));
}

