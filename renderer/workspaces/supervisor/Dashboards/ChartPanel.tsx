import { Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Freshness } from '../Freshness';

/** One dashboard: title, freshness, chart and the figures behind it (the numbers a reader can check). */
export function ChartPanel(props: { id: string; title: string; figures: Record<string, number>; children: ReactNode }) {
  const { id, title, figures, children } = props;
  const total = Object.values(figures).reduce((sum, value) => sum + value, 0);
  return (
    <Paper withBorder p="md" data-testid={`dashboard-${id}`} data-total={total} data-figures={JSON.stringify(figures)}>
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={5}>{title}</Title>
        <Text size="sm" fw={600}>
          Total: {total.toLocaleString('pt-BR')}
        </Text>
      </Group>
      <Freshness />
      {total === 0 ? (
        <Text c="dimmed" size="sm" mt="sm">
          Nada no período.
        </Text>
      ) : (
        children
      )}
    </Paper>
  );
}
