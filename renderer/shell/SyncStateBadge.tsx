import { Badge, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DatabaseName } from '../../shared/schemas';
import type { SyncItemState, SyncMeta } from '../data/sync-meta-schema';
import type { SyncMetaTracker } from '../sync/sync-meta-tracker';

export const SYNC_ITEM_LABELS: Record<SyncItemState, { label: string; color: string }> = {
  pending: { label: 'Pendente', color: 'yellow' },
  synced: { label: 'Sincronizado', color: 'teal' },
  refused: { label: 'Recusado', color: 'red' },
};

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

/** The sync state of one document, live: for the workspaces' lists and detail views. */
export function SyncItemBadge({ tracker, db, docId }: { tracker: SyncMetaTracker; db: DatabaseName; docId: string }) {
  const [meta, setMeta] = useState<SyncMeta | null>(null);
  useEffect(() => {
    const subscription = tracker.stateOf$(db, docId).subscribe(setMeta);
    return () => subscription.unsubscribe();
  }, [tracker, db, docId]);
  return <SyncStateBadge meta={meta} />;
}
