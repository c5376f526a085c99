import { Alert, Button, Stack, Text } from '@mantine/core';
import type { LostDecision } from '../../../../shared/rules/triage/decision';
import { decisionDocId } from '../../../../shared/schemas';

const OUTCOME: Record<string, string> = { validated: 'validou', rejected: 'rejeitou', on_hold: 'sobrestou', resumed: 'retomou' };

/** Decisions of this officer that another officer's decision beat during sync. */
export function LostDecisions({ lost, onAcknowledge }: { lost: readonly LostDecision[]; onAcknowledge: (decisionId: string) => void }) {
  return (
    <Stack gap="xs" data-testid="lost-decisions">
      {lost.map(({ mine, standing }) => {
        const id = decisionDocId(mine.requestId, mine.sequence);
        return (
          <Alert key={id} color="red" title={`Sua decisão sobre ${mine.requestId} não prevaleceu`}>
            <Text size="sm">
              {standing.officerName} {OUTCOME[standing.outcome]} a solicitação em {new Date(standing.decidedAt).toLocaleString('pt-BR')}, antes da sua decisão
              ({OUTCOME[mine.outcome]}, sincronizada depois).
              {mine.redsNumber ? ` O número REDS ${mine.redsNumber} que você emitiu foi anulado automaticamente no livro.` : ''}
            </Text>
            <Button size="xs" mt="xs" variant="white" color="red" onClick={() => onAcknowledge(id)}>
              Ciente
            </Button>
          </Alert>
        );
      })}
    </Stack>
  );
}
