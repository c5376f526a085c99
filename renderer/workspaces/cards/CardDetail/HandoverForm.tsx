import { Alert, Button, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { checkCardEvent, type DerivedCardStage } from '../../../../shared/rules';
import { HANDOVER_DOCUMENT_LABELS, HANDOVER_RECEIVER_LABELS } from '../../../../shared/rules/cards';
import { HandoverSchema, type CardProcess, type Role } from '../../../../shared/schemas';
import type { NewCardEvent } from '../data/record-events';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Hand-over at the counter: the document shown, its last digits and who received the card. */
export function HandoverForm({ card, derived, role, onRecord }: { card: CardProcess; derived: DerivedCardStage; role: Role; onRecord: (event: NewCardEvent) => Promise<string | null> }) {
  const [documentShown, setDocumentShown] = useState<string | null>(null);
  const [suffix, setSuffix] = useState('');
  const [receivedBy, setReceivedBy] = useState<string | null>('holder');
  const [representativeName, setRepresentativeName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const handover = HandoverSchema.safeParse({
      documentShown,
      documentSuffix: suffix.trim(),
      receivedBy,
      ...(receivedBy === 'legal_representative' ? { representativeName: representativeName.trim() } : {}),
    });
    if (!handover.success) return setError('Informe o documento apresentado, os 2 a 4 últimos caracteres dele e quem recebeu (com o nome do representante).');
    const event: NewCardEvent = { protocol: card.protocol, postId: card.postId, from: derived.stage, to: 'delivered', handover: handover.data };
    const check = checkCardEvent(event, { card, role, pendingFrom: derived.pendingFrom });
    if (!check.ok) return setError(check.error);
    setBusy(true);
    setError(await onRecord(event));
    setBusy(false);
  };

  return (
    <Stack gap="xs" data-testid="handover-form">
      <Select label="Documento apresentado" placeholder="Escolha" data={options(HANDOVER_DOCUMENT_LABELS)} value={documentShown} onChange={setDocumentShown} />
      <TextInput label="Últimos dígitos do documento" description="Apenas os 2 a 4 últimos caracteres" maxLength={4} value={suffix} onChange={(event) => setSuffix(event.currentTarget.value)} />
      <Select label="Quem recebeu" data={options(HANDOVER_RECEIVER_LABELS)} value={receivedBy} onChange={setReceivedBy} allowDeselect={false} />
      {receivedBy === 'legal_representative' && (
        <TextInput label="Nome do representante" value={representativeName} onChange={(event) => setRepresentativeName(event.currentTarget.value)} />
      )}
      {error && (
        <Alert color="red" data-testid="handover-error">
          {error}
        </Alert>
      )}
      <Button color="teal" onClick={() => void submit()} loading={busy}>
        Confirmar entrega
      </Button>
    </Stack>
  );
}
