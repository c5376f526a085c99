import type { BulkDocsRow } from '../../shared/schemas';

/**
 * What the officer reads when the server refuses a ledger entry: the server's pt-BR reason as is; null when
 * the entry stands (a conflict means the same number is already recorded).
 */
export function ledgerRefusalMessage(row: BulkDocsRow): string | null {
  if ('ok' in row || row.error === 'conflict') return null;
  return row.reason ?? `O servidor recusou o número REDS ${row.id}.`;
}
