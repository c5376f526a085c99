import type { RxCollection } from 'rxdb';
import { NATURES } from '../../../../shared/reference/natures';
import {
  conflictsOf,
  requestDecisions,
  resolutionsOf,
  triageRow,
  type Conflict,
  type ConflictResolution,
  type DerivedCard,
  type RequestDecisions,
  type TriageRow,
} from '../../../../shared/rules/supervisor';
import {
  decisionDocId,
  type AccessLogEntry,
  type Claim,
  type Decision,
  type Nature,
  type Note,
  type OccurrenceRequest,
  type Post,
  type RedsLease,
  type RedsLedgerEntry,
  type Unit,
  type UserProfile,
} from '../../../../shared/schemas';
import type { StoredDocument } from '../../../data/collection-schemas';
import type { PlantaoDatabase } from '../../../data/open-store';
import { plainOf, readStored, type Stored } from '../../../data/stored-reads';
import { cardBoardSource } from '../../cards/data/card-board-source';
import type { CardStageIndex } from '../../cards/data/card-stage-index';


/**
 * Everything the supervisor workspace reads, held in memory for the session (works offline). The maps are
 * live: a new object per change burst tells readers that something changed, so memoize on the object.
 */
export interface SupervisorData {
  loaded: boolean;
  unit: Unit | null;
  posts: readonly Post[];
  users: readonly UserProfile[];
  natures: readonly Nature[];
  /** The unit's requests by protocol. */
  requests: ReadonlyMap<string, OccurrenceRequest>;
  /** The unit's claims by request protocol (a claim's id is its request's). */
  claims: ReadonlyMap<string, Claim>;
  /** The unit's decisions by request protocol, with what the statistics need of them. */
  decisions: ReadonlyMap<string, RequestDecisions>;
  /** The unit's requests by protocol as the statistics read them (instants parsed, decisions folded). */
  rows: ReadonlyMap<string, TriageRow>;
  leases: readonly RedsLease[];
  accessLog: readonly AccessLogEntry[];
  /** The post's cards with their folded stages: the card board's own index (null without a post). */
  cards: CardStageIndex | null;
  /** The unit's ledger entries. */
  entries(): readonly RedsLedgerEntry[];
  /** Every conflict the store shows (see conflictsOf), computed once per change burst. */
  conflicts(): Conflict[];
  resolutions(): ReadonlyMap<string, ConflictResolution>;
}

/** Readers recompute on each change: during a sync burst, at most one notification per this delay. */
const NOTIFY_DELAY_MS = 500;

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

type ReferenceDoc = (Unit | Post | UserProfile | Nature) & { type: string };

/** What the source does with every mirror, whatever its document type. */
interface Mirrored {
  readonly collection: RxCollection<StoredDocument>;
  readonly selector: Record<string, unknown>;
  apply(doc: Stored): void;
}

/** One collection's documents in memory by id: those `keep` accepts, as of the last change applied. */
class Mirror<T> implements Mirrored {
  readonly byId = new Map<string, T>();
  constructor(
    readonly collection: RxCollection<StoredDocument>,
    /** The first read's selector: a superset of what `keep` accepts. */
    readonly selector: Record<string, unknown>,
    private readonly keep: (doc: T) => boolean,
    private readonly changed: (before: T | undefined, after: T | undefined) => void = () => undefined,
  ) {}

  apply(doc: Stored): void {
    const before = this.byId.get(doc.id);
    const body = doc._deleted ? undefined : plainOf<T>(doc);
    const after = body !== undefined && this.keep(body) ? body : undefined;
    if (after) this.byId.set(doc.id, after);
    else this.byId.delete(doc.id);
    if (before || after) this.changed(before, after);
  }
}

/**
 * The supervisor's unit and post for the whole session, one per store, unit and post (modelled on the card
 * board source): one `eventBulks$` subscription per collection, a first read straight from the storage (no
 * RxDB documents), then every change applied to its own document. A request's decisions are folded once per
 * change of them (requestDecisions), and the cards come from the card board's index (its saved snapshot, its
 * incremental fold), so opening the workspace again only computes the period's statistics over these rows.
 */
