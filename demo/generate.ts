import { NATURES } from '../shared/reference/natures';
import {
  documentIdOf, type DatabaseName, type DATABASES, type DocumentOfType, type DocumentType, type MaintenanceNotice, type PlantaoDocument, type RequestSubmission,
} from '../shared/schemas';
import { CardBuilder } from './cards';
import { DEMO_POSTS, DEMO_UNITS, REASON_TEMPLATES, DEMO_USERS, userProfileOf } from './reference-data';
import { RequestPlanner, type RequestWindow } from './request-plan';
import { RequestBuilder } from './requests';
import { accessEntryOf, claimOf, decisionOf, ledgerEntryOf, noteOf, RedsAllocator, TriageSimulator, type TriageHistory, type TriageStep } from './triage';
import { DAY_MS, HOUR_MS, isoUtc, localDate, localDayStart, MINUTE_MS } from './timeline';

export interface DemoDataOptions {
  seed: number;
  /** The demo's present: every generated instant lies before it. */
  now: Date | string | number;
  requests: number;
  cards: number;
  /** Submissions spread over this many days before `now` (default 14). */
  days?: number;
}

/** A stored document with its CouchDB `_id`. */
export type DemoDocument<T extends DocumentType = DocumentType> = { _id: string } & DocumentOfType<T>;
export type DemoData = { [D in DatabaseName]: Iterable<DemoDocument<(typeof DATABASES)[D][number]>> } & {
  /** Every document of every database in one pass (the cheapest way to get them all), in a fixed order. */
  all: Iterable<DemoDocument>;
};

export const DEFAULT_DEMO_DAYS = 14;

const withId = <T extends PlantaoDocument>(doc: T): { _id: string } & T => ({ _id: documentIdOf(doc), ...doc });

/** A re-iterable, lazy sequence: each loop regenerates the same documents from the seed. */
function lazy<T>(produce: () => Iterator<T>): Iterable<T> {
  return { [Symbol.iterator]: produce };
}

function toMillis(now: DemoDataOptions['now']): number {
  const ms = typeof now === 'number' ? now : typeof now === 'string' ? Date.parse(now) : now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`invalid demo "now": ${String(now)}`);
  return ms;
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
}

interface IssuedNumber {
  number: string;
  leaseId: string;
}

interface TriageRecord {
  history: TriageHistory;
  step: TriageStep;
  issued?: IssuedNumber;
  voided?: { issued: IssuedNumber; at: number };
}

/** The decisions of one request, with the REDS numbers its validations drew. */
function* recordsOf(history: TriageHistory, allocator: RedsAllocator, nowMs: number): Generator<TriageRecord> {
  for (const step of history.steps) {
    if (step.outcome !== 'validated') {
      yield { history, step };
      continue;
    }
    const issued = allocator.issue(step.officer, history.plan.unit.unitId, step.at);
    const voidedAt = step.at + 2 * MINUTE_MS;
    if (!history.lostRace || voidedAt > nowMs) {
      yield { history, step, issued };
      continue;
    }
    yield { history, step, issued, voided: { issued: allocator.issue(history.lostRace, history.plan.unit.unitId, voidedAt - MINUTE_MS), at: voidedAt } };
  }
}

function* ledgerDocuments({ history, step, issued, voided }: TriageRecord): Generator<DemoDocument<'reds_entry'>> {
  if (!issued) return;
  yield withId(ledgerEntryOf(history, step, issued, step.officer));
  if (voided && history.lostRace) yield withId(ledgerEntryOf(history, step, voided.issued, history.lostRace, voided.at));
}

function* referenceDocuments(): Generator<DemoDocument<'nature' | 'unit' | 'post' | 'reason_template' | 'user'>> {
  for (const nature of NATURES) yield withId(nature);
  for (const { region: _region, ...unit } of DEMO_UNITS) yield withId(unit);
  for (const post of DEMO_POSTS) yield withId(post);
  for (const template of REASON_TEMPLATES) yield withId(template);
  for (const user of DEMO_USERS) yield withId(userProfileOf(user));
}

/** Everything the triage of one request left besides its REDS leases. */
function* triageDocuments(history: TriageHistory, allocator: RedsAllocator, nowMs: number): Generator<DemoDocument> {
  const claim = claimOf(history);
  if (claim) yield withId(claim);
  for (const record of recordsOf(history, allocator, nowMs)) {
    yield withId(decisionOf(record.history, record.step, record.issued?.number));
    yield* ledgerDocuments(record);
  }
  const note = noteOf(history);
  if (note) yield withId(note);
  const entry = accessEntryOf(history);
  if (entry) yield withId(entry);
}

