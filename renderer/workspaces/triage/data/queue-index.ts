import type { RxChangeEvent } from 'rxdb';
import { NATURES } from '../../../../shared/reference/natures';
import { queueEntry, type QueueEntry } from '../../../../shared/rules/triage/queue';
import { UnitSchema, type Claim, type Decision, type OccurrenceRequest, type Unit } from '../../../../shared/schemas';
import type { PlantaoDatabase } from '../../../data/open-store';

/** What the triage workspace reads: one immutable snapshot per batch of changes. */
export interface QueueSnapshot {
  unit: Unit | null;
  requests: ReadonlyMap<string, OccurrenceRequest>;
  claims: ReadonlyMap<string, Claim>;
  decisions: ReadonlyMap<string, Decision[]>;
  /** The request-only part of every queue line, computed once per request version. */
  entries: ReadonlyMap<string, QueueEntry>;
  loading: boolean;
}

const WATCHED = new Set(['requests', 'claims', 'decisions', 'reference']);
/** Change events arrive one by one (a bulk write of 2,000 is 2,000 events): applied together after this pause. */
const FLUSH_DELAY_MS = 16;

/** The stored body without RxDB's bookkeeping (`_rev`, `_meta`, …), as `toJSON()` gives it. */
function bodyOf<T>(data: Record<string, unknown>): T {
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(data)) if (!key.startsWith('_')) body[key] = data[key];
  return body as T;
}

/**
 * The unit's requests, claims and decisions held in memory and kept current by ONE subscription to the
 * database's change stream, so that opening the workspace again costs nothing and a change touches only its
 * request. Queue entries (flags, masked name, search keys) are derived once per request version; lists
 * never read narratives beyond what the store decrypts anyway.
 */
class QueueIndex {
  private unit: Unit | null = null;
  private requests = new Map<string, OccurrenceRequest>();
  private claims = new Map<string, Claim>();
  private decisions = new Map<string, Decision[]>();
  private entries = new Map<string, QueueEntry>();
  private buffered: RxChangeEvent<Record<string, unknown>>[] = [];
  private loaded = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Set<() => void>();
  private current: QueueSnapshot;

  constructor(
    private readonly database: PlantaoDatabase,
    private readonly unitId: string,
  ) {
    this.current = this.snapshotOf();
    // Subscribed before the first read: nothing written meanwhile is missed (applied after the load).
    const subscription = database.$.subscribe((event: RxChangeEvent<Record<string, unknown>>) => {
      if (event.isLocal || !event.collectionName || !WATCHED.has(event.collectionName)) return;
      this.buffered.push(event);
      if (this.loaded) this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
    });
    database.onClose.push(() => subscription.unsubscribe());
    void this.load();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): QueueSnapshot => this.current;

  private async load(): Promise<void> {
    const { database, unitId } = this;
    const [units, requests, claims, decisions] = await Promise.all([
      database.reference.find({ selector: { type: 'unit' } }).exec(),
      database.requests.find({ selector: { unitId } }).exec(),
      database.claims.find({ selector: { unitId } }).exec(),
      database.decisions.find().exec(),
    ]);
    for (const doc of units) this.applyReference(doc.toJSON() as unknown as Record<string, unknown>);
    for (const doc of requests) this.setRequest(doc.toJSON() as unknown as OccurrenceRequest);
    for (const doc of claims) this.claims.set(doc.id, doc.toJSON() as unknown as Claim);
    for (const doc of decisions) this.setDecision(doc.toJSON() as unknown as Decision);
    this.loaded = true;
    this.flush();
  }

  private applyReference(body: Record<string, unknown>): void {
    if (body.type !== 'unit' || body.unitId !== this.unitId) return;
    const parsed = UnitSchema.safeParse(body);
    if (!parsed.success) return;
    this.unit = parsed.data;
    // Flags depend on the unit (its state, the oldest fact it takes): derive every entry again.
    for (const request of this.requests.values()) this.entries.set(request.protocol, queueEntry(request, { unit: this.unit, natures: NATURES, now: new Date() }));
  }

  private setRequest(request: OccurrenceRequest): void {
    this.requests.set(request.protocol, request);
    if (this.unit) this.entries.set(request.protocol, queueEntry(request, { unit: this.unit, natures: NATURES, now: new Date() }));
  }

  private setDecision(decision: Decision): void {
    if (decision.unitId !== this.unitId) return;
    const others = (this.decisions.get(decision.requestId) ?? []).filter((known) => known.sequence !== decision.sequence);
    this.decisions.set(decision.requestId, [...others, decision].sort((a, b) => a.sequence - b.sequence));
  }

  private apply(event: RxChangeEvent<Record<string, unknown>>): void {
    const deleted = event.operation === 'DELETE';
    const body = bodyOf<Record<string, unknown>>(event.documentData);
    switch (event.collectionName) {
      case 'reference':
        if (!deleted) this.applyReference(body);
        return;
      case 'requests':
        if (deleted || body.unitId !== this.unitId) {
          this.requests.delete(event.documentId);
          this.entries.delete(event.documentId);
        } else this.setRequest(body as unknown as OccurrenceRequest);
        return;
      case 'claims':
        if (deleted || body.unitId !== this.unitId) this.claims.delete(event.documentId);
        else this.claims.set(event.documentId, body as unknown as Claim);
        return;
      case 'decisions': {
        const decision = body as unknown as Decision;
        if (!deleted) this.setDecision(decision);
        else {
          const left = (this.decisions.get(decision.requestId) ?? []).filter((known) => known.sequence !== decision.sequence);
          if (left.length > 0) this.decisions.set(decision.requestId, left);
          else this.decisions.delete(decision.requestId);
        }
      }
    }
  }

  private flush(): void {
    this.flushTimer = null;
    const events = this.buffered.splice(0);
    // Readers compare maps by identity: a changed kind of document gets a new map, the others keep theirs.
    const touched = new Set(events.map((event) => event.collectionName));
    if (touched.has('requests') || touched.has('reference')) {
      this.requests = new Map(this.requests);
      this.entries = new Map(this.entries);
    }
    if (touched.has('claims')) this.claims = new Map(this.claims);
    if (touched.has('decisions')) this.decisions = new Map(this.decisions);
    for (const event of events) this.apply(event);
    this.current = this.snapshotOf();
    for (const listener of this.listeners) listener();
  }

  private snapshotOf(): QueueSnapshot {
    return { unit: this.unit, requests: this.requests, claims: this.claims, decisions: this.decisions, entries: this.entries, loading: !this.loaded };
  }
}

const indexes = new WeakMap<PlantaoDatabase, Map<string, QueueIndex>>();

/** The unit's queue index of this database: created on first use, alive until the database closes. */
export function queueIndexOf(database: PlantaoDatabase, unitId: string): QueueIndex {
  const byUnit = indexes.get(database) ?? new Map<string, QueueIndex>();
  indexes.set(database, byUnit);
  let index = byUnit.get(unitId);
  if (!index) {
    index = new QueueIndex(database, unitId);
    byUnit.set(unitId, index);
  }
  return index;
}
