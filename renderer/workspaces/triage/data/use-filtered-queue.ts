import { useRef } from 'react';
import { filterQueue, narrowsFilter, type QueueFilter, type QueueRow } from '../../../../shared/rules/triage/queue';

interface Filtered {
  queue: readonly QueueRow[];
  filter: QueueFilter;
  userId: string;
  rows: QueueRow[];
}

/**
 * The queue under the officer's filter, memoized: the same inputs give the same array, and typing more of
 * a search filters the previous result instead of the whole queue.
 */
export function useFilteredQueue(queue: readonly QueueRow[], filter: QueueFilter, userId: string): QueueRow[] {
  const last = useRef<Filtered | null>(null);
  const previous = last.current;
  if (previous && previous.queue === queue && previous.userId === userId) {
    if (previous.filter === filter) return previous.rows;
    if (narrowsFilter(previous.filter, filter)) {
      last.current = { queue, filter, userId, rows: filterQueue(previous.rows, filter, userId) };
      return last.current.rows;
    }
  }
  last.current = { queue, filter, userId, rows: filterQueue(queue, filter, userId) };
  return last.current.rows;
}
