import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { SimpleGrid } from '@mantine/core';
import { CARD_STAGE_LABELS } from '../../../../shared/rules/card-stages';
import { AGE_BUCKETS, SHIFT_LABELS, SHIFTS } from '../../../../shared/rules/supervisor';
import type { SupervisorStats } from '../data/use-supervisor-stats';
import { ChartPanel } from './ChartPanel';

const SHIFT_COLORS = ['indigo.7', 'yellow.6', 'orange.6', 'grape.6'] as const;
const SHIFT_SERIES = SHIFTS.map((shift, index) => ({ name: shift, label: SHIFT_LABELS[shift], color: SHIFT_COLORS[index] as string }));
const AGE_COLORS = ['teal.5', 'lime.6', 'yellow.6', 'orange.6', 'red.7'] as const;
const AGE_SERIES = AGE_BUCKETS.map((bucket, index) => ({ name: bucket.key, label: bucket.label, color: AGE_COLORS[index] as string }));
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const dayLabel = (day: string) => day.split('-').reverse().slice(0, 2).join('/');
const CHART_HEIGHT = 260;
/** Horizontal bars: one readable row per category, tall enough for a nature's name wrapped on three lines. */
const rowsHeight = (rows: number) => Math.max(CHART_HEIGHT, rows * 36 + 60);

/** The five dashboards of the unit and post, all from the local store. */
export function Dashboards({ stats }: { stats: SupervisorStats }) {
  const backlog = stats.backlog.map((row) => ({ nature: row.natureLabel, ...row.byAge }));
  const breaches = stats.breaches.map((row) => ({ day: dayLabel(row.day), ...row.breached }));
  const officers = stats.officers.map((row) => ({ officer: row.officerName, ...row.byShift }));
  const outcomes = stats.outcomes.map((row) => ({ nature: row.natureLabel, validated: row.validated, rejected: row.rejected }));
  const openCards = stats.cards.filter((row) => row.stage !== 'delivered');
  const cards = openCards.map((row) => ({ stage: `${row.postId} · ${CARD_STAGE_LABELS[row.stage]}`, ok: row.byAging.ok, near: row.byAging.near, late: row.byAging.late }));
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} data-testid="dashboards">
      <ChartPanel id="backlog" title="Pendências por natureza e idade" figures={Object.fromEntries(stats.backlog.map((row) => [row.natureCode, row.total]))}>
        <BarChart h={rowsHeight(backlog.length)} data={backlog} dataKey="nature" type="stacked" orientation="vertical" yAxisProps={{ width: 170, interval: 0 }} series={AGE_SERIES} withLegend />
      </ChartPanel>
      <ChartPanel id="breaches" title="Prazos estourados por dia e turno" figures={Object.fromEntries(stats.breaches.map((row) => [row.day, sum(Object.values(row.breached))]))}>
        <BarChart h={CHART_HEIGHT} data={breaches} dataKey="day" type="stacked" series={SHIFT_SERIES} withLegend />
      </ChartPanel>
      <ChartPanel id="officers" title="Decisões por policial e turno" figures={Object.fromEntries(stats.officers.map((row) => [row.officerId, row.total]))}>
        <BarChart h={rowsHeight(officers.length)} data={officers} dataKey="officer" type="stacked" orientation="vertical" yAxisProps={{ width: 170, interval: 0 }} series={SHIFT_SERIES} withLegend />
      </ChartPanel>
      <ChartPanel id="outcomes" title="Validações e rejeições por natureza" figures={Object.fromEntries(stats.outcomes.flatMap((row) => [[`${row.natureCode}:validated`, row.validated], [`${row.natureCode}:rejected`, row.rejected]]))}>
        <BarChart
          h={rowsHeight(outcomes.length)}
          data={outcomes}
          dataKey="nature"
          type="percent"
          orientation="vertical"
          yAxisProps={{ width: 170, interval: 0 }}
          series={[
            { name: 'validated', label: 'Validadas', color: 'teal.6' },
            { name: 'rejected', label: 'Rejeitadas', color: 'red.6' },
          ]}
          withLegend
        />
      </ChartPanel>
      <ChartPanel id="cards" title="Carteiras por etapa e posto (prazo da etapa)" figures={Object.fromEntries(openCards.map((row) => [`${row.postId}:${row.stage}`, row.total]))}>
        <BarChart
          h={rowsHeight(cards.length)}
          data={cards}
          dataKey="stage"
          type="stacked"
          orientation="vertical"
          yAxisProps={{ width: 220, interval: 0 }}
          series={[
            { name: 'ok', label: 'No prazo', color: 'teal.6' },
            { name: 'near', label: 'Perto do limite', color: 'yellow.6' },
            { name: 'late', label: 'Atrasadas', color: 'red.6' },
          ]}
          withLegend
        />
      </ChartPanel>
    </SimpleGrid>
  );
}
