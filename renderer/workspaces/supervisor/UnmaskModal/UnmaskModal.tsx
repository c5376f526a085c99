import { Button, Group, Modal, Text, Textarea } from '@mantine/core';
import { useState } from 'react';

const MIN_JUSTIFICATION = 10;

/** Asks why a masked domestic-violence record must be read in full; the caller logs the unmasking. */
export function UnmaskModal({ protocol, onConfirm, onClose }: { protocol: string | null; onConfirm: (justification: string) => Promise<void>; onClose: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    if (text.trim().length < MIN_JUSTIFICATION) {
      setError(`Justifique com pelo menos ${MIN_JUSTIFICATION} caracteres.`);
      return;
    }
    await onConfirm(text.trim());
    setText('');
    setError(null);
  };
  return (
    <Modal opened={protocol !== null} onClose={onClose} title={`Desmascarar ${protocol ?? ''}`}>
      <Text size="sm" mb="sm">
        O nome da vítima de violência doméstica é sigiloso por lei. O acesso fica registrado com o seu nome, a data e a justificativa.
      </Text>
      <Textarea label="Justificativa" value={text} onChange={(event) => setText(event.currentTarget.value)} error={error} autosize minRows={2} data-testid="unmask-justification" />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Cancelar
        </Button>
        <Button color="red" onClick={() => void confirm()} data-testid="unmask-confirm">
          Desmascarar e registrar
        </Button>
      </Group>
    </Modal>
  );
}
