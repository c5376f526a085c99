import { useEffect, useState } from 'react';
import { DEFAULT_REDS_POOL_CONFIG } from '../../../../shared/reds';
import type { ConsoleSession } from '../../../auth/login';
import { httpLeaseSource } from '../../../reds/http-lease-source';
import { reconcilePendingNumbers, voidAcknowledgedOrphans } from '../../../reds/reconcile-pending';
import { RedsPool } from '../../../reds/reds-pool';
import { redsPoolDocumentId, rxdbPoolStore } from '../../../reds/rxdb-pool-store';
import { workstationId } from './workstation';

const REFILL_INTERVAL_MS = 60_000;

/** The desk's REDS pool (docs/reds-numbers.md): opened with the session, reconciled after a crash, refilled in the background. */
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
    }).then(async (created) => {
      if (cancelled) return created.dispose();
      opened = created;
      // Numbers issued before a crash and never written into a decision: recorded, re-attached or voided first.
      await reconcilePendingNumbers(session.database, created, { userId: session.profile.userId, unitId: session.profile.unitId ?? '', workstationId: ws });
      if (cancelled) return;
      stop = created.startBackground(REFILL_INTERVAL_MS);
      setPool(created);
    });
    // An orphan number is voided once the server holds it as issued.
    const ledger = session.database.reds_ledger.find({ selector: { userId: session.profile.userId } }).$.subscribe(() => void voidAcknowledgedOrphans(session.database));
    return () => {
      cancelled = true;
      ledger.unsubscribe();
      stop?.();
      opened?.dispose();
    };
  }, [session]);
  return pool;
}
