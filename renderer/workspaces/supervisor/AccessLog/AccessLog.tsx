import { Group, Paper, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { AccessLogEntry } from '../../../../shared/schemas';
import { Freshness } from '../Freshness';

export const ACTION_LABELS: Record<AccessLogEntry['action'], string> = { view: 'visualizou', print: 'imprimiu', export: 'exportou', unmask: 'desmascarou', lookup: 'consultou' };
const SHOWN_ROWS = 300;

/** Who viewed, printed, exported or unmasked which record and why: read-only, newest first. */
export function AccessLog({ entries }: { entries: readonly AccessLogEntry[] }) {
  const [action, setAction] = useState<string | null>(null);
  const [who, setWho] = useState('');
  const [record, setRecord] = useState('');
  const filtered = useMemo(() => {
    const person = who.trim().toLowerCase();
    const wanted = record.trim().toUpperCase();
    return entries
      .filter(
        (entry) =>
          (action === null || entry.action === action) &&
          (person === '' || entry.userName.toLowerCase().includes(person) || entry.userId.includes(person)) &&
          (wanted === '' || entry.record.id.toUpperCase().includes(wanted)),
      )
      .sort((a, b) => b.at.localeCompare(a.at));
  }, [entries, action, who, record]);
  return (
    <Paper withBorder p="md" data-testid="access-log" data-total={entries.length} data-rows={filtered.length}>
      <Title order={5}>Registro de acessos: {filtered.length.toLocaleString('pt-BR')} de {entries.length.toLocaleString('pt-BR')}</Title>
      <Freshness />
      <Group mt="xs">
        <Select label="Ação" clearable data={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))} value={action} onChange={setAction} w={180} data-testid="access-action" />
        <TextInput label="Pessoa" value={who} onChange={(event) => setWho(event.currentTarget.value)} data-testid="access-person" />
        <TextInput label="Registro" placeholder="protocolo ou número" value={record} onChange={(event) => setRecord(event.currentTarget.value)} data-testid="access-record" />
      </Group>
      <Table mt="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Quando</Table.Th>
            <Table.Th>Quem</Table.Th>
            <Table.Th>Ação</Table.Th>
            <Table.Th>Registro</Table.Th>
            <Table.Th>Campos</Table.Th>
            <Table.Th>Justificativa</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {filtered.slice(0, SHOWN_ROWS).map((entry) => (
            <Table.Tr key={entry.entryId} data-testid="access-row" data-action={entry.action} data-record={entry.record.id}>
              <Table.Td>{new Date(entry.at).toLocaleString('pt-BR')}</Table.Td>
              <Table.Td>
                {entry.userName} ({entry.workstationId})
              </Table.Td>
              <Table.Td>{ACTION_LABELS[entry.action]}</Table.Td>
              <Table.Td>{entry.record.id}</Table.Td>
              <Table.Td>{entry.fields.join(', ')}</Table.Td>
              <Table.Td>{entry.justification ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {filtered.length > SHOWN_ROWS && (
        <Text size="sm" c="dimmed" mt="xs">
          Mostrando os {SHOWN_ROWS} mais recentes; refine os filtros.
        </Text>
      )}
    </Paper>
  );
}
