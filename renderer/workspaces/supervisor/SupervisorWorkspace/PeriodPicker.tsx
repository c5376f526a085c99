import { Group, SegmentedControl, Text } from '@mantine/core';

export const PERIOD_DAYS = [1, 7, 14, 30] as const;
const LABELS: Record<(typeof PERIOD_DAYS)[number], string> = { 1: '24 horas', 7: '7 dias', 14: '14 dias', 30: '30 dias' };

/** The window the period charts, the ledger and the export cover, ending now. */
export function PeriodPicker({ days, onChange }: { days: number; onChange: (days: number) => void }) {
  return (
    <Group gap="xs">
      <Text size="sm">Período:</Text>
      <SegmentedControl
        size="xs"
        value={String(days)}
        onChange={(value) => onChange(Number(value))}
        data={PERIOD_DAYS.map((value) => ({ value: String(value), label: LABELS[value] }))}
        data-testid="period-picker"
      />
    </Group>
  );
}
