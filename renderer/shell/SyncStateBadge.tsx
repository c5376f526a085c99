import { Badge, Tooltip } from '@mantine/core';
import type { SyncItemState, SyncMeta } from '../data/sync-meta-schema';

const SYNC_ITEM_LABELS: Record<SyncItemState, { label: string; color: string }> = {
  pending: { label: 'Pendente', color: 'yellow' },
  synced: { label: 'Sincronizado', color: 'teal' },
  refused: { label: 'Recusado', color: 'red' },
};

/** Pending / synced / refused for one document; the server's reason on hover. */
export function SyncStateBadge({ meta }: { meta: Pick<SyncMeta, 'state' | 'reason'> | null }) {
  // No record: the document came from the server and was never changed here.
  const shown = SYNC_ITEM_LABELS[meta?.state ?? 'synced'];
  return (
    <Tooltip label={meta?.reason ?? ''} disabled={!meta?.reason} multiline w={320}>
      <Badge color={shown.color} variant="light" data-sync-state={meta?.state ?? 'synced'}>
        {shown.label}
      </Badge>
    </Tooltip>
  );
}
