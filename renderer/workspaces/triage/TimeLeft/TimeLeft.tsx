import { Badge } from '@mantine/core';
import type { ServiceLevel } from '../../../../shared/rules';
import { formatTimeLeft } from '../Queue/format';

const CLOCK_COLORS = { ok: 'green', warning: 'yellow', breached: 'red' } as const;

/** A request's time left against the decision target, colored as it nears it. */
export function TimeLeft({ clock }: { clock: ServiceLevel }) {
  return (
    <Badge color={CLOCK_COLORS[clock.status]} variant={clock.status === 'ok' ? 'light' : 'filled'} tt="none" size="lg" radius="sm" data-clock={clock.status}>
      {clock.paused ? 'prazo pausado' : formatTimeLeft(clock.remainingMs)}
    </Badge>
  );
}
