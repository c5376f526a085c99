import { Alert, Button, Group, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { redsLedgerSummary, type Period } from '../../../../shared/rules/supervisor';
import type { ConsoleSession } from '../../../auth/login';
import { voidRedsNumber } from '../data/supervisor-actions';
import type { SupervisorData } from '../data/use-supervisor-data';
import { Freshness } from '../Freshness';

const STATUS: Record<string, string> = { active: 'ativo', returned: 'devolvido', expired: 'expirado' };

function VoidForm({ session }: { session: ConsoleSession }) {
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async () => {
    const error = await voidRedsNumber(session, number.trim(), reason);
    setResult(error ? { ok: false, text: error } : { ok: true, text: `Número ${number.trim()} anulado.` });
    if (!error) setReason('');
  };
  return (
    <Paper withBorder p="md">
      <Title order={5}>Anular um número</Title>
      <Group align="flex-end" mt="xs">
        <TextInput label="Número REDS" placeholder="2026-000000000-001" value={number} onChange={(event) => setNumber(event.currentTarget.value)} w={220} data-testid="void-number" />
        <Textarea label="Justificativa" value={reason} onChange={(event) => setReason(event.currentTarget.value)} autosize minRows={1} style={{ flex: 1 }} data-testid="void-reason" />
        <Button color="red" onClick={() => void submit()} disabled={!number.trim()}>
          Anular
        </Button>
      </Group>
      {result && (
        <Alert mt="xs" color={result.ok ? 'teal' : 'red'} data-testid="void-result">
          {result.text}
        </Alert>
      )}
    </Paper>
  );
}

/** Issued, void and unused numbers per workstation and block for the period, with the gap report. */
export function RedsLedger({ session, data, period }: { session: ConsoleSession; data: SupervisorData; period: Period }) {
  const { report, byWorkstation } = useMemo(() => redsLedgerSummary({ leases: data.leases, entries: data.entries(), period }), [data, period]);
  const missing = report.blocks.flatMap((block) => block.missingNumbers);
  return (
    <Stack data-testid="reds-ledger" data-issued={report.totals.issued} data-void={report.totals.void} data-unused={report.totals.unusedReturned + report.totals.outstanding} data-missing={report.totals.missing}>
      <Paper withBorder p="md">
        <Title order={5}>
          Livro REDS do período: {report.totals.issued} emitidos, {report.totals.void} anulados, {report.totals.unusedReturned + report.totals.outstanding} não usados, {report.totals.missing} lacunas
        </Title>
        <Freshness />
        <Table mt="xs" data-testid="reds-by-workstation">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Estação</Table.Th>
              <Table.Th>Blocos</Table.Th>
              <Table.Th>Emitidos</Table.Th>
              <Table.Th>Anulados</Table.Th>
              <Table.Th>Não usados</Table.Th>
              <Table.Th>Lacunas</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {byWorkstation.map((row) => (
              <Table.Tr key={row.workstationId} data-workstation={row.workstationId} data-issued={row.issued} data-void={row.void}>
                <Table.Td>{row.workstationId}</Table.Td>
                <Table.Td>{row.blocks}</Table.Td>
                <Table.Td>{row.issued}</Table.Td>
                <Table.Td>{row.void}</Table.Td>
                <Table.Td>{row.unused}</Table.Td>
                <Table.Td>{row.missing}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md">
        <Title order={5}>Blocos e relatório de lacunas</Title>
        {(missing.length > 0 || report.overlaps.length > 0 || report.strays.length > 0) && (
          <Alert color="red" mt="xs" data-testid="gap-alert">
            {missing.length > 0 && `Números sem registro em blocos fechados: ${missing.slice(0, 50).join(', ')}${missing.length > 50 ? '…' : ''}. `}
            {report.overlaps.length > 0 && `Blocos sobrepostos: ${report.overlaps.map((pair) => pair.join(' × ')).join(', ')}. `}
            {report.strays.length > 0 && `Números fora do próprio bloco: ${report.strays.map((stray) => stray.number).join(', ')}.`}
          </Alert>
        )}
        <Table mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Bloco</Table.Th>
              <Table.Th>Estação / usuário</Table.Th>
              <Table.Th>Faixa</Table.Th>
              <Table.Th>Situação</Table.Th>
              <Table.Th>Emitidos</Table.Th>
              <Table.Th>Anulados</Table.Th>
              <Table.Th>Não usados</Table.Th>
              <Table.Th>Lacunas</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.blocks.map((block) => (
              <Table.Tr key={block.leaseId}>
                <Table.Td>{block.leaseId}</Table.Td>
                <Table.Td>
                  {block.workstationId} / {block.userId}
                </Table.Td>
                <Table.Td>
                  {block.year}: {block.firstSequence}–{block.lastSequence}
                </Table.Td>
                <Table.Td>{STATUS[block.status]}</Table.Td>
                <Table.Td>{block.issued}</Table.Td>
                <Table.Td>{block.void}</Table.Td>
                <Table.Td>{block.unusedReturned + block.outstanding}</Table.Td>
                <Table.Td>{block.missing}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {report.blocks.length === 0 && <Text c="dimmed">Nenhum bloco reservado no período.</Text>}
      </Paper>
      <VoidForm session={session} />
    </Stack>
  );
}
