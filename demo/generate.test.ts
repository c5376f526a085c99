import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NATURES } from '../shared/reference/natures';
import { REASON_TEMPLATES } from '../shared/reference/reason-templates';
import { deriveCardStage } from '../shared/rules/card-stage-fold';
import { cardValidUntil } from '../shared/rules/card-validity';
import { parseRedsNumber } from '../shared/rules/reds-number';
import { hasBlockingFlag, requestFlags } from '../shared/rules/request-flags';
import {
  CARD_MAIN_STAGES, CARD_STAGES, DATABASE_NAMES, databaseOf, documentIdOf, PlantaoDocumentSchema, RequestSubmissionSchema,
  type CardStageEvent, type DatabaseName, type Decision, type OccurrenceRequest, type RedsLease, type RedsLedgerEntry,
} from '../shared/schemas';
import { demoSubmission, generateDemoData, type DemoDocument } from './generate';
import { MG_MUNICIPALITIES } from './geography';
import { DEMO_UNITS, DEMO_USERS } from './reference-data';

const NOW = '2026-11-21T15:00:00.000Z';
const NOW_MS = Date.parse(NOW);
const ms = (iso: string): number => Date.parse(iso);

function collect(data: ReturnType<typeof generateDemoData>): Record<DatabaseName, DemoDocument[]> {
  return Object.fromEntries(DATABASE_NAMES.map((db) => [db, [...data[db]]])) as Record<DatabaseName, DemoDocument[]>;
}

