import { Alert, Button, Group, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { isPickupOverdue, stageAging } from '../../../../shared/rules/cards';
import type { Post } from '../../../../shared/schemas';
import type { CardStageIndex } from '../data/card-stage-index';
import type { NewCardEvent } from '../data/record-events';

export interface PickupOverdueProps {
  index: CardStageIndex;
  version: number;
  postRules: Pick<Post, 'pickupDeadlineDays' | 'stageTargetDays' | 'defaultStageTargetDays'>;
  onOpen: (protocol: string) => void;
  onRecordAll: (events: NewCardEvent[]) => Promise<string | null>;
}

/** Cards waiting at the counter beyond the post's pickup deadline: to be returned, all at once. */
export function PickupOverdue({ index, version, postRules, onOpen, onRecordAll }: PickupOverdueProps) {
  const [failure, setFailure] = useState<string | null>(null);
  const overdue = useMemo(() => {
    const now = new Date();
    return [...index.all()]
      .filter((row) => isPickupOverdue(row.derived.stage, row.derived.since, now, postRules))
      .map((row) => ({ ...row, days: stageAging(row.derived.stage, row.derived.since, now, postRules).days }))
      .sort((a, b) => b.days - a.days);
  }, [index, version, postRules]);

  const returnAll = async () =>
    setFailure(
      await onRecordAll(
        overdue.map(({ card, derived }) => ({ protocol: card.protocol, postId: card.postId, from: derived.stage, to: 'returned', reasonCode: 'not_picked_up' })),
      ),
    );

  return (
    <div data-testid="pickup-overdue">
      <Group justify="space-between" mb="sm">
        <Text size="sm">
          Carteiras disponíveis há mais de {postRules.pickupDeadlineDays} dias sem retirada: {overdue.length}
        </Text>
        <Button color="orange" disabled={overdue.length === 0} onClick={() => void returnAll()}>
          Registrar devolução de todas
        </Button>
      </Group>
      {failure && <Alert color="red">{failure}</Alert>}
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Protocolo</Table.Th>
            <Table.Th>Titular</Table.Th>
            <Table.Th>Disponível há</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {overdue.map(({ card, days }) => (
            <Table.Tr key={card.protocol} onClick={() => onOpen(card.protocol)} style={{ cursor: 'pointer' }} data-protocol={card.protocol}>
              <Table.Td>{card.protocol}</Table.Td>
              <Table.Td>{card.holder.fullName}</Table.Td>
              <Table.Td>{days} dias</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