/** The next planned maintenance: three nights from now, 01:00–03:00 local. */
function maintenanceNotice(nowMs: number): MaintenanceNotice {
  const startsAt = localDayStart(nowMs) + 3 * DAY_MS + HOUR_MS;
  return {
    type: 'notice',
    schemaVersion: 1,
    noticeId: `maintenance-${localDate(startsAt)}`,
    message: `Manutenção programada do servidor de sincronização em ${localDate(startsAt).split('-').reverse().join('/')}, das 01h às 03h. Trabalhe normalmente: o console sincroniza ao voltar.`,
    startsAt: isoUtc(startsAt),
    endsAt: isoUtc(startsAt + 2 * HOUR_MS),
    publishedBy: 'admin',
    publishedAt: isoUtc(nowMs - DAY_MS),
  };
}

/**
 * Demo documents for every database, generated lazily and deterministically from (seed, now, counts):
 * a million requests stream without sitting in memory, and the same inputs give the same documents.
 */
export function generateDemoData(options: DemoDataOptions): DemoData {
  const nowMs = toMillis(options.now);
  const days = options.days ?? DEFAULT_DEMO_DAYS;
  checkCount('requests', options.requests);
  checkCount('cards', options.cards);
  if (!(Number.isInteger(days) && days >= 1 && days <= 3650)) throw new RangeError('days must be an integer between 1 and 3650');
  const window: RequestWindow = { seed: options.seed, nowMs, count: options.requests, days };
  const newAllocator = () => new RedsAllocator(nowMs - days * DAY_MS, nowMs);
  const histories = () => new TriageSimulator(new RequestPlanner(window)).histories();

  function* triageRecords(): Generator<TriageRecord, RedsAllocator> {
    const allocator = newAllocator();
    for (const history of histories()) yield* recordsOf(history, allocator, nowMs);
    return allocator;
  }

  function* cardDocuments(withProcess: boolean, withEvents: boolean): Generator<DemoDocument<'card_process' | 'card_event'>> {
    const builder = new CardBuilder(options.seed, nowMs);
    for (let index = 0; index < options.cards; index++) {
      const { card, events } = builder.build(index);
      if (withProcess) yield withId(card);
      if (withEvents) for (const event of events) yield withId(event);
    }
  }

  function* fromHistories<T extends PlantaoDocument>(pick: (history: TriageHistory) => T | undefined): Generator<{ _id: string } & T> {
    for (const history of histories()) {
      const doc = pick(history);
      if (doc) yield withId(doc);
    }
  }

  return {
    reference: lazy(referenceDocuments),
    requests: lazy(function* () {
      const planner = new RequestPlanner(window);
      const builder = new RequestBuilder(planner);
      for (let index = 0; index < window.count; index++) yield withId(builder.build(planner.plan(index)));
    }),
    claims: lazy(() => fromHistories(claimOf)),
    decisions: lazy(function* () {
      for (const record of triageRecords()) yield withId(decisionOf(record.history, record.step, record.issued?.number));
    }),
    notes: lazy(() => fromHistories(noteOf)),
    reds_ledger: lazy(function* () {
      for (const record of triageRecords()) yield* ledgerDocuments(record);
    }),
    reds_leases: lazy(function* () {
      const records = triageRecords();
      let next = records.next();
      while (!next.done) next = records.next();
      for (const lease of next.value.leases()) yield withId(lease);
    }),
    cards: lazy(() => cardDocuments(true, false) as Generator<DemoDocument<'card_process'>>),
    card_events: lazy(() => cardDocuments(false, true) as Generator<DemoDocument<'card_event'>>),
    access_log: lazy(() => fromHistories(accessEntryOf)),
    notices: lazy(function* () {
      yield withId(maintenanceNotice(nowMs));
    }),
    all: lazy(function* () {
      yield* referenceDocuments();
      const planner = new RequestPlanner(window);
      const builder = new RequestBuilder(planner);
      const simulator = new TriageSimulator(planner);
      const allocator = newAllocator();
      for (let index = 0; index < window.count; index++) {
        const plan = planner.plan(index);
        yield withId(builder.build(plan));
        yield* triageDocuments(simulator.history(plan), allocator, nowMs);
      }
      for (const lease of allocator.leases()) yield withId(lease);
      yield* cardDocuments(true, true);
      yield withId(maintenanceNotice(nowMs));
    }),
  };
}

/** A request as the citizen portal would send it at `submittedAt`, for the intake simulator. */
export function demoSubmission(seed: number, index: number, submittedAt: Date | string | number): RequestSubmission {
  const submittedMs = toMillis(submittedAt);
  const planner = new RequestPlanner({ seed, nowMs: submittedMs + 1, count: index + 1, days: DEFAULT_DEMO_DAYS });
  const { type: _type, schemaVersion: _version, protocol: _protocol, unitId: _unit, receivedAt: _received, secret: _secret, ...submission } =
    new RequestBuilder(planner).build(planner.planAt(index, submittedMs));
  return submission;
}
