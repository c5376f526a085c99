import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { findDuplicateCandidates, isTerminalTriageState, TRIAGE_STATE_LABELS, type RequestFlag } from '../../../../shared/rules';
import { clockAt, type QueueRow } from '../../../../shared/rules/triage/queue';
import { findNature, NATURES } from '../../../../shared/reference/natures';
import type { Claim, Decision, Note, OccurrenceRequest, Unit } from '../../../../shared/schemas';
import type { ConsoleSession } from '../../../auth/login';
import { addNote } from '../data/triage-actions';
import { TimeLeft } from '../TimeLeft';
import { requestSections } from './request-fields';
import classes from './RequestView.module.css';

export interface RequestViewProps {
  session: ConsoleSession;
  unit: Unit;
  request: OccurrenceRequest;
  row: QueueRow | undefined;
  claim: Claim | undefined;
  decisions: readonly Decision[];
  unitRequests: readonly OccurrenceRequest[];
  onOpenProtocol: (protocol: string) => void;
  /** The decision form or the result of the last decision. */
  children?: React.ReactNode;
}

const MAX_DUPLICATE_LINKS = 8;
const OUTCOME_LABELS: Record<Decision['outcome'], string> = { validated: 'Validada', rejected: 'Rejeitada', on_hold: 'Sobrestada', resumed: 'Retomada' };

function Flags({ flags }: { flags: readonly RequestFlag[] }) {
  if (flags.length === 0) return <Text size="sm" c="dimmed">Nenhum alerta automático.</Text>;
  return (
    <Stack gap={4} data-testid="request-flags">
      {flags.map((flag) => (
        <Group key={flag.code} gap="xs" wrap="nowrap" align="flex-start">
          <Badge color={flag.severity === 'blocking' ? 'red' : 'orange'} variant={flag.severity === 'blocking' ? 'filled' : 'light'} style={{ flexShrink: 0 }}>
            {flag.severity === 'blocking' ? 'Impeditivo' : 'Atenção'}
          </Badge>
          <Text size="sm">{flag.message}</Text>
        </Group>
      ))}
    </Stack>
  );
}

function useNotes(session: ConsoleSession, protocol: string): Note[] {
  const [notes, setNotes] = useState<Note[]>([]);
  useEffect(() => {
    const subscription = session.database.notes
      .find({ selector: { 'subject.id': protocol }, sort: [{ createdAt: 'asc' }] })
      .$.subscribe((docs) => setNotes(docs.map((doc) => doc.toJSON() as unknown as Note)));
    return () => subscription.unsubscribe();
  }, [session, protocol]);
  return notes;
}

function Notes({ session, unit, protocol }: { session: ConsoleSession; unit: Unit; protocol: string }) {
  const notes = useNotes(session, protocol);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const result = await addNote(session, unit, protocol, text);
    if (result.ok) setText('');
    setError(result.ok ? null : result.error);
  };
  return (
    <Stack gap="xs">
      {notes.map((note) => (
        <Text key={`${note.createdAt}${note.authorId}`} size="sm">
          <b>{note.authorName}</b> ({new Date(note.createdAt).toLocaleString('pt-BR')}): {note.text}
        </Text>
      ))}
      <Textarea placeholder="Nota interna da equipe (não é enviada ao cidadão)" value={text} onChange={(event) => setText(event.currentTarget.value)} error={error} autosize minRows={2} />
      <Group>
        <Button size="xs" variant="light" onClick={() => void save()} disabled={text.trim() === ''}>
          Adicionar nota
        </Button>
      </Group>
    </Stack>
  );
}

/** Everything the citizen sent (read-only), the automatic flags, duplicates, notes and history. */
export function RequestView({ session, unit, request, row, claim, decisions, unitRequests, onOpenProtocol, children }: RequestViewProps) {
  const sections = useMemo(() => requestSections(request), [request]);
  const duplicates = useMemo(() => findDuplicateCandidates(request, unitRequests), [request, unitRequests]);
  const nature = findNature(NATURES, request.natureCode, request.natureTableVersion);
  const heldByOther = row && !isTerminalTriageState(row.state) && claim && !claim.releasedAt && Date.parse(claim.expiresAt) > Date.now() && claim.officerId !== session.profile.userId;


  return (
    <Stack gap="md" data-testid="request-view" data-protocol={request.protocol}>
      <Group justify="space-between">
        <div>
          <Title order={3} ff="monospace">
            {request.protocol}
          </Title>
          <Text>{nature?.label ?? request.natureCode}</Text>
        </div>
        <Group>
          {row?.claim?.provisional && (
            <Badge size="lg" color="gray" variant="outline" data-testid="claim-provisional" title="Feita sem conexão: vale quando o servidor a receber">
              Reserva provisória
            </Badge>
          )}
          {row && <Badge size="lg" variant="light" data-testid="request-state">{TRIAGE_STATE_LABELS[row.state]}</Badge>}
          {row && !isTerminalTriageState(row.state) && (
            <TimeLeft clock={clockAt(row.clock, new Date())} />
          )}
        </Group>
      </Group>
      {heldByOther && (
        <Alert color="orange" data-testid="claim-alert" title="Reservada por outro analista">
          {claim.officerName} reservou esta solicitação às {new Date(claim.claimedAt).toLocaleTimeString('pt-BR')} (até {new Date(claim.expiresAt).toLocaleTimeString('pt-BR')}).
        </Alert>
      )}
      {children}
      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          Alertas automáticos
        </Title>
        <Flags flags={row?.flags ?? []} />
        {duplicates.length > 0 && (
          <Alert color="yellow" mt="sm" title={`Possíveis duplicidades (${duplicates.length}): mesmo documento, natureza e dia do fato`} data-testid="duplicates">
            {duplicates.slice(0, MAX_DUPLICATE_LINKS).map((duplicate) => (
              <Anchor key={duplicate.protocol} component="button" mr="md" onClick={() => onOpenProtocol(duplicate.protocol)}>
                {duplicate.protocol}
              </Anchor>
            ))}
            {duplicates.length > MAX_DUPLICATE_LINKS && <Text size="sm">e mais {duplicates.length - MAX_DUPLICATE_LINKS} solicitações do mesmo documento e natureza.</Text>}
          </Alert>
        )}
      </Paper>
      <Paper withBorder p="md" data-testid="request-fields">
        {sections.map((section) => (
          <div key={section.title}>
            <Title order={5} mt="sm" mb={4}>
              {section.title}
            </Title>
            <div className={classes.fields}>
              {section.rows.map(([label, value]) => (
                <div key={label} style={{ display: 'contents' }}>
                  <span className={classes.label}>{label}</span>
                  <span>{value}</span>
                </div>
              ))}
            </div>
          </div>
        ))}
        <Title order={5} mt="sm" mb={4}>
          Histórico (relato do cidadão)
        </Title>
        <Text className={classes.narrative}>{request.narrative}</Text>
      </Paper>
      {decisions.length > 0 && (
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            Decisões
          </Title>
          {decisions.map((decision) => (
            <Text key={decision.sequence} size="sm">
              {decision.sequence}. {OUTCOME_LABELS[decision.outcome]} por {decision.officerName} em {new Date(decision.decidedAt).toLocaleString('pt-BR')}
              {decision.redsNumber ? ` — REDS ${decision.redsNumber}` : ''}
            </Text>
          ))}
        </Paper>
      )}
      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          Notas da equipe
        </Title>
        <Notes session={session} unit={unit} protocol={request.protocol} />
      </Paper>
    </Stack>
  );
}
