import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { WithDeleted } from 'rxdb';
import { filter, firstValueFrom } from 'rxjs';
import { z } from 'zod';
import {
  AllDocsResponseSchema,
  BulkDocsResponseSchema,
  ChangesResponseSchema,
  DatabaseInfoSchema,
  type CouchSeq,
  type DatabaseName,
} from '../../shared/schemas';
import type { StoredDocument } from '../data/collection-schemas';
import { onlyRevisionMoved } from '../data/conflict-handler';
import type { DocumentCollection } from '../data/open-store';
import { Backoff } from './backoff';
import { fromCouch, toCouch } from './couch-mapping';
import { classifyBulkDocsRow } from './push-result';
import { retrying } from './retrying';
import { ServerRequestError, type ServerClient } from './server-client';
import type { Settlement, SyncMetaTracker } from './sync-meta-tracker';
import type { SyncEvent } from './sync-state';

export interface Checkpoint {
  sequence: CouchSeq;
}

export interface ReplicateOptions {
  db: DatabaseName;
  collection: DocumentCollection;
  client: ServerClient;
  tracker: SyncMetaTracker;
  dispatch: (event: SyncEvent) => void;
  serverBack: () => Promise<void>;
  batchSize?: number;
}

const SERVER_WON = 'Conflito: outra pessoa alterou antes; prevaleceu a versão do servidor.';
const NO_ACCESS = 'Sem acesso a esta base.';
const STALLED_MS = 2_000;

/**
 * The first download's documents handed to RxDB and those it stored (counted by the replication's writes to
 * the collection). Deleted documents are not counted: RxDB stores no change for a deletion it never held.
 */
function downloadBacklog(collection: DocumentCollection, onStored: (count: number) => void) {
  let pulled = 0;
  let stored = 0;
  let progressed: (() => void) | null = null;
  const subscription = collection.eventBulks$.pipe(filter((bulk) => bulk.context.startsWith('replication-downstream'))).subscribe((bulk) => {
    stored += bulk.events.length;
    onStored(bulk.events.length);
    progressed?.();
  });
  return {
    pulled(docs: ReadonlyArray<{ _deleted?: boolean }>) {
      pulled += docs.filter((doc) => !doc._deleted).length;
    },
    /**
     * Waits until fewer than `limit` documents wait to be stored, or until nothing was stored for a while:
     * RxDB does not write a document again that the store already holds as it is (a download interrupted
     * before its checkpoint was kept), so those never count as stored.
     */
    async untilBelow(limit: number) {
      while (pulled - stored >= limit) {
        const before = stored;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, STALLED_MS);
          progressed = () => (clearTimeout(timer), resolve());
        });
        progressed = null;
        if (stored === before) return;
      }
    },
    stop: () => subscription.unsubscribe(),
  };
}

export interface DatabaseReplication {
  state: RxReplicationState<StoredDocument, Checkpoint>;
  /** The server has changes this console may not have pulled: pull them. */
  serverChanged(): void;
}

/**
 * Live two-way replication of one collection with its CouchDB database, through Plantão's own handlers:
 * a refused document is recorded and not retried, while the rest of the batch still syncs.
 */
