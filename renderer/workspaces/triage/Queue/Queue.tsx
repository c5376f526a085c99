import { Badge, Group, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { clockAt, type QueueRow } from '../../../../shared/rules/triage/queue';
import { TRIAGE_STATE_LABELS } from '../../../../shared/rules';
import { TimeLeft } from '../TimeLeft';
import { formatDuration } from './format';
import classes from './Queue.module.css';

const ROW_HEIGHT = 48;

export interface QueueProps {
  rows: readonly QueueRow[];
  selected: number;
  userId: string;
  now: Date;
  /** The filter the rows answer, as a stable string: tests and bench:queue see when a filter change rendered. */
  filterKey: string;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
}

function FlagBadges({ row }: { row: QueueRow }) {
  const blocking = row.flags.filter((flag) => flag.severity === 'blocking').length;
  const warning = row.flags.length - blocking;
  return (
    <Group gap={4} wrap="nowrap">
      {blocking > 0 && (
        <Badge color="red" size="md" tt="none" title={row.flags.filter((f) => f.severity === 'blocking').map((f) => f.message).join('\n')}>
          {blocking} impeditivo{blocking > 1 ? 's' : ''}
        </Badge>
      )}
      {warning > 0 && (
        <Badge color="orange" variant="light" size="md" tt="none">
          {warning} alerta{warning > 1 ? 's' : ''}
        </Badge>
      )}
    </Group>
  );
}

/** The unit's open requests, least time left first; only the visible rows are in the DOM. */
export function Queue({ rows, selected, userId, now, filterKey, onSelect, onOpen }: QueueProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });

  useEffect(() => {
    if (selected >= 0) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, virtualizer]);

  return (
    <div>
      <div className={classes.header}>
        <span>Protocolo</span>
        <span>Natureza</span>
        <span>Solicitante</span>
        <span>Idade</span>
        <span>Prazo</span>
        <span>Alertas</span>
        <span>Reserva</span>
      </div>
      <div ref={scroller} className={classes.scroller} data-testid="triage-queue" data-count={rows.length} data-filter={filterKey} role="listbox" aria-label="Fila de triagem">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const mine = row.claim?.officerId === userId;
            return (
              <div
                key={row.protocol}
                className={classes.row}
                style={{ top: item.start, height: ROW_HEIGHT }}
                data-selected={item.index === selected}
                data-protocol={row.protocol}
                role="option"
                aria-selected={item.index === selected}
                onClick={() => onSelect(item.index)}
                onDoubleClick={() => onOpen(item.index)}
              >
                <Text className={classes.cell} size="sm" ff="monospace">
                  {row.protocol}
                </Text>
                <span className={classes.cell}>{row.natureLabel}</span>
                <span className={classes.cell}>{row.requesterName}</span>
                <span className={classes.cell}>{formatDuration(now.getTime() - Date.parse(row.receivedAt))}</span>
                <TimeLeft clock={clockAt(row.clock, now)} />
                <FlagBadges row={row} />
                <span className={classes.cell} data-testid="claim-holder">
                  {row.claim ? `${mine ? 'Reservada por você' : row.claim.officerName}${row.claim.provisional ? ' (provisória)' : ''}` : row.state === 'on_hold' ? TRIAGE_STATE_LABELS.on_hold : 'Livre'}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
