import { Badge, Tooltip } from '@mantine/core';
import { CARD_STAGE_LABELS, type DerivedCardStage } from '../../../../shared/rules';
import type { AgingLevel, StageAging } from '../../../../shared/rules/cards';

const AGING_COLORS: Record<AgingLevel, string> = { ok: 'teal', near: 'yellow', late: 'red', closed: 'gray' };
const AGING_HINTS: Record<AgingLevel, string> = { ok: 'dentro do prazo', near: 'perto do prazo', late: 'prazo vencido', closed: 'processo encerrado' };

export function StageBadge({ derived }: { derived: Pick<DerivedCardStage, 'stage'> }) {
  return (
    <Badge variant="light" color={derived.stage === 'pending_issue' ? 'orange' : derived.stage === 'returned' ? 'gray' : 'blue'} data-stage={derived.stage}>
      {CARD_STAGE_LABELS[derived.stage]}
    </Badge>
  );
}

export function AgingBadge({ aging }: { aging: StageAging }) {
  const days = aging.days === 1 ? '1 dia' : `${aging.days} dias`;
  return (
    <Tooltip label={`Meta do posto: ${aging.targetDays} dias — ${AGING_HINTS[aging.level]}`}>
      <Badge variant="filled" color={AGING_COLORS[aging.level]} data-aging={aging.level}>
        {days}
      </Badge>
    </Tooltip>
  );
}

export function ConflictBadge() {
  return (
    <Tooltip label="Movimentações simultâneas ou inválidas: o supervisor deve revisar o histórico">
      <Badge color="red" variant="outline" data-testid="conflict-marker">
        conflito para o supervisor
      </Badge>
    </Tooltip>
  );
}
