import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { openQueueParts, queueAt, rowOfEntry, rowsValidUntil, type OpenQueueParts, type QueueRow } from '../../../../shared/rules/triage/queue';
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

interface KeptQueue {
  parts: OpenQueueParts;
  /** The parts' states and claims hold until then (the earliest claim expiry). */
  validUntil: number;
  tick: number;
  queue: QueueRow[];
}

/**
 * The open queue of each snapshot, kept across clock ticks: the rows are derived again only when a claim
 * they show expires, and a tick only merges the few held rows in (without any, the queue stays the same
 * array, so filters and the list keep their results). Opening the workspace again reuses it.
 */
const kept = new WeakMap<QueueSnapshot, KeptQueue>();

function openQueueOf(snapshot: QueueSnapshot, tick: number): QueueRow[] {
  const { unit, entries, decisions, claims } = snapshot;
  if (!unit) return [];
  let queue = kept.get(snapshot);
  if (!queue || tick >= queue.validUntil) {
    const context = { unit, now: new Date(tick) };
    const rows: QueueRow[] = [];
    for (const entry of entries.values()) rows.push(rowOfEntry(entry, decisions.get(entry.protocol) ?? [], claims.get(entry.protocol) ?? null, context));
    const parts = openQueueParts(rows);
    queue = { parts, validUntil: rowsValidUntil(rows), tick, queue: queueAt(parts, new Date(tick)) };
    kept.set(snapshot, queue);
  } else if (queue.tick !== tick) {
    queue.tick = tick;
    queue.queue = queueAt(queue.parts, new Date(tick));
  }
  return queue.queue;
}

/** The unit's requests, claims and decisions from the session's queue index, and the open queue at the clock's step. */
export function useTriageData(database: PlantaoDatabase, unitId: string): TriageData {
  const index = useMemo(() => queueIndexOf(database, unitId), [database, unitId]);
  const snapshot = useSyncExternalStore(index.subscribe, index.getSnapshot);
  const tick = useClockTick();
  const queue = useMemo(() => openQueueOf(snapshot, tick), [snapshot, tick]);
  return { ...snapshot, queue };
}
