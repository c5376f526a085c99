import { Button, Code, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { STATISTICS_COLUMNS, statisticsCsv, statisticsRows, type Period } from '../../../../shared/rules/supervisor';
import type { Nature, OccurrenceRequest } from '../../../../shared/schemas';
import type { ConsoleSession } from '../../../auth/login';
import { logSupervisorAccess } from '../data/supervisor-actions';
import { Freshness } from '../Freshness';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

/** Occurrence statistics for other agencies (seed 004): nature, day, hour, place and unit only; the export is logged. */
export function StatisticsExport(props: { session: ConsoleSession; requests: ReadonlyMap<string, OccurrenceRequest>; natures: readonly Nature[]; period: Period }) {
  const { session, requests, natures, period } = props;
  const [done, setDone] = useState<string | null>(null);
  const exportCsv = async () => {
    const rows = statisticsRows([...requests.values()], natures, period);
    const id = `estatisticas-${period.from.slice(0, 10)}-${period.to.slice(0, 10)}`;
    await logSupervisorAccess(session, { action: 'export', record: { kind: 'statistics', id }, fields: [...STATISTICS_COLUMNS] });
    download(`${id}.csv`, statisticsCsv(rows));
    setDone(`${rows.length.toLocaleString('pt-BR')} ocorrências exportadas; a exportação ficou no registro de acessos.`);
  };
  return (
    <Paper withBorder p="md" data-testid="statistics-export">
      <Title order={5}>Exportar estatísticas (CSV)</Title>
      <Freshness />
      <Text size="sm" mt="xs">
        Só natureza, dia, hora, local (município e bairro) e unidade das ocorrências do período. Nenhum dado pessoal; solicitações sigilosas ficam de fora e o bairro de casos de
        violência doméstica fica em branco.
      </Text>
      <Text size="sm" mt="xs">
        Colunas: <Code data-testid="statistics-columns">{STATISTICS_COLUMNS.join(',')}</Code>
      </Text>
      <Button mt="sm" onClick={() => void exportCsv()} data-testid="statistics-export-button">
        Exportar CSV
      </Button>
      {done && (
        <Text size="sm" mt="xs" data-testid="statistics-export-done">
          {done}
        </Text>
      )}
    </Paper>
  );
}
