import { Badge, Button, Group, Paper, Select, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { CARD_STAGE_LABELS } from '../../../../shared/rules/card-stages';
import { shouldMaskVictim } from '../../../../shared/rules/masking';
import { TRIAGE_STATE_LABELS } from '../../../../shared/rules/triage';
import { clockAt, openQueue, queueRow } from '../../../../shared/rules/triage/queue';
import type { OccurrenceRequest } from '../../../../shared/schemas';
import type { ConsoleSession } from '../../../auth/login';
import { logSupervisorAccess, reassignClaim } from '../data/supervisor-actions';
import type { SupervisorData } from '../data/use-supervisor-data';
import type { SupervisorStats } from '../data/use-supervisor-stats';
import { Freshness } from '../Freshness';
import { UnmaskModal } from '../UnmaskModal';

const SHOWN_ROWS = 200;
const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
const fullNameOf = (request: OccurrenceRequest) => (request.requester.kind === 'company' ? request.requester.corporateName : request.requester.fullName);

/** The unit's queue, read-only, with claim reassignment (online) and the items stuck past their target. */
export function QueueReview(props: { session: ConsoleSession; data: SupervisorData; stats: SupervisorStats; now: Date; online: boolean }) {
  const { session, data, stats, now, online } = props;
  const [unmasked, setUnmasked] = useState<ReadonlySet<string>>(new Set());
  const [asking, setAsking] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [officer, setOfficer] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const rows = useMemo(() => {
    if (!data.unit) return [];
    const context = { unit: data.unit, natures: data.natures, now };
    return openQueue([...data.requests.values()].map((request) => queueRow(request, data.decisions.get(request.protocol)?.decisions ?? [], data.claims.get(request.protocol) ?? null, context)), now).map((row) => ({ ...row, timeLeft: clockAt(row.clock, now) }));
  }, [data, now]);
  const wanted = search.trim().toUpperCase();
  const shown = (wanted ? rows.filter((row) => row.protocol.includes(wanted) || row.natureLabel.toUpperCase().includes(wanted)) : rows).slice(0, SHOWN_ROWS);
  const officers = data.users.filter((user) => user.active && user.unitId === data.unit?.unitId && user.roles.includes('triage_officer'));

  const unmask = async (justification: string) => {
    if (!asking) return;
    await logSupervisorAccess(session, { action: 'unmask', record: { kind: 'request', id: asking }, fields: ['requester.fullName', 'victim.fullName'], justification });
    setUnmasked(new Set([...unmasked, asking]));
    setAsking(null);
  };
  const reassign = async () => {
    const chosen = officers.find((user) => user.userId === officer);
    if (!data.unit || !target || !chosen) return;
    await reassignClaim(session, data.unit, target, chosen);
    setMessage(`${target} reservada para ${chosen.displayName}.`);
  };

  return (
    <>
      <Paper withBorder p="md" mb="md">
        <Title order={5}>Reatribuir reserva</Title>
        <Group align="flex-end" mt="xs">
          <Select label="Solicitação" searchable data={rows.slice(0, SHOWN_ROWS).map((row) => row.protocol)} value={target} onChange={setTarget} w={220} />
          <Select label="Policial" data={officers.map((user) => ({ value: user.userId, label: user.displayName }))} value={officer} onChange={setOfficer} w={260} />
          <Button disabled={!online || !target || !officer} onClick={() => void reassign()}>
            Reatribuir
          </Button>
          {!online && <Text size="sm" c="dimmed">Reatribuição só com conexão ao servidor.</Text>}
        </Group>
        {message && <Text size="sm" mt="xs">{message}</Text>}
      </Paper>
      <Paper withBorder p="md" mb="md" data-testid="queue-review" data-rows={rows.length}>
        <Title order={5}>Fila da unidade (somente leitura): {rows.length.toLocaleString('pt-BR')} em aberto</Title>
        <Freshness />
        <TextInput mt="xs" placeholder="Filtrar por protocolo ou natureza" value={search} onChange={(event) => setSearch(event.currentTarget.value)} data-testid="queue-search" w={320} />
        <Table striped mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Protocolo</Table.Th>
              <Table.Th>Natureza</Table.Th>
              <Table.Th>Situação</Table.Th>
              <Table.Th>Prazo</Table.Th>
              <Table.Th>Solicitante / vítima</Table.Th>
              <Table.Th>Reserva</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => {
              const request = data.requests.get(row.protocol);
              const masked = request ? shouldMaskVictim(request, data.natures) : false;
              const open = unmasked.has(row.protocol);
              const victim = request?.victim?.fullName;
              return (
                <Table.Tr key={row.protocol} data-protocol={row.protocol} data-masked={masked && !open}>
                  <Table.Td>{row.protocol}</Table.Td>
                  <Table.Td>{row.natureLabel}</Table.Td>
                  <Table.Td>{TRIAGE_STATE_LABELS[row.state]}</Table.Td>
                  <Table.Td>
                    <Badge color={row.timeLeft.status === 'breached' ? 'red' : row.timeLeft.status === 'warning' ? 'yellow' : 'teal'} variant="light">
                      {row.timeLeft.remainingMs < 0 ? `vencido há ${minutes(-row.timeLeft.remainingMs)}` : `${minutes(row.timeLeft.remainingMs)} restantes`}
                    </Badge>
                  </Table.Td>
                  <Table.Td data-testid="party-names">
                    {open && request ? [fullNameOf(request), victim].filter(Boolean).join(' / ') : row.requesterName}
                    {masked && !open && (
                      <Button size="compact-xs" variant="subtle" color="red" ml="xs" onClick={() => setAsking(row.protocol)} data-testid="unmask-open">
                        Desmascarar
                      </Button>
                    )}
                  </Table.Td>
                  <Table.Td>{row.claim?.officerName ?? '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="md" data-testid="stuck-requests" data-count={stats.stuck.length}>
          <Title order={5}>Solicitações com prazo vencido: {stats.stuck.length}</Title>
          <Freshness />
          <Table mt="xs">
            <Table.Tbody>
              {stats.stuck.slice(0, SHOWN_ROWS).map((item) => (
                <Table.Tr key={item.protocol}>
                  <Table.Td>{item.protocol}</Table.Td>
                  <Table.Td>{item.natureLabel}</Table.Td>
                  <Table.Td>vencido há {minutes(item.overdueMs)}</Table.Td>
                  <Table.Td>{item.officerName ?? 'sem reserva'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="md" data-testid="stuck-cards" data-count={stats.stuckCards.length}>
          <Title order={5}>Carteiras paradas além do prazo da etapa: {stats.stuckCards.length}</Title>
          <Freshness />
          <Table mt="xs">
            <Table.Tbody>
              {stats.stuckCards.slice(0, SHOWN_ROWS).map((item) => (
                <Table.Tr key={item.protocol}>
                  <Table.Td>{item.protocol}</Table.Td>
                  <Table.Td>{item.postId}</Table.Td>
                  <Table.Td>{CARD_STAGE_LABELS[item.stage]}</Table.Td>
                  <Table.Td>
                    {item.days} dias (prazo {item.targetDays})
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>
      <UnmaskModal protocol={asking} onConfirm={unmask} onClose={() => setAsking(null)} />
    </>
  );
}
