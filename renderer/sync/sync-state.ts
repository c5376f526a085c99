import { DATABASE_NAMES, type DatabaseName } from '../../shared/schemas';

export type Connection = 'connecting' | 'online' | 'offline' | 'unauthenticated';

export interface InitialProgress {
  pulled: number;
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
  | { type: 'initial-pulled'; db: DatabaseName; count: number }
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
      return { ...state, initial: { ...state.initial, [event.db]: { pulled: 0, total: event.total, done: false } } };
    case 'initial-pulled': {
      const current = state.initial[event.db];
      if (!current || current.done) return state;
      return { ...state, initial: { ...state.initial, [event.db]: { ...current, pulled: current.pulled + event.count } } };
    }
    case 'initial-done': {
      const current = state.initial[event.db] ?? { pulled: 0, total: 0, done: false };
      return { ...state, initial: { ...state.initial, [event.db]: { ...current, done: true } } };
    }
  }
}

/** Initial-sync progress over all databases, 0–100, or null once every database finished (or none started). */
export function initialProgressPercent(state: SyncState): number | null {
  const all = Object.values(state.initial);
  if (all.length === 0 || all.every((progress) => progress.done)) return null;
  const total = all.reduce((sum, progress) => sum + Math.max(progress.total, progress.pulled), 0);
  const pulled = all.reduce((sum, progress) => sum + (progress.done ? Math.max(progress.total, progress.pulled) : progress.pulled), 0);
  // 100 % only once done: every document can be stored while RxDB's first pass is still finishing.
  return total === 0 ? 0 : Math.min(99, Math.round((pulled / total) * 100));
}

/** Every database has either finished its initial sync or had nothing to sync (it was synced before). */
export function initialSyncSettled(state: SyncState): boolean {
  return DATABASE_NAMES.every((db) => state.initial[db]?.done === true);
}
