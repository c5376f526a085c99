import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { openQueue, rowOfEntry, type QueueRow } from '../../../../shared/rules/triage/queue';
import type { PlantaoDatabase } from '../../../data/open-store';
import { queueIndexOf, type QueueSnapshot } from './queue-index';

export interface TriageData extends QueueSnapshot {
  /** Open requests, least time left first. */
  queue: QueueRow[];
}

/** The queue's clock moves in steps of this size, the same steps for every mount. */
const CLOCK_TICK_MS = 15_000;
const currentTick = () => Math.floor(Date.now() / CLOCK_TICK_MS) * CLOCK_TICK_MS;

function useClockTick(): number {
  const [tick, setTick] = useState(currentTick);
  useEffect(() => {
    // Equal numbers do not re-render: only a new step does.
    const timer = setInterval(() => setTick(currentTick()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return tick;
}

/** The last open queue of each snapshot: opening the workspace again within the same clock step reuses it. */
const queues = new WeakMap<QueueSnapshot, { tick: number; queue: QueueRow[] }>();

function openQueueOf(snapshot: QueueSnapshot, tick: number): QueueRow[] {
  const cached = queues.get(snapshot);
  if (cached?.tick === tick) return cached.queue;
  const { unit, entries, decisions, claims } = snapshot;
  if (!unit) return [];
  const context = { unit, now: new Date(tick) };
  const rows: QueueRow[] = [];
  for (const entry of entries.values()) rows.push(rowOfEntry(entry, decisions.get(entry.protocol) ?? [], claims.get(entry.protocol) ?? null, context));
  const queue = openQueue(rows);
  queues.set(snapshot, { tick, queue });
  return queue;
}

/** The unit's requests, claims and decisions from the session's queue index, and the open queue at the clock's step. */
export function useTriageData(database: PlantaoDatabase, unitId: string): TriageData {
  const index = useMemo(() => queueIndexOf(database, unitId), [database, unitId]);
  const snapshot = useSyncExternalStore(index.subscribe, index.getSnapshot);
  const tick = useClockTick();
  const queue = useMemo(() => openQueueOf(snapshot, tick), [snapshot, tick]);
  return { ...snapshot, queue };
}
