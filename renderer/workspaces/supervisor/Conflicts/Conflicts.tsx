import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { CARD_STAGE_LABELS } from '../../../../shared/rules/card-stages';
import type { Conflict, ConflictResolution } from '../../../../shared/rules/supervisor';
import type { CardStageEvent, Note, UserProfile } from '../../../../shared/schemas';
import type { ConsoleSession } from '../../../auth/login';
import { recordResolution } from '../data/supervisor-actions';
import { Freshness } from '../Freshness';

const OUTCOME: Record<string, string> = { validated: 'validou', rejected: 'rejeitou', on_hold: 'sobrestou', resumed: 'retomou' };
const when = (iso: string) => new Date(iso).toLocaleString('pt-BR');
const MIN_RESOLUTION = 10;

function Version({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" fw={700} c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Paper>
  );
}

const moveText = (event: CardStageEvent | null) =>
  event ? `${event.byName} (${event.workstationId}) moveu de "${CARD_STAGE_LABELS[event.from]}" para "${CARD_STAGE_LABELS[event.to]}" em ${when(event.at)}` : 'não disponível no armazenamento local';

function Versions({ conflict, users }: { conflict: Conflict; users: readonly UserProfile[] }) {
  if (conflict.kind === 'decision') {
    const loser = users.find((user) => user.userId === conflict.lost.userId)?.displayName ?? conflict.lost.userId;
    const { standing } = conflict;
    return (
      <SimpleGrid cols={2}>
        <Version label="Não prevaleceu">
          {loser} ({conflict.lost.workstationId}) validou em {when(conflict.lost.issuedAt)} com o REDS {conflict.lost.redsNumber}, anulado automaticamente.
        </Version>
        <Version label="Prevaleceu">{standing ? `${standing.officerName} (${standing.workstationId}) ${OUTCOME[standing.outcome]} em ${when(standing.decidedAt)}` : conflict.lost.voidReason}</Version>
      </SimpleGrid>
    );
  }
  return (
    <SimpleGrid cols={2}>
      <Version label={conflict.anomaly.kind === 'illegal' ? 'Movimentação ilegal' : 'Não aplicada'}>
        {moveText(conflict.lost)}. {conflict.anomaly.reason}
      </Version>
      <Version label="Prevaleceu">{conflict.winner ? moveText(conflict.winner) : 'Nenhuma: a movimentação fere as regras da carteira.'}</Version>
    </SimpleGrid>
  );
}

function ResolutionForm({ onSave }: { onSave: (text: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const short = text.trim().length < MIN_RESOLUTION;
  return (
    <Group align="flex-end" mt="xs">
      <Textarea label="Resolução" placeholder="O que foi decidido e por quê" value={text} onChange={(event) => setText(event.currentTarget.value)} autosize minRows={1} style={{ flex: 1 }} />
      <Button disabled={short} onClick={() => void onSave(text).then(() => setText(''))}>
        Registrar resolução
      </Button>
    </Group>
  );
}

/** Decisions and stage moves that lost a race, and illegal card moves; each gets a recorded resolution. */
export function Conflicts(props: { session: ConsoleSession; conflicts: readonly Conflict[]; resolutions: ReadonlyMap<string, ConflictResolution>; users: readonly UserProfile[]; unitId: string | undefined }) {
  const { session, conflicts, resolutions, users, unitId } = props;
  const open = conflicts.filter((conflict) => !resolutions.has(conflict.key)).length;
  const subjectOf = (conflict: Conflict): Note['subject'] | null =>
    conflict.kind === 'card' ? { kind: 'card', id: conflict.protocol, postId: conflict.postId } : unitId ? { kind: 'request', id: conflict.requestId, unitId } : null;
  return (
    <Stack data-testid="conflicts" data-count={conflicts.length} data-open={open}>
      <div>
        <Title order={5}>
          Conflitos: {conflicts.length} ({open} sem resolução)
        </Title>
        <Freshness />
      </div>
      {conflicts.length === 0 && <Text c="dimmed">Nenhum conflito no armazenamento local.</Text>}
      {conflicts.map((conflict) => {
        const resolution = resolutions.get(conflict.key);
        const subject = subjectOf(conflict);
        return (
          <Paper key={conflict.key} withBorder p="sm" data-testid="conflict" data-key={conflict.key} data-kind={conflict.kind}>
            <Group justify="space-between" mb="xs">
              <Text fw={600}>{conflict.kind === 'decision' ? `Decisão sobre ${conflict.requestId}` : `Carteira ${conflict.protocol} (${conflict.postId})`}</Text>
              <Badge color={resolution ? 'teal' : 'red'}>{resolution ? 'resolvido' : 'pendente'}</Badge>
            </Group>
            <Versions conflict={conflict} users={users} />
            {resolution ? (
              <Text size="sm" mt="xs" data-testid="resolution">
                Resolução de {resolution.authorName} em {when(resolution.createdAt)}: {resolution.text}
              </Text>
            ) : (
              subject && <ResolutionForm onSave={(text) => recordResolution(session, subject, conflict.key, text)} />
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
