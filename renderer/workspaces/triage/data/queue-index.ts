import type { RxChangeEvent } from 'rxdb';
import { NATURES } from '../../../../shared/reference/natures';
import { queueEntry, type QueueEntry } from '../../../../shared/rules/triage/queue';
import { UnitSchema, type Claim, type Decision, type OccurrenceRequest, type Unit } from '../../../../shared/schemas';
import type { PlantaoDatabase } from '../../../data/open-store';
import { readStored, type Stored } from '../../../data/stored-reads';

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
/** The first page is the screenful an officer starts on; later pages are larger, one main-thread task each. */
const PAGES = { first: 200, next: 5_000 };
/** Change events arrive one by one (a bulk write of 2,000 is 2,000 events): applied together after this pause. */
const FLUSH_DELAY_MS = 16;

/**
 * The stored body without RxDB's bookkeeping (`_rev`, `_meta`, …), as `toJSON()` gives it: `couchRev` stays,
 * it tells a claim the server acknowledged (confirmAcknowledgedClaims).
 */
function bodyOf<T>(data: Record<string, unknown>): T {
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(data)) if (!key.startsWith('_')) body[key] = data[key];
  return body as T;
}

const arrivalOf = (doc: Stored) => (doc as Stored & Pick<OccurrenceRequest, 'receivedAt'>).receivedAt;

/**
 * The unit's stored requests by arrival, page after page, along the `[unitId, receivedAt]` index. Each page
 * starts at the last arrival time read (a range, not a skip, so no page re-reads the index before it); the
 * requests of that instant already read come first in the index's id order and are dropped.
 */
export async function* requestsOldestFirst(database: PlantaoDatabase, unitId: string, pages = PAGES): AsyncGenerator<Stored[]> {
  let from: { receivedAt: string; seen: number } | null = null;
  for (let size = pages.first; ; size = pages.next) {
    const selector = from ? { unitId, receivedAt: { $gte: from.receivedAt } } : { unitId };
    const skipped = from?.seen ?? 0;
    const docs = await readStored(database.requests, { selector, sort: [{ receivedAt: 'asc' }, { id: 'asc' }], limit: size + skipped });
    const page = docs.slice(skipped);
    if (page.length > 0) yield page;
    if (docs.length < size + skipped) return;
    const last = arrivalOf(page.at(-1)!);
    // How many requests of the last instant are read already (the page may be all of that instant).
    let seen = 0;
    for (let index = docs.length - 1; index >= 0 && arrivalOf(docs[index]!) === last; index -= 1) seen += 1;
    from = { receivedAt: last, seen };
  }
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
  /**
   * Whether the current snapshot (and so its maps) was handed out: only then does a change copy the maps.
   * Started with the session, the index takes the whole first download by change events, batch after batch,
   * before any workspace reads it; copying 100,000 entries per batch would cost more than the batch.
   */
  private exposed = false;

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

  readonly getSnapshot = (): QueueSnapshot => {
    this.exposed = true;
    return this.current;
  };

  private async load(): Promise<void> {
    const { database, unitId } = this;
    const [units, claims, decisions] = await Promise.all([
      readStored(database.reference, { selector: { type: 'unit' } }),
      readStored(database.claims, { selector: { unitId } }),
      readStored(database.decisions, {}),
    ]);
    for (const doc of units) this.applyReference(bodyOf(doc));
    for (const doc of claims) this.claims.set(doc.id, bodyOf<Claim>(doc));
    for (const doc of decisions) this.setDecision(bodyOf<Decision>(doc));
    // Oldest first, in pages: the head of the queue is shown (and workable) while the rest is read.
    for await (const page of requestsOldestFirst(database, unitId)) {
      this.unshare(['requests']);
      for (const doc of page) this.setRequest(bodyOf<OccurrenceRequest>(doc));
      this.publish();
      if (this.requests.size === page.length) performance.mark('triage-queue:first-page');
    }
    performance.mark('triage-queue:read');
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
    this.unshare(events.map((event) => event.collectionName));
    for (const event of events) this.apply(event);
    this.publish();
  }

  /** Readers compare maps by identity: the maps of the kinds about to change are copied if a reader holds them. */
  private unshare(touched: Iterable<string | undefined>): void {
    if (!this.exposed) return;
    const kinds = new Set(touched);
    if (kinds.has('requests') || kinds.has('reference')) {
      this.requests = new Map(this.requests);
      this.entries = new Map(this.entries);
    }
    if (kinds.has('claims')) this.claims = new Map(this.claims);
    if (kinds.has('decisions')) this.decisions = new Map(this.decisions);
  }

  private publish(): void {
    this.current = this.snapshotOf();
    this.exposed = false;
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