class SupervisorSource {
  private readonly mirrors: Mirrored[];
  private readonly reference: Mirror<ReferenceDoc>;
  private readonly requests: Mirror<OccurrenceRequest>;
  private readonly claims: Mirror<Claim>;
  private readonly decisions: Mirror<Decision>;
  private readonly entries: Mirror<RedsLedgerEntry>;
  private readonly leases: Mirror<RedsLease>;
  private readonly notes: Mirror<Note>;
  private readonly accessLog: Mirror<AccessLogEntry>;
  /** Decisions by request, then by document id. */
  private readonly groups = new Map<string, Map<string, Decision>>();
  private readonly facts = new Map<string, RequestDecisions>();
  private readonly rows = new Map<string, TriageRow>();
  /** Requests whose decisions changed since their facts were folded. */
  private readonly touchedDecisions = new Set<string>();
  /** Requests whose row is to be derived again (the request or its decisions changed). */
  private readonly touchedRows = new Set<string>();
  private readonly cards: CardStageIndex | null;
  private readonly listeners = new Set<() => void>();
  private loaded = false;
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  private current: SupervisorData;

  constructor(
    database: PlantaoDatabase,
    private readonly unitId: string | undefined,
    postId: string | undefined,
  ) {
    const inUnit = (doc: { unitId: string }) => doc.unitId === unitId;
    this.reference = new Mirror<ReferenceDoc>(database.reference, {}, () => true);
    const touchRow = (request: OccurrenceRequest | undefined) => request && this.touchedRows.add(request.protocol);
    this.requests = new Mirror<OccurrenceRequest>(database.requests, { unitId }, inUnit, (before, after) => (touchRow(before), touchRow(after)));
    this.claims = new Mirror<Claim>(database.claims, { unitId }, inUnit);
    this.decisions = new Mirror<Decision>(database.decisions, { unitId }, inUnit, (before, after) => {
      this.regroup(before, false);
      this.regroup(after, true);
    });
    this.entries = new Mirror<RedsLedgerEntry>(database.reds_ledger, { unitId }, inUnit);
    this.leases = new Mirror<RedsLease>(database.reds_leases, { unitId }, inUnit);
    this.notes = new Mirror<Note>(database.notes, {}, () => true);
    this.accessLog = new Mirror<AccessLogEntry>(database.access_log, {}, () => true);
    const ofUnit: Mirrored[] = [this.requests, this.claims, this.decisions, this.entries, this.leases];
    // Without a unit nothing of a unit is read (as the server scopes it, nothing of one is stored either).
    this.mirrors = [this.reference, this.notes, this.accessLog, ...(unitId ? ofUnit : [])];
    this.cards = postId ? cardBoardSource(database, postId) : null;
    this.current = this.snapshotOf();

    // Subscribed before the first read: changes made meanwhile are applied after it, in order (idempotent).
    let waiting: (() => void)[] | null = [];
    const live = this.mirrors.map((mirror) =>
      mirror.collection.eventBulks$.subscribe((bulk) => {
        const docs = bulk.events.map((event) => event.documentData as Stored);
        const apply = () => docs.forEach((doc) => mirror.apply(doc));
        if (waiting) waiting.push(apply);
        else {
          apply();
          this.changed();
        }
      }),
    );
    const unsubscribeCards = this.cards?.subscribe(() => this.changed());
    database.onClose.push(() => {
      clearTimeout(this.notifyTimer);
      live.forEach((subscription) => subscription.unsubscribe());
      unsubscribeCards?.();
    });

    void Promise.all(this.mirrors.map((mirror) => readStored(mirror.collection, { selector: mirror.selector }))).then(
      (read) => {
        read.forEach((docs, index) => docs.forEach((doc) => this.mirrors[index]?.apply(doc)));
        waiting?.forEach((apply) => apply());
        waiting = null;
        this.loaded = true;
        // User Timing mark: bench:dashboards reports the store read with it.
        performance.mark('supervisor:store-read');
        this.changed();
      },
      // The store closed under the read (logout): the source goes with it.
      () => undefined,
    );
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SupervisorData => this.current;

  private get ready(): boolean {
    return this.loaded && (this.cards?.loaded ?? true);
  }

  /** Publishes at once when the workspace becomes ready, otherwise once the burst has had its delay. */
  private changed(): void {
    if (this.ready && !this.current.loaded) return this.publish();
    this.notifyTimer ??= setTimeout(() => this.publish(), NOTIFY_DELAY_MS);
  }

  private publish(): void {
    clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    for (const requestId of this.touchedDecisions) {
      const group = this.groups.get(requestId);
      if (group && group.size > 0) this.facts.set(requestId, requestDecisions([...group.values()].sort((a, b) => a.sequence - b.sequence)));
      else {
        this.groups.delete(requestId);
        this.facts.delete(requestId);
      }
      this.touchedRows.add(requestId);
    }
    this.touchedDecisions.clear();
    for (const protocol of this.touchedRows) {
      const request = this.requests.byId.get(protocol);
      if (request) this.rows.set(protocol, triageRow(request, this.facts.get(protocol)));
      else this.rows.delete(protocol);
    }
    this.touchedRows.clear();
    this.current = this.snapshotOf();
    for (const listener of this.listeners) listener();
  }

  /** Keeps the request's decisions grouped; its facts are folded again at the next publish. */
  private regroup(decision: Decision | undefined, stored: boolean): void {
    if (!decision) return;
    let group = this.groups.get(decision.requestId);
    if (!group) this.groups.set(decision.requestId, (group = new Map()));
    const id = decisionDocId(decision.requestId, decision.sequence);
    if (stored) group.set(id, decision);
    else group.delete(id);
    this.touchedDecisions.add(decision.requestId);
  }

  private snapshotOf(): SupervisorData {
    const refs = [...this.reference.byId.values()];
    const natures = refs.filter((doc): doc is Nature & { type: 'nature' } => doc.type === 'nature');
    const decisions = this.decisions.byId;
    const cards = this.cards;
    const entries = once(() => [...this.entries.byId.values()]);
    return {
      loaded: this.ready,
      unit: refs.find((doc): doc is Unit & { type: 'unit' } => doc.type === 'unit' && (doc as Unit).unitId === this.unitId) ?? null,
      posts: refs.filter((doc): doc is Post & { type: 'post' } => doc.type === 'post'),
      users: refs.filter((doc): doc is UserProfile & { type: 'user' } => doc.type === 'user'),
      natures: natures.length > 0 ? natures : NATURES,
      requests: this.requests.byId,
      claims: this.claims.byId,
      decisions: this.facts,
      rows: this.rows,
      leases: [...this.leases.byId.values()],
      accessLog: [...this.accessLog.byId.values()],
      cards,
      entries,
      conflicts: once(() => conflictsOf({ entries: entries(), decisionOf: (id) => decisions.get(id), cards: cards ? anomalousCards(cards) : [] })),
      resolutions: once(() => resolutionsOf([...this.notes.byId.values()])),
    };
  }
}

/** Cards whose fold found anomalies, with their events; a card restored from the board's snapshot has its events read. */
function anomalousCards(index: CardStageIndex): DerivedCard[] {
  const cards: DerivedCard[] = [];
  for (const { card, derived } of index.all()) {
    if (derived.anomalies.length === 0) continue;
    index.ensureEvents(card.protocol);
    cards.push({ card, derived, events: index.eventsOf(card.protocol) });
  }
  return cards;
}

const sources = new WeakMap<PlantaoDatabase, Map<string, SupervisorSource>>();

/** The supervisor data of this store, unit and post: created on first use, alive until the store closes. */
export function supervisorSource(database: PlantaoDatabase, unitId: string | undefined, postId: string | undefined): SupervisorSource {
  let byScope = sources.get(database);
  if (!byScope) sources.set(database, (byScope = new Map()));
  const key = `${unitId ?? ''}|${postId ?? ''}`;
  let source = byScope.get(key);
  if (!source) byScope.set(key, (source = new SupervisorSource(database, unitId, postId)));
  return source;
}
