import { Alert, Badge, Button, Group, ScrollArea, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { BATCH_OUTCOME_LABELS, planBatchReceive, splitProtocols, type BatchItem, type BatchOutcome, type BatchPlan } from '../../../../shared/rules/cards';
import type { CardStageIndex } from '../data/card-stage-index';
import type { NewCardEvent } from '../data/record-events';

const OUTCOME_COLORS: Record<BatchOutcome, string> = { moved: 'teal', already_there: 'blue', not_found: 'red', wrong_post: 'orange', not_movable: 'yellow', repeated: 'gray' };

/** What needs the clerk's attention on top; the received cards after it, in the order scanned. */
const problemsFirst = (items: readonly BatchItem[]) => [...items].sort((a, b) => Number(a.outcome === 'moved') - Number(b.outcome === 'moved'));

export interface BatchReceiveProps {
  index: CardStageIndex;
  postId: string;
  /** Writes every event at once; returns the failure text, or null. */
  onRecordAll: (events: NewCardEvent[]) => Promise<string | null>;
}

/** A shipment's protocol numbers, checked all first, then moved to available for pickup in one write. */
export function BatchReceive({ index, postId, onRecordAll }: BatchReceiveProps) {
  const [text, setText] = useState('');
  const [batchId, setBatchId] = useState('');
  const [result, setResult] = useState<{ plan: BatchPlan; failure: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  const receive = async () => {
    setBusy(true);
    const plan = planBatchReceive(splitProtocols(text), postId, (protocol) => index.get(protocol));
    const lot = batchId.trim();
    const events = plan.moves.map(({ protocol, from }): NewCardEvent => ({ protocol, postId, from, to: 'available_for_pickup', ...(lot ? { batchId: lot } : {}) }));
    const failure = events.length > 0 ? await onRecordAll(events) : null;
    setResult({ plan, failure });
    setBusy(false);
  };

  const summary = result?.plan.summary;
  return (
    <Stack gap="sm">
      <Group align="flex-start" grow>
        <Textarea
          label="Protocolos do lote"
          description="Cole ou leia com o leitor os números de protocolo, um por linha"
          autosize
          minRows={6}
          maxRows={12}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          data-testid="batch-input"
        />
        <Stack gap="sm">
          <TextInput label="Identificação do lote (opcional)" maxLength={80} value={batchId} onChange={(event) => setBatchId(event.currentTarget.value)} />
          <Button onClick={() => void receive()} loading={busy} disabled={splitProtocols(text).length === 0}>
            Receber lote ({splitProtocols(text).length} protocolos)
          </Button>
        </Stack>
      </Group>
      {result?.failure && (
        <Alert color="red" title="Nada foi gravado" data-testid="batch-failure">
          {result.failure}
        </Alert>
      )}
      {summary && (
        <Group gap="xs" data-testid="batch-summary">
          <Text size="sm" fw={600}>
            {result.failure ? 'Lote não recebido:' : 'Resultado do lote:'}
          </Text>
          {(Object.keys(summary) as BatchOutcome[])
            .filter((outcome) => summary[outcome] > 0)
            .map((outcome) => (
              <Badge key={outcome} color={OUTCOME_COLORS[outcome]} variant="light" data-outcome={outcome} data-count={summary[outcome]}>
                {BATCH_OUTCOME_LABELS[outcome]}: {summary[outcome]}
              </Badge>
            ))}
        </Group>
      )}
      {result && (
        <ScrollArea h={360} type="auto">
          <Table striped stickyHeader data-testid="batch-results">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Protocolo</Table.Th>
                <Table.Th>Resultado</Table.Th>
                <Table.Th>Detalhe</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {problemsFirst(result.plan.items).map((item, position) => (
                <Table.Tr key={`${position}:${item.input}`} data-outcome={item.outcome} data-protocol={item.protocol}>
                  <Table.Td>{item.input}</Table.Td>
                  <Table.Td>
                    <Badge color={OUTCOME_COLORS[item.outcome]} variant="light">
                      {BATCH_OUTCOME_LABELS[item.outcome]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{item.detail}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Stack>
  );
}
