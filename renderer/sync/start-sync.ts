import type { RxReplicationState } from 'rxdb/plugins/replication';
import { filter } from 'rxjs';
import { DATABASE_NAMES, type DatabaseName } from '../../shared/schemas';
import type { StoredDocument } from '../data/collection-schemas';
import type { PlantaoDatabase } from '../data/open-store';
import { watchServerChanges } from './change-watcher';
import { replicateDatabase, type Checkpoint, type DatabaseReplication } from './replicate-database';
import type { ServerClient } from './server-client';
import { SyncMetaTracker } from './sync-meta-tracker';
import type { SyncEvent } from './sync-state';

export interface SyncSession {
  tracker: SyncMetaTracker;
  replications: Record<DatabaseName, RxReplicationState<StoredDocument, Checkpoint>>;
  stop(): Promise<void>;
}

/** Writes made by the replication itself are not local changes. */
const isLocalWrite = (context: string) => !context.startsWith('replication-');

/** Starts replicating every collection of the store and reports what the shell shows. */
export function startSync(database: PlantaoDatabase, client: ServerClient, dispatch: (event: SyncEvent) => void): SyncSession {
  const tracker = new SyncMetaTracker(database.sync_meta);
  const serverBack = () => client.nextSuccess();
  const abort = new AbortController();
  const cleanups: Array<() => void> = [];

  for (const db of DATABASE_NAMES) {
    const subscription = database[db].eventBulks$.pipe(filter((bulk) => isLocalWrite(bulk.context))).subscribe((bulk) => {
      void tracker.markPending(db, bulk.events.map((event) => event.documentId));
    });
    cleanups.push(() => subscription.unsubscribe());
  }

  const running = Object.fromEntries(
    DATABASE_NAMES.map((db) => [db, replicateDatabase({ db, collection: database[db], client, tracker, dispatch, serverBack })]),
  ) as Record<DatabaseName, DatabaseReplication>;
  const replications = Object.fromEntries(DATABASE_NAMES.map((db) => [db, running[db].state])) as SyncSession['replications'];

  const counts = tracker.counts$().subscribe((value) => dispatch({ type: 'counts', ...value }));
  cleanups.push(() => counts.unsubscribe());
  cleanups.push(
    client.onOutcome((outcome) => {
      if (outcome.ok) dispatch({ type: 'request-succeeded', at: new Date().toISOString() });
      else if (outcome.error.kind === 'network') dispatch({ type: 'request-failed', reason: 'network', message: outcome.error.message });
      else if (outcome.error.kind === 'unauthenticated') dispatch({ type: 'request-failed', reason: 'unauthenticated', message: outcome.error.message });
      else if (outcome.error.kind === 'retry') dispatch({ type: 'request-failed', reason: 'server', message: outcome.error.message });
    }),
  );
  const onOffline = () => dispatch({ type: 'browser-offline' });
  window.addEventListener('offline', onOffline);
  cleanups.push(() => window.removeEventListener('offline', onOffline));

  void watchServerChanges({
    client,
    databases: DATABASE_NAMES,
    signal: abort.signal,
    onChanged: (db) => running[db].serverChanged(),
  });

  return {
    tracker,
    replications,
    async stop() {
      abort.abort();
      cleanups.forEach((cleanup) => cleanup());
      await Promise.all(Object.values(replications).map((replication) => replication.cancel()));
    },
  };
}
