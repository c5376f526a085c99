import { useEffect, useState } from 'react';
import { DEFAULT_REDS_POOL_CONFIG } from '../../../../shared/reds';
import type { ConsoleSession } from '../../../auth/login';
import { httpLeaseSource } from '../../../reds/http-lease-source';
import { RedsPool } from '../../../reds/reds-pool';
import { redsPoolDocumentId, rxdbPoolStore } from '../../../reds/rxdb-pool-store';
import { workstationId } from './workstation';

const REFILL_INTERVAL_MS = 60_000;

/** The desk's REDS pool (docs/reds-numbers.md): opened with the session, refilled in the background. */
export function useRedsPool(session: ConsoleSession): RedsPool | null {
  const [pool, setPool] = useState<RedsPool | null>(null);
  useEffect(() => {
    let stop: (() => void) | null = null;
    let opened: RedsPool | null = null;
    let cancelled = false;
    const ws = workstationId();
    void RedsPool.open({
      source: httpLeaseSource({ baseUrl: session.client.baseUrl, workstationId: ws }),
      store: rxdbPoolStore(session.database, redsPoolDocumentId(ws, session.profile.userId)),
      config: DEFAULT_REDS_POOL_CONFIG,
      workstationId: ws,
      userId: session.profile.userId,
    }).then((created) => {
      if (cancelled) return created.dispose();
      opened = created;
      stop = created.startBackground(REFILL_INTERVAL_MS);
      setPool(created);
    });
    return () => {
      cancelled = true;
      stop?.();
      opened?.dispose();
    };
  }, [session]);
  return pool;
}
