import { DATABASE_NAMES, type DatabaseName } from '../../shared/schemas';

export type Connection = 'connecting' | 'online' | 'offline' | 'unauthenticated';

export interface InitialProgress {
  /** Documents of the first download stored so far. */
  stored: number;
  /** The server's document count when the first pull started. */
  total: number;
  done: boolean;
}

/** What the shell header shows. "Synced" always means the server acknowledged it. */
export interface SyncState {
  connection: Connection;
  /** Local changes the server has not acknowledged yet. */
  pending: number;
  /** Local changes the server refused (not retried). */
  refused: number;
  /** Last time a request to the server succeeded (ISO). */
  lastSyncAt: string | null;
  lastError: string | null;
  initial: Partial<Record<DatabaseName, InitialProgress>>;
}

export type SyncEvent =
  | { type: 'request-succeeded'; at: string }
  | { type: 'request-failed'; reason: 'network' | 'server' | 'unauthenticated'; message: string }
  | { type: 'browser-offline' }
  | { type: 'counts'; pending: number; refused: number }
  | { type: 'initial-started'; db: DatabaseName; total: number }
  | { type: 'initial-stored'; db: DatabaseName; count: number }
  | { type: 'initial-done'; db: DatabaseName };

export const INITIAL_SYNC_STATE: SyncState = {
  connection: 'connecting',
  pending: 0,
  refused: 0,
  lastSyncAt: null,
  lastError: null,
  initial: {},
};

export function syncReducer(state: SyncState, event: SyncEvent): SyncState {
  switch (event.type) {
    case 'request-succeeded':
      return { ...state, connection: 'online', lastSyncAt: event.at, lastError: null };
    case 'request-failed':
      return {
        ...state,
        connection: event.reason === 'unauthenticated' ? 'unauthenticated' : event.reason === 'network' ? 'offline' : state.connection,
        lastError: event.message,
      };
    case 'browser-offline':
      return { ...state, connection: 'offline' };
    case 'counts':
      return state.pending === event.pending && state.refused === event.refused ? state : { ...state, pending: event.pending, refused: event.refused };
    case 'initial-started':
      return { ...state, initial: { ...state.initial, [event.db]: { stored: 0, total: event.total, done: false } } };
    case 'initial-stored': {
      const current = state.initial[event.db];
      if (!current || current.done) return state;
      return { ...state, initial: { ...state.initial, [event.db]: { ...current, stored: current.stored + event.count } } };
    }
    case 'initial-done': {
      const current = state.initial[event.db] ?? { stored: 0, total: 0, done: false };
      return { ...state, initial: { ...state.initial, [event.db]: { ...current, done: true } } };
    }
  }
}

/** Initial-sync progress over all databases, 0–100, or null once every database finished (or none started). */
export function initialProgressPercent(state: SyncState): number | null {
  const all = Object.values(state.initial);
  if (all.length === 0 || all.every((progress) => progress.done)) return null;
  const total = all.reduce((sum, progress) => sum + Math.max(progress.total, progress.stored), 0);
  const stored = all.reduce((sum, progress) => sum + (progress.done ? Math.max(progress.total, progress.stored) : progress.stored), 0);
  // Unfinished is never 100 %, however few documents are left.
  return total === 0 ? 0 : Math.min(99, Math.round((stored / total) * 100));
}

/** Every database has either finished its initial sync or had nothing to sync (it was synced before). */
export function initialSyncSettled(state: SyncState): boolean {
  return DATABASE_NAMES.every((db) => state.initial[db]?.done === true);
}
