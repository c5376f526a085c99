import { Alert, Button, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { findNature, NATURES } from '../../../../shared/reference/natures';
import { TRIAGE_STATE_LABELS } from '../../../../shared/rules';
import { isLookupComplete, type LookupQuery } from '../../../../shared/rules/triage/lookup';
import type { ConsoleSession } from '../../../auth/login';
import { logAccess } from '../../triage/data/access-log';
import { findRequests, type LookupHit } from './lookup-search';

type Kind = LookupQuery['kind'];

const EMPTY: Record<Kind, LookupQuery> = {
  person_br: { kind: 'person_br', name: '', cpf: '', rg: '', rgUf: '', birthDate: '' },
  person_foreign: { kind: 'person_foreign', name: '', document: '', birthDate: '' },
  company: { kind: 'company', corporateName: '', cnpj: '' },
};

const KIND_HINTS: Record<Kind, string> = {
  person_br: 'Nome completo, CPF, RG, UF do RG e data de nascimento.',
  person_foreign: 'Nome completo, número do RNE/RNM ou do passaporte e data de nascimento.',
  company: 'Razão social e CNPJ.',
};

const LABELS: Record<string, string> = {
  name: 'Nome completo',
  cpf: 'CPF',
  rg: 'RG',
  rgUf: 'UF do RG',
  birthDate: 'Data de nascimento',
  document: 'RNE/RNM ou passaporte',
  corporateName: 'Razão social',
  cnpj: 'CNPJ',
};

/** Service desk: a citizen without the protocol is found by a full identifier set; only state and REDS number are shown. */
export function LookupWorkspace({ session }: { session: ConsoleSession }) {
  const [query, setQuery] = useState<LookupQuery>(EMPTY.person_br);
  const [hits, setHits] = useState<LookupHit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const unitId = session.profile.unitId;

  const search = async () => {
    if (!unitId) return;
    setBusy(true);
    const found = await findRequests(session.database, unitId, query);
    const role = session.profile.roles.includes('service_desk') ? 'service_desk' : (session.profile.roles[0] ?? 'service_desk');
    for (const hit of found) await logAccess(session, 'lookup', hit.protocol, ['requester.name', 'state', 'redsNumber'], role);
    setHits(found);
    setBusy(false);
  };

  if (!unitId) return <Alert color="orange">Seu perfil não está ligado a uma unidade.</Alert>;
  const fields = Object.keys(query).filter((key) => key !== 'kind') as Array<Exclude<keyof LookupQuery, 'kind'>>;

  return (
    <Paper withBorder p="lg" mb="md" data-testid="request-lookup">
      <Stack gap="md">
        <Title order={3}>Consulta de solicitação</Title>
        <Text size="sm" c="dimmed">
          Para o cidadão que perdeu o protocolo: informe todos os dados do conjunto. Mostramos só a situação e o número REDS; a consulta fica registrada.
        </Text>
        <SegmentedControl
          value={query.kind}
          onChange={(value) => {
            setQuery(EMPTY[value as Kind]);
            setHits(null);
          }}
          data={[
            { value: 'person_br', label: 'Brasileiro' },
            { value: 'person_foreign', label: 'Estrangeiro' },
            { value: 'company', label: 'Empresa' },
          ]}
          w="fit-content"
        />
        <Text size="sm">{KIND_HINTS[query.kind]}</Text>
        <Paper withBorder p="md" bg="var(--mantine-color-body)">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void search();
            }}
          >
            <Group align="flex-end" gap="sm">
              {fields.map((field) => (
                <TextInput
                  key={field}
                  label={LABELS[field]}
                  type={field === 'birthDate' ? 'date' : 'text'}
                  value={(query as Record<string, string>)[field] ?? ''}
                  onChange={(event) => setQuery({ ...query, [field]: event.currentTarget.value } as LookupQuery)}
                  w={field === 'name' || field === 'corporateName' ? 300 : field === 'rgUf' ? 90 : 170}
                />
              ))}
              <Button type="submit" loading={busy} disabled={!isLookupComplete(query)}>
                Consultar
              </Button>
            </Group>
          </form>
        </Paper>
        {hits && hits.length === 0 && <Alert color="yellow">Nenhuma solicitação encontrada com esses dados. Confira cada campo com o cidadão.</Alert>}
        {hits && hits.length > 0 && (
          <Table withTableBorder data-testid="lookup-results">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Protocolo</Table.Th>
                <Table.Th>Solicitante</Table.Th>
                <Table.Th>Natureza</Table.Th>
                <Table.Th>Recebida em</Table.Th>
                <Table.Th>Situação</Table.Th>
                <Table.Th>Número REDS</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {hits.map((hit) => (
                <Table.Tr key={hit.protocol} data-protocol={hit.protocol}>
                  <Table.Td ff="monospace">{hit.protocol}</Table.Td>
                  <Table.Td data-testid="lookup-name">{hit.requesterName}</Table.Td>
                  <Table.Td>{findNature(NATURES, hit.natureCode, hit.natureTableVersion)?.label ?? hit.natureCode}</Table.Td>
                  <Table.Td>{new Date(hit.receivedAt).toLocaleString('pt-BR')}</Table.Td>
                  <Table.Td data-testid="lookup-state">{TRIAGE_STATE_LABELS[hit.state]}</Table.Td>
                  <Table.Td ff="monospace" data-testid="lookup-reds">{hit.redsNumber ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
