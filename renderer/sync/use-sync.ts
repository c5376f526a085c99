import { useEffect, useState } from 'react';
import type { ConsoleSession } from '../auth/login';
import { startSync, type SyncSession } from './start-sync';
import { INITIAL_SYNC_STATE, syncReducer, type SyncEvent, type SyncState } from './sync-state';

/** The previous session's replications finish cancelling before new ones start on the same collections. */
let lastStop: Promise<void> = Promise.resolve();

/**
 * A sync makes many requests a second: the shell sees the resulting state at most this often. What the user
 * must see at once (a failure, unsynced changes, the first download's progress, a page stored every few
 * hundred milliseconds, and its end) is shown at once.
 */
const RENDER_INTERVAL_MS = 250;
const URGENT: ReadonlySet<SyncEvent['type']> = new Set(['request-failed', 'browser-offline', 'counts', 'initial-stored', 'initial-done']);

/** Runs replication for the signed-in session and exposes what the shell shows. */
export function useSync(session: ConsoleSession): { state: SyncState; sync: SyncSession | null } {
  const [state, setState] = useState(INITIAL_SYNC_STATE);
  const [sync, setSync] = useState<SyncSession | null>(null);
  useEffect(() => {
    let cancelled = false;
    let current = INITIAL_SYNC_STATE;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (!cancelled) setState(current);
    };
    const dispatch = (event: SyncEvent) => {
      current = syncReducer(current, event);
      if (URGENT.has(event.type)) publish();
      else timer ??= setTimeout(publish, RENDER_INTERVAL_MS);
    };
    const started = lastStop.then(() => {
      if (cancelled) return null;
      const running = startSync(session.database, session.client, dispatch);
      setSync(running);
      return running;
    });
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      lastStop = started.then((running) => running?.stop());
    };
  }, [session]);
  return { state, sync };
}
