import { useEffect, useReducer, useState } from 'react';
import type { ConsoleSession } from '../auth/login';
import { startSync, type SyncSession } from './start-sync';
import { INITIAL_SYNC_STATE, syncReducer, type SyncState } from './sync-state';

/** The previous session's replications finish cancelling before new ones start on the same collections. */
let lastStop: Promise<void> = Promise.resolve();

/** Runs replication for the signed-in session and exposes what the shell shows. */
export function useSync(session: ConsoleSession): { state: SyncState; sync: SyncSession | null } {
  const [state, dispatch] = useReducer(syncReducer, INITIAL_SYNC_STATE);
  const [sync, setSync] = useState<SyncSession | null>(null);
  useEffect(() => {
    let cancelled = false;
    const started = lastStop.then(() => {
      if (cancelled) return null;
      const running = startSync(session.database, session.client, dispatch);
      setSync(running);
      return running;
    });
    return () => {
      cancelled = true;
      lastStop = started.then((running) => running?.stop());
    };
  }, [session]);
  return { state, sync };
}
