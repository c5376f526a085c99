import type { Replication } from 'pouchdb-core';

/** A live replication started by `liveReplication`; `cancel` stops it and any restart still to come. */
export interface LiveReplication {
  cancel(): void;
}

/**
 * A live PouchDB replication that starts again `backOffMs` after a failure, in place of PouchDB's own
 * `retry: true`. With `retry`, pouchdb-replication 9.0.0 drops its queued batches on a failed request but
 * lets the batch in flight finish: that batch then writes its checkpoint and reads `_changes` on from past
 * the dropped changes, alongside the retried run, so the console skips them for good. Cancelling the failed
 * run first stops its batch before it can checkpoint; the next run resumes from the last sound checkpoint.
 */
export function liveReplication(start: (options: { live: true; retry: false }) => Replication, backOffMs: number): LiveReplication {
  let current: Replication | null = null;
  let restart: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    const replication = start({ live: true, retry: false });
    current = replication;
    replication.on('error', () => {
      replication.cancel();
      restart = setTimeout(run, backOffMs);
    });
  };
  run();
  return {
    cancel() {
      stopped = true;
      clearTimeout(restart);
      current?.cancel();
    },
  };
}
