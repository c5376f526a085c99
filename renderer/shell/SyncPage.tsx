import { Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { documentLabel } from '../../shared/rules';
import type { PlantaoDatabase } from '../data/open-store';
import type { SyncMeta } from '../data/sync-meta-schema';
import { SyncStateBadge } from './SyncStateBadge';

const DATABASE_LABELS: Record<string, string> = {
  requests: 'Solicitação',
  claims: 'Reserva',
  decisions: 'Decisão',
  notes: 'Nota',
  reds_ledger: 'Número REDS',
  reds_leases: 'Bloco REDS',
  cards: 'Carteira',
  card_events: 'Etapa de carteira',
  access_log: 'Registro de acesso',
  reference: 'Cadastro',
  notices: 'Aviso',
};

const SHOWN = 200;

/** Every change made on this console and what the server did with it. */
export function SyncPage({ database }: { database: PlantaoDatabase }) {
  const [records, setRecords] = useState<SyncMeta[]>([]);
  useEffect(() => {
    // Index [state, at]: "pending" and "refused" sort around "synced"; newest changes last within each.
    const subscription = database.sync_meta
      .find({ sort: [{ state: 'asc' }, { at: 'asc' }], limit: SHOWN })
      .$.subscribe((docs) => setRecords(docs.map((doc) => doc.toJSON() as SyncMeta)));
    return () => subscription.unsubscribe();
  }, [database]);

  return (
    <Stack>
      <Title order={3}>Alterações feitas neste computador</Title>
      {records.length === 0 ? (
        <Text c="dimmed">Nenhuma alteração local ainda.</Text>
      ) : (
        <Table striped highlightOnHover data-testid="sync-items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tipo</Table.Th>
              <Table.Th>Documento</Table.Th>
              <Table.Th w={150}>Situação</Table.Th>
              <Table.Th>Motivo</Table.Th>
              <Table.Th>Quando</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {records.map((record) => (
              <Table.Tr key={record.id} data-doc-id={record.docId} data-state={record.state}>
                <Table.Td>{DATABASE_LABELS[record.db] ?? record.db}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" title={record.docId}>
                    {documentLabel(record.db, record.docId)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SyncStateBadge meta={record} />
                </Table.Td>
                <Table.Td>{record.reason ?? ''}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{new Date(record.at).toLocaleString('pt-BR', { dateStyle: 'short', timeStyle: 'medium' })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