export function replicateDatabase(options: ReplicateOptions): DatabaseReplication {
  const { db, collection, client, tracker, dispatch } = options;
  // Large pages: the per-request cost (round trip, RxDB bookkeeping, one stored record, the memory
  // storage merging its indexes) is paid once per 2,500 documents (≈ 3.7 MB of requests; 1,000 took 16.7 s
  // for 100,000 in bench:sync, 2,500 13.8 s, 5,000 13.1 s); RxDB already fetches the next page while it
  // stores the previous one.
  const batchSize = options.batchSize ?? 2500;
  const path = (suffix: string) => `${encodeURIComponent(db)}/${suffix}`;
  /** The first pull of an empty store shows progress against the server's document count. */
  let initial: 'unknown' | 'running' | 'done' = 'unknown';
  let noAccess = false;
  let stopped: Promise<unknown> | null = null;
  const context = {
    backoff: new Backoff(),
    serverBack: options.serverBack,
    isStopped: () => state.isStopped(),
    stopped: () => (stopped ??= firstValueFrom(state.canceled$.pipe(filter(Boolean)))),
  };

  const pullHandler = async (checkpoint: Checkpoint | undefined, size: number) => {
    if (noAccess) return { documents: [], checkpoint };
    try {
      if (initial === 'unknown') {
        if (checkpoint) {
          initial = 'done';
          dispatch({ type: 'initial-done', db });
        } else {
          const info = await retrying(() => client.request(db, DatabaseInfoSchema), context);
          initial = 'running';
          dispatch({ type: 'initial-started', db, total: info.doc_count });
        }
      }
      if (initial === 'running') await backlog.untilBelow(size);
      const since = encodeURIComponent(String(checkpoint?.sequence ?? 0));
      const changes = await retrying(
        () => client.request(path(`_changes?feed=normal&style=all_docs&include_docs=true&since=${since}&limit=${size}`), ChangesResponseSchema),
        context,
      );
      const pulled = changes.results.flatMap((row) => (row.doc ? [row.doc] : []));
      await tracker.supersedeRefused(db, pulled.map((doc) => ({ docId: doc._id, rev: doc._rev })));
      if (initial === 'running') {
        backlog.pulled(pulled);
        if (changes.results.length < size) {
          initial = 'done';
          void untilStored().then((done) => {
            backlog.stop();
            if (done) dispatch({ type: 'initial-done', db });
          });
        }
      }
      return { documents: pulled.map(fromCouch) as WithDeleted<StoredDocument>[], checkpoint: { sequence: changes.last_seq } };
    } catch (error) {
      // A database this user may not read (e.g. the access log for a clerk): nothing to replicate.
      if (error instanceof ServerRequestError && error.kind === 'refused') {
        noAccess = true;
        dispatch({ type: 'initial-done', db });
        return { documents: [], checkpoint };
      }
      throw error;
    }
  };

  const pushHandler = async (rows: Array<{ newDocumentState: WithDeleted<StoredDocument>; assumedMasterState?: WithDeleted<StoredDocument> }>) => {
    const ids = rows.map((row) => row.newDocumentState.id);
    const writeSeqs = await tracker.snapshot(db, ids);
    const docs = rows.map((row) => toCouch(row.newDocumentState, row.assumedMasterState?.couchRev ?? row.newDocumentState.couchRev));
    let answer: z.infer<typeof BulkDocsResponseSchema>;
    try {
      answer = await retrying(() => client.request(path('_bulk_docs'), BulkDocsResponseSchema, { method: 'POST', json: { docs } }), context);
    } catch (error) {
      if (!(error instanceof ServerRequestError) || error.kind !== 'refused') throw error;
      // The whole batch was refused (no write access to this database): final for every row.
      await tracker.settle(db, ids.map((docId) => ({ docId, writeSeq: writeSeqs.get(docId), state: 'refused', reason: error.message || NO_ACCESS })));
      return [];
    }
    const outcomes = answer.map(classifyBulkDocsRow);
    await tracker.settle(
      db,
      outcomes.flatMap((outcome): Settlement[] =>
        outcome.kind === 'synced'
          ? [{ docId: outcome.id, writeSeq: writeSeqs.get(outcome.id), state: 'synced' as const, rev: outcome.rev }]
          : outcome.kind === 'refused'
            ? [{ docId: outcome.id, writeSeq: writeSeqs.get(outcome.id), state: 'refused' as const, reason: outcome.reason }]
            : [],
      ),
    );
    const conflictIds = outcomes.filter((outcome) => outcome.kind === 'conflict').map((outcome) => outcome.id);
    if (conflictIds.length === 0) return [];
    const current = await retrying(
      () => client.request(path('_all_docs?include_docs=true'), AllDocsResponseSchema, { method: 'POST', json: { keys: conflictIds } }),
      context,
    );
    const masters = current.rows.flatMap((row) => {
      if (!('value' in row)) return [];
      return [row.doc ? fromCouch(row.doc) : fromCouch({ _id: row.id, _rev: row.value.rev, _deleted: true })];
    });
    // The conflict handler replays the local change when only the revision moved; otherwise the server wins.
    const serverWon = masters.filter((master) => {
      const row = rows.find((candidate) => candidate.newDocumentState.id === master.id);
      return !onlyRevisionMoved(row?.assumedMasterState, master);
    });
    await tracker.settle(
      db,
      serverWon.map((master) => ({ docId: master.id, writeSeq: writeSeqs.get(master.id), state: 'synced' as const, reason: SERVER_WON, rev: master.couchRev })),
    );
    return masters as WithDeleted<StoredDocument>[];
  };

  /**
   * RxDB asks for the next page as soon as it has one, however much is still to be stored, and stores what
   * piled up in one write: the last page of 100,000 documents arrived while tens of thousands were still
   * being written (the documents, then RxDB's metadata of each), for tens of seconds after the progress bar
   * said done, and every other collection's IndexedDB work waited behind them. So the first download asks
   * for a page only while less than a page waits to be stored, its progress counts stored documents, and
   * it is done when the replication is idle, everything stored.
   */
  const backlog = downloadBacklog(collection, (count) => dispatch({ type: 'initial-stored', db, count }));
  /** The first download (or, for a store synced before, the first pass after start) is stored. */
  let downloadStored = false;
  /** Resolves once nothing is left to store; false if the replication stopped first (a logout closing the store). */
  const untilStored = (): Promise<boolean> =>
    firstValueFrom(state.active$.pipe(filter((active) => !active)))
      .then(() => {
        downloadStored = !state.isStopped();
        return downloadStored;
      })
      .catch(() => false);

  const state: RxReplicationState<StoredDocument, Checkpoint> = replicateRxCollection<StoredDocument, Checkpoint>({
    replicationIdentifier: `plantao-${db}-${client.baseUrl}`,
    collection,
    live: true,
    waitForLeadership: false,
    // Retries happen in `retrying`; this only paces unexpected errors.
    retryTime: 5_000,
    pull: { handler: pullHandler, batchSize },
    push: { handler: pushHandler, batchSize: 100 },
  });

  /**
   * RxDB's re-sync also restarts the upstream's scan of the local store from its checkpoint. While the
   * first download is being stored that checkpoint lags behind it, and the scan would read back (and
   * unseal) the downloaded documents, 100 at a time, competing with their storing. A change seen before
   * the download is stored is pulled once the replication is idle.
   */
  let resyncWhenInSync: Promise<void> | null = null;
  const serverChanged = () => {
    if (initial === 'done' && downloadStored) return state.reSync();
    resyncWhenInSync ??= untilStored().then((done) => {
      resyncWhenInSync = null;
      if (done) state.reSync();
    });
  };
  return { state, serverChanged };
}
