import { Alert, Button, Select, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { CARD_STAGE_LABELS, checkCardEvent, type CardTransition, type DerivedCardStage } from '../../../../shared/rules';
import { CARD_REASON_LABELS, movesFrom } from '../../../../shared/rules/cards';
import type { CardProcess, CardReasonCode, Role } from '../../../../shared/schemas';
import type { NewCardEvent } from '../data/record-events';

const moveLabel = (move: CardTransition): string => {
  const to = CARD_STAGE_LABELS[move.to];
  switch (move.kind) {
    case 'forward':
      return `Avançar para ${to}`;
    case 'pending':
      return 'Registrar pendência';
    case 'resolve':
      return `Resolver pendência → ${to}`;
    case 'return':
      return 'Devolver (não retirada no prazo)';
    case 'reversal':
      return `Voltar para ${to} (estorno)`;
  }
};

export interface MoveFormProps {
  card: CardProcess;
  derived: DerivedCardStage;
  role: Role;
  onRecord: (event: NewCardEvent) => Promise<string | null>;
}

/** One stage move, judged by the shared stage machine before it is written. Delivery has its own form. */
export function MoveForm({ card, derived, role, onRecord }: MoveFormProps) {
  const moves = movesFrom(derived).filter((move) => move.to !== 'delivered');
  const [selected, setSelected] = useState<string | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const move = moves.find((candidate) => `${candidate.kind}:${candidate.to}` === selected);
  if (moves.length === 0) return null;

  const submit = async () => {
    if (!move) return setError('Escolha a movimentação.');
    const reasonCode = (move.reasons.length === 1 ? move.reasons[0] : (reason ?? undefined)) as CardReasonCode | undefined;
    const event: NewCardEvent = {
      protocol: card.protocol,
      postId: card.postId,
      from: derived.stage,
      to: move.to,
      ...(reasonCode ? { reasonCode } : {}),
      ...(text.trim() ? { reasonText: text.trim() } : {}),
    };
    const check = checkCardEvent(event, { card, role, pendingFrom: derived.pendingFrom });
    if (!check.ok) return setError(check.error);
    setBusy(true);
    const failure = await onRecord(event);
    setBusy(false);
    setError(failure);
    if (!failure) {
      setSelected(null);
      setReason(null);
      setText('');
    }
  };

  return (
    <Stack gap="xs" data-testid="move-form">
      <Select
        label="Movimentação"
        placeholder="Escolha"
        data={moves.map((candidate) => ({ value: `${candidate.kind}:${candidate.to}`, label: moveLabel(candidate) }))}
        value={selected}
        onChange={(value) => {
          setSelected(value);
          setReason(null);
          setError(null);
        }}
      />
      {move && move.reasons.length > 1 && (
        <Select label="Motivo" placeholder="Escolha o motivo" data={move.reasons.map((code) => ({ value: code, label: CARD_REASON_LABELS[code] }))} value={reason} onChange={setReason} />
      )}
      {move && move.kind !== 'forward' && (
        <Textarea
          label={move.kind === 'reversal' ? 'Justificativa (obrigatória)' : 'Observação'}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          autosize
          minRows={2}
        />
      )}
      {error && (
        <Alert color="red" data-testid="move-error">
          {error}
        </Alert>
      )}
      <Button onClick={() => void submit()} loading={busy} disabled={!move}>
        Registrar movimentação
      </Button>
    </Stack>
  );
}