function hashOf(data: ReturnType<typeof generateDemoData>): string {
  const hash = createHash('sha256');
  for (const db of DATABASE_NAMES) for (const doc of data[db]) hash.update(`${db}\t${JSON.stringify(doc)}\n`);
  return hash.digest('hex');
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

describe('a 2,000-request + 500-card demo', () => {
  const docs = collect(generateDemoData({ seed: 11, now: NOW, requests: 2000, cards: 500 }));
  const requests = docs.requests as unknown as (OccurrenceRequest & { _id: string })[];
  const decisions = docs.decisions as unknown as (Decision & { _id: string })[];
  const ledger = docs.reds_ledger as unknown as (RedsLedgerEntry & { _id: string })[];
  const leases = docs.reds_leases as unknown as (RedsLease & { _id: string })[];
  const requestById = new Map(requests.map((request) => [request.protocol, request]));
  const decisionsByRequest = groupBy(decisions, (decision) => decision.requestId);

  it('gives every document a valid schema, its database and the _id documentIdOf computes', () => {
    expect(requests).toHaveLength(2000);
    expect(docs.cards).toHaveLength(500);
    for (const db of DATABASE_NAMES) {
      expect(docs[db].length, db).toBeGreaterThan(0);
      const ids = new Set<string>();
      for (const doc of docs[db]) {
        const parsed = PlantaoDocumentSchema.safeParse(doc);
        expect(parsed.error?.issues, `${db} ${doc._id}`).toBeUndefined();
        expect(databaseOf(doc.type)).toBe(db);
        expect(doc._id).toBe(documentIdOf(parsed.data as DemoDocument));
        ids.add(doc._id);
      }
      expect(ids.size, `${db} ids are unique`).toBe(docs[db].length);
    }
  });

  it('has demo users for every role, scoped to existing units and posts', () => {
    const units = new Set(docs.reference.filter((doc) => doc.type === 'unit').map((doc) => doc._id));
    const posts = new Set(docs.reference.filter((doc) => doc.type === 'post').map((doc) => doc._id));
    expect(units.size).toBeGreaterThanOrEqual(2);
    expect(posts.size).toBeGreaterThanOrEqual(6);
    for (const role of ['triage_officer', 'identification_clerk', 'service_desk', 'supervisor', 'admin', 'intake'] as const) {
      expect(DEMO_USERS.some((user) => user.roles.includes(role)), role).toBe(true);
    }
    for (const user of DEMO_USERS) {
      if (user.unitId) expect(units.has(`unit:${user.unitId}`)).toBe(true);
      if (user.postId) expect(posts.has(`post:${user.postId}`)).toBe(true);
    }
  });

  it('submits requests in protocol order before now, with facts before submission, in Minas Gerais', () => {
    const ddds = new Set(MG_MUNICIPALITIES.map((item) => item.ddd));
    for (const [index, request] of requests.entries()) {
      const previous = requests[index - 1];
      if (previous) {
        expect(ms(request.submittedAt)).toBeGreaterThanOrEqual(ms(previous.submittedAt));
        expect(request.protocol > previous.protocol).toBe(true);
      }
      expect(ms(request.submittedAt)).toBeLessThan(NOW_MS);
      expect(ms(request.submittedAt)).toBeGreaterThanOrEqual(NOW_MS - 14 * 86_400_000);
      expect(ms(request.fact.startedAt)).toBeLessThan(ms(request.submittedAt));
      expect(request.secret).toBe(request.natureCode.startsWith('VD_'));
      if (request.requester.kind === 'person_br') expect(request.requester.address.uf).toBe('MG');
      const { address } = request.requester;
      const municipality = MG_MUNICIPALITIES.find((item) => item.name === address.municipality);
      expect(municipality?.ibge).toBe(address.municipalityCode);
      expect(Number(address.cep?.slice(0, 5))).toBeGreaterThanOrEqual(30000);
      expect(Number(address.cep?.slice(0, 5))).toBeLessThanOrEqual(39999);
      if (request.requester.mobile) expect(ddds.has(request.requester.mobile.slice(1, 3))).toBe(true);
    }
    const kinds = new Set(requests.map((request) => request.requester.kind));
    expect(kinds).toEqual(new Set(['person_br', 'person_foreign', 'company']));
    expect(requests.some((request) => request.victim && request.requester.kind !== 'company' && request.requester.capacity === 'legal_representative')).toBe(true);
  });

  it('raises only the flags it plants, on about 2 % of requests, and never validates a blocked one', () => {
    const planted = new Set(['domestic_violence_not_eligible', 'too_many_authors', 'fact_outside_state', 'fact_too_old', 'contact_missing']);
    let blocked = 0;
    for (const request of requests) {
      const unit = DEMO_UNITS.find((item) => item.unitId === request.unitId);
      expect(unit).toBeDefined();
      const flags = requestFlags(request, { now: request.submittedAt, unit: unit as (typeof DEMO_UNITS)[number], natures: NATURES });
      for (const flag of flags) expect(planted.has(flag.code), `${request.protocol}: ${flag.code}`).toBe(true);
      const steps = decisionsByRequest.get(request.protocol) ?? [];
      const final = steps[steps.length - 1];
      if (hasBlockingFlag(flags)) {
        blocked++;
        expect(final?.outcome).not.toBe('validated');
      }
      if (final?.outcome === 'validated' && flags.some((flag) => flag.code === 'fact_too_old')) {
        expect(final.overrides.map((override) => override.flagCode)).toEqual(['fact_too_old']);
      }
    }
    expect(blocked / requests.length).toBeGreaterThan(0.005);
    expect(blocked / requests.length).toBeLessThan(0.05);
  });

  it('decides most requests older than the 60-minute target and leaves the recent ones open', () => {
    const old = requests.filter((request) => ms(request.submittedAt) < NOW_MS - 2 * 3_600_000);
    const decided = old.filter((request) => decisionsByRequest.has(request.protocol));
    expect(decided.length / old.length).toBeGreaterThan(0.9);
    const recent = requests.filter((request) => ms(request.submittedAt) > NOW_MS - 4 * 60_000);
    for (const request of recent) expect(decisionsByRequest.has(request.protocol)).toBe(false);
    const withinTarget = [...decisionsByRequest.values()].filter((steps) => {
      const first = steps[0] as Decision;
      return ms(first.decidedAt) - ms((requestById.get(first.requestId) as OccurrenceRequest).submittedAt) <= 60 * 60_000;
    });
    expect(withinTarget.length / decisionsByRequest.size).toBeGreaterThan(0.6);
    expect(withinTarget.length).toBeLessThan(decisionsByRequest.size);
  });

  it('chains each request’s decisions and gives reasons from the shared templates', () => {
    for (const [protocol, steps] of decisionsByRequest) {
      const request = requestById.get(protocol);
      expect(request, protocol).toBeDefined();
      steps.forEach((decision, index) => {
        expect(decision.sequence).toBe(index + 1);
        expect(decision.unitId).toBe(request?.unitId);
        expect(ms(decision.decidedAt)).toBeGreaterThan(ms(request?.submittedAt ?? ''));
        expect(ms(decision.decidedAt)).toBeLessThanOrEqual(NOW_MS);
        expect(DEMO_USERS.find((user) => user.userId === decision.officerId)?.unitId).toBe(decision.unitId);
        if (decision.reasonCode) {
          const template = REASON_TEMPLATES.find((item) => item.code === decision.reasonCode);
          expect(template?.appliesTo).toBe(decision.outcome);
          expect(decision.orientationText).toBe(template?.orientationText);
        }
        const previous = steps[index - 1];
        if (previous) {
          expect(ms(decision.decidedAt)).toBeGreaterThan(ms(previous.decidedAt));
          expect(['on_hold', 'resumed']).toContain(previous.outcome);
        }
      });
    }
    const outcomes = new Set(decisions.map((decision) => decision.outcome));
    expect(outcomes).toEqual(new Set(['validated', 'rejected', 'on_hold', 'resumed']));
  });

  it('issues each validation a REDS number from a block leased to the officer’s workstation', () => {
    const leaseById = new Map(leases.map((lease) => [lease.leaseId, lease]));
    const entryByNumber = new Map(ledger.map((entry) => [entry.number, entry]));
    const validated = decisions.filter((decision) => decision.outcome === 'validated');
    expect(ledger.filter((entry) => entry.status === 'issued')).toHaveLength(validated.length);
    for (const decision of validated) {
      const entry = entryByNumber.get(decision.redsNumber ?? '');
      expect(entry?.status).toBe('issued');
      expect(entry?.decisionId).toBe(decision._id);
      expect(entry?.requestId).toBe(decision.requestId);
      expect(entry?.userId).toBe(decision.officerId);
      expect(entry?.workstationId).toBe(decision.workstationId);
      expect(entry?.issuedAt).toBe(decision.decidedAt);
    }
    for (const entry of ledger) {
      const lease = leaseById.get(entry.leaseId);
      const parts = parseRedsNumber(entry.number);
      expect(lease, entry.leaseId).toBeDefined();
      expect(parts.ok).toBe(true);
      if (!lease || !parts.ok) continue;
      expect(parts.value.year).toBe(lease.year);
      expect(parts.value.sequence).toBeGreaterThanOrEqual(lease.firstSequence);
      expect(parts.value.sequence).toBeLessThanOrEqual(lease.lastSequence);
      if (lease.returnedFromSequence !== undefined) expect(parts.value.sequence).toBeLessThan(lease.returnedFromSequence);
      expect(entry.workstationId).toBe(lease.workstationId);
      expect(entry.userId).toBe(lease.userId);
      expect(ms(entry.issuedAt)).toBeGreaterThanOrEqual(ms(lease.leasedAt));
      expect(ms(entry.issuedAt)).toBeLessThanOrEqual(ms(lease.expiresAt));
      if (lease.closedAt) expect(ms(entry.issuedAt)).toBeLessThanOrEqual(ms(lease.closedAt));
      if (entry.status === 'void') expect(entry.void?.automatic).toBe(true);
    }
    const byYear = groupBy(leases, (lease) => String(lease.year));
    for (const yearLeases of byYear.values()) {
      const sorted = [...yearLeases].sort((a, b) => a.firstSequence - b.firstSequence);
      sorted.slice(1).forEach((lease, index) => expect(lease.firstSequence).toBeGreaterThan((sorted[index] as RedsLease).lastSequence));
    }
    expect(new Set(leases.map((lease) => lease.status))).toContain('returned');
    expect(leases.some((lease) => lease.status === 'active')).toBe(true);
  });

  it('holds claims only on open requests, still within their lease', () => {
    for (const doc of docs.claims) {
      if (doc.type !== 'claim') throw new Error('not a claim');
      const steps = decisionsByRequest.get(doc.requestId) ?? [];
      expect(requestById.has(doc.requestId)).toBe(true);
      expect(['resumed', undefined]).toContain(steps[steps.length - 1]?.outcome);
      expect(ms(doc.claimedAt)).toBeLessThanOrEqual(NOW_MS);
      expect(ms(doc.expiresAt)).toBeGreaterThan(NOW_MS);
    }
  });

  it('gives every card a legal chain of events that ends at its current stage, over every stage', () => {
    const eventsByCard = groupBy(docs.card_events as unknown as CardStageEvent[], (event) => event.protocol);
    const stages = new Set<string>();
    for (const card of docs.cards) {
      if (card.type !== 'card_process') throw new Error('not a card');
      const events = eventsByCard.get(card.protocol) ?? [];
      const derived = deriveCardStage(card, events);
      expect(derived.anomalies, card.protocol).toEqual([]);
      stages.add(derived.stage);
      let stage = 'pre_requested';
      let at = ms(card.createdAt);
      for (const event of events) {
        expect(event.from).toBe(stage);
        expect(ms(event.at)).toBeGreaterThan(at);
        expect(event.postId).toBe(card.postId);
        stage = event.to;
        at = ms(event.at);
      }
      expect(at).toBeLessThanOrEqual(NOW_MS);
      expect(derived.stage).toBe(stage);
      if (card.issuance === 'first') expect(card.fee.status).toBe('free');
      else expect(card.fee.status === 'due').toBe(stage === 'pre_requested');
      if (card.cpfSituation !== 'regular') expect(['pre_requested', 'fee_settled', 'scheduled', 'biometrics_collected', 'validated', 'pending_issue']).toContain(stage);
      const production = events.find((event) => event.to === 'in_production');
      expect(card.validUntil).toBe(production ? (cardValidUntil(card.holder.birthDate, production.at) ?? undefined) : undefined);
      if (stage === 'pending_issue') expect(events[events.length - 1]?.reasonCode).toBeDefined();
    }
    expect([...stages].sort()).toEqual([...CARD_STAGES].sort());
    expect(docs.cards.some((card) => card.type === 'card_process' && card.cpfSituation !== 'regular')).toBe(true);
    expect(CARD_MAIN_STAGES).toContain('delivered');
  });
});

describe('determinism', () => {
  const options = { seed: 3, now: NOW, requests: 300, cards: 80 };

  it('gives the same documents for the same seed and now, others for another seed', () => {
    const first = hashOf(generateDemoData(options));
    expect(hashOf(generateDemoData(options))).toBe(first);
    expect(hashOf(generateDemoData({ ...options, seed: 4 }))).not.toBe(first);
  });

  it('yields in the single pass exactly what the per-database iterables yield', () => {
    const data = generateDemoData(options);
    const routed = groupBy([...data.all], (doc) => databaseOf(doc.type));
    for (const db of DATABASE_NAMES) expect(routed.get(db) ?? [], db).toEqual([...data[db]]);
  });
});

describe('nature mix', () => {
  it('follows DOMAIN.md within ±3 points on 20,000 requests', () => {
    const counts = { documents: 0, traffic: 0, other: 0, domestic: 0 };
    for (const request of generateDemoData({ seed: 99, now: NOW, requests: 20_000, cards: 0 }).requests) {
      if (request.natureCode.startsWith('EXTRAVIO_')) counts.documents++;
      else if (request.natureCode === 'ACIDENTE_TRANSITO_SEM_VITIMA') counts.traffic++;
      else counts.other++;
      if (request.natureCode.startsWith('VD_')) counts.domestic++;
    }
    const share = (count: number) => (100 * count) / 20_000;
    expect(Math.abs(share(counts.documents) - 68)).toBeLessThanOrEqual(3);
    expect(Math.abs(share(counts.traffic) - 25)).toBeLessThanOrEqual(3);
    expect(Math.abs(share(counts.other) - 7)).toBeLessThanOrEqual(3);
    expect(share(counts.domestic)).toBeGreaterThan(0.5);
    expect(share(counts.domestic)).toBeLessThan(2.5);
  });
});

describe('demoSubmission', () => {
  it('builds what the portal would send at a given instant', () => {
    const submission = demoSubmission(5, 42, '2026-11-21T12:34:56.000Z');
    expect(RequestSubmissionSchema.safeParse(submission).error).toBeUndefined();
    expect(submission.submittedAt).toBe('2026-11-21T12:34:56.000Z');
    expect(ms(submission.fact.startedAt)).toBeLessThan(ms(submission.submittedAt));
    expect(demoSubmission(5, 42, '2026-11-21T12:34:56.000Z')).toEqual(submission);
  });
});
