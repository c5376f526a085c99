import { findNature } from '../../reference/natures';
import type { Claim, Decision, Nature, OccurrenceRequest, Unit } from '../../schemas';
import { serviceLevel, type HoldInterval } from '../service-level';
import { isClaimActive, standingDecisions } from '../triage';
import { holdIntervals } from '../triage/queue';
import { toMillis, type Instant } from '../time';
import { localDayOf, shiftOf, withinPeriod, type Period, type Shift } from './period';

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

/** A standing decision with its instant read once: statistics test thousands of them per open. */
export interface StandingDecision {
  decision: Decision;
  decidedMs: number;
  shift: Shift;
}

/** What the statistics need of one request's decisions, derived once per change of them (not per open). */
export interface RequestDecisions {
  decisions: readonly Decision[];
  standing: readonly StandingDecision[];
  /** The standing validation or rejection that closed the request (nothing stands after it). */
  closing: StandingDecision | undefined;
  /** The last standing decision put the request on hold: it waits on the citizen. */
  onHold: boolean;
  holds: readonly HoldInterval[];
}

export function requestDecisions(decisions: readonly Decision[]): RequestDecisions {
  const standing = standingDecisions(decisions);
  const last = standing.at(-1);
  const read = standing.map((decision) => ({ decision, decidedMs: toMillis(decision.decidedAt), shift: shiftOf(decision.decidedAt) }));
  return {
    decisions,
    standing: read,
    closing: last?.outcome === 'validated' || last?.outcome === 'rejected' ? read.at(-1) : undefined,
    onHold: last?.outcome === 'on_hold',
    holds: holdIntervals(standing),
  };
}

const NO_DECISIONS: RequestDecisions = { decisions: [], standing: [], closing: undefined, onHold: false, holds: [] };

/** A request as the statistics read it, derived once per version of the request or of its decisions. */
export interface TriageRow {
  request: OccurrenceRequest;
  submittedMs: number;
  /** Local day and shift of submission. */
  day: string;
  shift: Shift;
  decisions: RequestDecisions;
}

export function triageRow(request: OccurrenceRequest, decisions: RequestDecisions = NO_DECISIONS): TriageRow {
  return { request, submittedMs: toMillis(request.submittedAt), day: localDayOf(request.submittedAt), shift: shiftOf(request.submittedAt), decisions };
}

/** The unit's triage documents as the local store holds them: one row per request, claims by request protocol. */
export interface TriageSnapshot {
  unit: Pick<Unit, 'serviceLevelMinutes'>;
  rows: Iterable<TriageRow>;
  claims: ReadonlyMap<string, Claim>;
  natures: readonly Nature[];
}

const natureLabel = (natures: readonly Nature[], request: Pick<OccurrenceRequest, 'natureCode' | 'natureTableVersion'>): string =>
  findNature(natures, request.natureCode, request.natureTableVersion)?.label ?? request.natureCode;

export interface BacklogRow {
  natureCode: string;
  natureLabel: string;
  total: number;
  byAge: Record<AgeBucket, number>;
}

export interface BreachRow {
  day: string;
  /** Requests submitted in the day's shift that missed (or are missing) the decision target. */
  breached: ShiftCounts;
  submitted: ShiftCounts;
}

export interface NatureOutcomeRow {
  natureCode: string;
  natureLabel: string;
  validated: number;
  rejected: number;
  /** validated / (validated + rejected). */
  validationRatio: number;
}

export interface StuckRequest {
  protocol: string;
  natureLabel: string;
  submittedAt: string;
  /** How far past the target (ms). */
  overdueMs: number;
  officerName: string | null;
}

export interface TriageDashboards {
  /** Open requests at `now` (received, in triage, on hold) by nature and age since submission; biggest first. */
  backlog: BacklogRow[];
  /**
   * Service-level breaches of the requests submitted in the period, by local day and shift of submission: the
   * clock (holds excluded) runs to the closing decision, or to `now` while still open.
   */
  breaches: BreachRow[];
  /** Requests closed in the period (by their standing validation or rejection), per nature; biggest first. */
  outcomes: NatureOutcomeRow[];
  /** Open requests past the decision target, the most overdue first (on-hold ones wait on the citizen: left out). */
  stuck: StuckRequest[];
}

