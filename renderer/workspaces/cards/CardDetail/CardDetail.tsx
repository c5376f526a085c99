import { Alert, Badge, Divider, Drawer, Group, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { CARD_STAGE_LABELS, cardValidUntil, compareCardEvents, formatCpf, type DerivedCardStage } from '../../../../shared/rules';
import { CARD_REASON_LABELS, CPF_SITUATION_TEXT, feeText, HANDOVER_DOCUMENT_LABELS, movesFrom, stageAging } from '../../../../shared/rules/cards';
import type { CardProcess, CardStageEvent, Post, Role } from '../../../../shared/schemas';
import type { NewCardEvent } from '../data/record-events';
import { AgingBadge, ConflictBadge, StageBadge } from '../StageBadge';
import { HandoverForm } from './HandoverForm';
import { MoveForm } from './MoveForm';

const dateTime = (iso: string) => new Date(iso).toLocaleString('pt-BR', { dateStyle: 'short', timeStyle: 'short' });
const date = (isoDate: string) => isoDate.split('-').reverse().join('/');

/** Validity from the shared rule: fixed at production, estimated before it. */
function validityText(card: CardProcess, events: readonly CardStageEvent[]): string {
  const produced = events.filter((event) => event.to === 'in_production').sort(compareCardEvents).at(-1);
  const until = card.validUntil ?? cardValidUntil(card.holder.birthDate, produced?.at ?? new Date());
  if (until === null) return 'Sem data de validade (titular com 60 anos ou mais na emissão)';
  return produced || card.validUntil ? `Válida até ${date(until)}` : `Prevista: até ${date(until)} se emitida hoje`;
}

const authorOf = (events: readonly CardStageEvent[], eventId: string): string => {
  const event = events.find((candidate) => candidate.eventId === eventId);
  return event ? `${event.byName} (${event.workstationId})` : 'autor desconhecido';
};

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

export interface CardDetailProps {
  card: CardProcess | null;
  derived: DerivedCardStage | null;
  events: CardStageEvent[];
  postRules: Pick<Post, 'stageTargetDays' | 'defaultStageTargetDays'>;
  role: Role | undefined;
  onClose: () => void;
  onRecord: (event: NewCardEvent) => Promise<string | null>;
}

export function CardDetail({ card, derived, events, postRules, role, onClose, onRecord }: CardDetailProps) {
  const anomalous = new Map(derived?.anomalies.map((anomaly) => [anomaly.eventId, anomaly]) ?? []);
  return (
    <Drawer opened={card !== null} onClose={onClose} position="right" size="lg" title={card ? `Processo ${card.protocol}` : ''} data-testid="card-detail">
      {card && derived && (
        <Stack gap="md" data-testid="card-detail-body" data-stage={derived.stage}>
          <Group gap="xs">
            <StageBadge derived={derived} />
            <AgingBadge aging={stageAging(derived.stage, derived.since, new Date(), postRules)} />
            {derived.anomalies.length > 0 && <ConflictBadge />}
          </Group>
          {derived.pendingFrom && <Text size="sm">Pendência aberta em “{CARD_STAGE_LABELS[derived.pendingFrom]}”.</Text>}
          <SimpleGrid cols={2} spacing="sm">
            <Field label="Titular">{card.holder.socialName ? `${card.holder.socialName} (${card.holder.fullName})` : card.holder.fullName}</Field>
            <Field label="CPF">
              {formatCpf(card.holder.cpf)} — situação {CPF_SITUATION_TEXT[card.cpfSituation].toLowerCase()}
            </Field>
            <Field label="Nascimento">{date(card.holder.birthDate)}</Field>
            <Field label="Documento">
              {card.cardKind === 'cin' ? 'CIN' : 'RG'} — {card.issuance === 'first' ? 'primeira via' : '2ª via'}
            </Field>
            <Field label="Taxa">
              <span data-testid="card-fee">{feeText(card.fee)}</span>
            </Field>
            <Field label="Validade">
              <span data-testid="card-validity">{validityText(card, events)}</span>
            </Field>
          </SimpleGrid>
          {card.cpfSituation !== 'regular' && (
            <Alert color="yellow" title="Produção bloqueada">
              O CPF do titular não está regular: a carteira não pode ir para produção até a regularização.
            </Alert>
          )}
          {derived.anomalies.length > 0 && (
            <Alert color="red" title="Conflito para o supervisor" data-testid="card-anomalies">
              {derived.anomalies.map((anomaly) => (
                <Text size="sm" key={anomaly.eventId}>
                  {dateTime(anomaly.at)} — {authorOf(events, anomaly.eventId)}: {anomaly.reason}
                </Text>
              ))}
            </Alert>
          )}
          {role && (
            <>
              {movesFrom(derived).some((move) => move.to !== 'delivered') && <Divider label="Movimentar" labelPosition="left" />}
              <MoveForm key={`${derived.stage}:${events.length}`} card={card} derived={derived} role={role} onRecord={onRecord} />
              {derived.stage === 'available_for_pickup' && (
                <>
                  <Divider label="Entrega ao titular" labelPosition="left" />
                  <HandoverForm card={card} derived={derived} role={role} onRecord={onRecord} />
                </>
              )}
            </>
          )}
          <Divider label="Histórico (mais recente primeiro)" labelPosition="left" />
          <Timeline bulletSize={14} lineWidth={2} data-testid="card-history">
            {[...events].sort(compareCardEvents).reverse().map((event) => (
              <Timeline.Item key={event.eventId} color={anomalous.has(event.eventId) ? 'red' : 'blue'} data-event-id={event.eventId}>
                <Title order={6}>
                  {CARD_STAGE_LABELS[event.from]} → {CARD_STAGE_LABELS[event.to]}
                  {anomalous.has(event.eventId) && (
                    <Badge ml="xs" size="xs" color="red">
                      não aplicada
                    </Badge>
                  )}
                </Title>
                <Text size="xs" c="dimmed">
                  {dateTime(event.at)} · {event.byName} · {event.workstationId}
                  {event.batchId ? ` · lote ${event.batchId}` : ''}
                </Text>
                {event.reasonCode && <Text size="sm">Motivo: {CARD_REASON_LABELS[event.reasonCode]}</Text>}
                {event.reasonText && <Text size="sm">{event.reasonText}</Text>}
                {event.handover && (
                  <Text size="sm">
                    Entregue mediante {HANDOVER_DOCUMENT_LABELS[event.handover.documentShown]} (final {event.handover.documentSuffix})
                    {event.handover.representativeName ? ` a ${event.handover.representativeName}` : ''}
                  </Text>
                )}
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      )}
    </Drawer>
  );
}
