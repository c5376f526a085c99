import type { BulkDocsRow } from '../../shared/schemas';

/** What became of one pushed document. */
export type RowOutcome =
  | { kind: 'synced'; id: string; rev: string }
  /** The server will never take this revision as it is: not retried, shown with the server's reason. */
  | { kind: 'refused'; id: string; reason: string }
  /** Someone else wrote first: RxDB's conflict handler decides with the server's current revision. */
  | { kind: 'conflict'; id: string };

/** How a whole request failed. */
export type RequestFailure = 'retry' | 'unauthenticated' | 'refused';

const REFUSED_FALLBACK = 'O servidor recusou esta alteração.';

export function classifyBulkDocsRow(row: BulkDocsRow): RowOutcome {
  if ('ok' in row) return { kind: 'synced', id: row.id, rev: row.rev };
  if (row.error === 'conflict') return { kind: 'conflict', id: row.id };
  // forbidden / unauthorized come from the access policy; anything else per row is a document the server rejects.
  const reason = row.reason?.trim() ? row.reason : REFUSED_FALLBACK;
  return { kind: 'refused', id: row.id, reason };
}

/**
 * Status of a replication request that did not succeed. Timeouts, rate limits and server faults pass;
 * 401 waits for a new login; any other 4xx is an answer about the documents themselves.
 */
export function classifyHttpFailure(status: number): RequestFailure {
  if (status === 401) return 'unauthenticated';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'refused';
}