/** The triage statistics of the period, in one pass over the unit's requests. */
export function triageDashboards(snapshot: TriageSnapshot, period: Period, now: Instant): TriageDashboards {
  const nowMs = toMillis(now);
  const nowDate = new Date(nowMs);
  const inWindow = withinPeriod(period);
  const targetMinutes = snapshot.unit.serviceLevelMinutes;
  const labels = new Map<string, string>();
  const labelOf = (request: OccurrenceRequest) => {
    const key = `${request.natureCode}|${request.natureTableVersion}`;
    let label = labels.get(key);
    if (label === undefined) labels.set(key, (label = natureLabel(snapshot.natures, request)));
    return label;
  };
  const backlog = new Map<string, BacklogRow>();
  const breaches = new Map<string, BreachRow>();
  const outcomes = new Map<string, NatureOutcomeRow>();
  const stuck: StuckRequest[] = [];
  for (const { request, submittedMs, day, shift, decisions } of snapshot.rows) {
    const { closing, onHold, holds } = decisions;
    const submittedAt = new Date(submittedMs);
    // The clock at `now` of an open request serves both the breaches and the stuck list.
    const openClock = closing ? undefined : serviceLevel({ submittedAt, now: nowDate, targetMinutes, holds });

    if (!closing) {
      let row = backlog.get(request.natureCode);
      if (!row) {
        row = { natureCode: request.natureCode, natureLabel: labelOf(request), total: 0, byAge: { lt30m: 0, lt1h: 0, lt4h: 0, lt24h: 0, older: 0 } };
        backlog.set(request.natureCode, row);
      }
      row.total += 1;
      row.byAge[ageBucketOf((nowMs - submittedMs) / 60_000)] += 1;
    }

    if (inWindow(submittedMs)) {
      const clock = openClock ?? serviceLevel({ submittedAt, now: new Date(Math.min(closing?.decidedMs ?? nowMs, nowMs)), targetMinutes, holds });
      let row = breaches.get(day);
      if (!row) {
        row = { day, breached: zeroShifts(), submitted: zeroShifts() };
        breaches.set(day, row);
      }
      row.submitted[shift] += 1;
      if (clock.status === 'breached') row.breached[shift] += 1;
    }

    if (closing && inWindow(closing.decidedMs)) {
      let row = outcomes.get(request.natureCode);
      if (!row) {
        row = { natureCode: request.natureCode, natureLabel: labelOf(request), validated: 0, rejected: 0, validationRatio: 0 };
        outcomes.set(request.natureCode, row);
      }
      row[closing.decision.outcome === 'validated' ? 'validated' : 'rejected'] += 1;
    }

    if (openClock && !onHold && openClock.status === 'breached') {
      const claim = snapshot.claims.get(request.protocol);
      // Not closed, not on hold: in triage while a claim holds it, else received.
      const officerName = isClaimActive(claim, nowDate) ? claim.officerName : null;
      stuck.push({ protocol: request.protocol, natureLabel: labelOf(request), submittedAt: request.submittedAt, overdueMs: -openClock.remainingMs, officerName });
    }
  }
  for (const row of outcomes.values()) row.validationRatio = row.validated / (row.validated + row.rejected);
  return {
    backlog: [...backlog.values()].sort((a, b) => b.total - a.total || a.natureCode.localeCompare(b.natureCode)),
    breaches: [...breaches.values()].sort((a, b) => a.day.localeCompare(b.day)),
    outcomes: [...outcomes.values()].sort((a, b) => b.validated + b.rejected - (a.validated + a.rejected) || a.natureCode.localeCompare(b.natureCode)),
    stuck: stuck.sort((a, b) => b.overdueMs - a.overdueMs || a.protocol.localeCompare(b.protocol)),
  };
}

export interface OfficerDecisionsRow {
  officerId: string;
  officerName: string;
  byShift: ShiftCounts;
  total: number;
}

/** Standing decisions (validations, rejections, holds; not resumptions) taken in the period, per officer and shift. */
export function decisionsByOfficerAndShift(requests: Iterable<RequestDecisions>, period: Period): OfficerDecisionsRow[] {
  const inWindow = withinPeriod(period);
  const rows = new Map<string, OfficerDecisionsRow>();
  for (const { standing } of requests) {
    for (const { decision, decidedMs, shift } of standing) {
      if (decision.outcome === 'resumed' || !inWindow(decidedMs)) continue;
      let row = rows.get(decision.officerId);
      if (!row) {
        row = { officerId: decision.officerId, officerName: decision.officerName, byShift: zeroShifts(), total: 0 };
        rows.set(decision.officerId, row);
      }
      row.byShift[shift] += 1;
      row.total += 1;
    }
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || a.officerName.localeCompare(b.officerName));
}
