import { useEffect, useState } from 'react';
import { debounceTime, merge, startWith } from 'rxjs';
import type {
  AccessLogEntry,
  CardProcess,
  CardStageEvent,
  Claim,
  Decision,
  Nature,
  Note,
  OccurrenceRequest,
  Post,
  RedsLease,
  RedsLedgerEntry,
  Unit,
  UserProfile,
} from '../../../../shared/schemas';
import { NATURES } from '../../../../shared/reference/natures';
import type { StoredDocument } from '../../../data/collection-schemas';
import type { PlantaoDatabase } from '../../../data/open-store';

/** Everything the supervisor workspace reads, straight from the local replicated store (works offline). */
export interface SupervisorData {
  loaded: boolean;
  unit: Unit | null;
  posts: Post[];
  users: UserProfile[];
  natures: readonly Nature[];
  requests: OccurrenceRequest[];
  decisions: Decision[];
  claims: Claim[];
  notes: Note[];
  entries: RedsLedgerEntry[];
  leases: RedsLease[];
  cards: CardProcess[];
  events: CardStageEvent[];
  accessLog: AccessLogEntry[];
}

const EMPTY: SupervisorData = {
  loaded: false, unit: null, posts: [], users: [], natures: NATURES, requests: [], decisions: [], claims: [], notes: [], entries: [], leases: [], cards: [], events: [], accessLog: [],
};

/** Changes arrive in bursts during sync: reload at most this often. */
const RELOAD_DEBOUNCE_MS = 1_000;

/** The shared document out of a stored one (RxDB's id, revision and attachment fields dropped). */
function bodies<T>(docs: readonly { toJSON(): unknown }[]): T[] {
  return docs.map((doc) => {
    const { id: _id, couchRev: _rev, couchAttachments: _attachments, ...body } = doc.toJSON() as StoredDocument & Record<string, unknown>;
    return body as T;
  });
}

async function load(database: PlantaoDatabase, scope: { unitId?: string | undefined; postId?: string | undefined }): Promise<SupervisorData> {
  const { unitId, postId } = scope;
  const [reference, requests, decisions, claims, notes, entries, leases, cards, events, accessLog] = await Promise.all([
    database.reference.find().exec(),
    unitId ? database.requests.find({ selector: { unitId } }).exec() : [],
    database.decisions.find().exec(),
    database.claims.find().exec(),
    database.notes.find().exec(),
    database.reds_ledger.find().exec(),
    database.reds_leases.find().exec(),
    postId ? database.cards.find({ selector: { postId } }).exec() : [],
    postId ? database.card_events.find({ selector: { postId } }).exec() : [],
    database.access_log.find().exec(),
  ]);
  const refs = bodies<Unit | Post | UserProfile | Nature | { type: string }>(reference);
  const natures = refs.filter((doc): doc is Nature => doc.type === 'nature');
  const inUnit = <T extends { unitId: string }>(doc: T) => doc.unitId === unitId;
  return {
    loaded: true,
    unit: refs.find((doc): doc is Unit => doc.type === 'unit' && (doc as Unit).unitId === unitId) ?? null,
    posts: refs.filter((doc): doc is Post => doc.type === 'post'),
    users: refs.filter((doc): doc is UserProfile => doc.type === 'user'),
    natures: natures.length > 0 ? natures : NATURES,
    requests: bodies<OccurrenceRequest>(requests),
    decisions: bodies<Decision>(decisions).filter(inUnit),
    claims: bodies<Claim>(claims).filter(inUnit),
    notes: bodies<Note>(notes),
    entries: bodies<RedsLedgerEntry>(entries).filter(inUnit),
    leases: bodies<RedsLease>(leases).filter(inUnit),
    cards: bodies<CardProcess>(cards),
    events: bodies<CardStageEvent>(events),
    accessLog: bodies<AccessLogEntry>(accessLog),
  };
}

export function useSupervisorData(database: PlantaoDatabase, unitId: string | undefined, postId: string | undefined): SupervisorData {
  const [data, setData] = useState<SupervisorData>(EMPTY);
  useEffect(() => {
    let cancelled = false;
    const collections = [database.reference, database.requests, database.decisions, database.claims, database.notes, database.reds_ledger, database.reds_leases, database.cards, database.card_events, database.access_log];
    const subscription = merge(...collections.map((collection) => collection.$))
      .pipe(debounceTime(RELOAD_DEBOUNCE_MS), startWith(null))
      .subscribe(() => {
        void load(database, { unitId, postId }).then((loaded) => {
          if (!cancelled) setData(loaded);
        });
      });
    return () => {
      cancelled = true;
      subscription.unsubscribe();
    };
  }, [database, unitId, postId]);
  return data;
}
