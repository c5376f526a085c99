import { Button, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { createSession } from '../auth/session-api';
import type { ServerClient } from '../sync/server-client';

/** The server no longer accepts the session (expired, or signed in offline): sign in again without losing work. */
export function ReauthModal({ opened, client, userId }: { opened: boolean; client: ServerClient; userId: string }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) return setError('Informe a senha.');
    setBusy(true);
    try {
      await createSession(client, userId, password);
      setPassword('');
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Não foi possível entrar.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={() => undefined} withCloseButton={false} title="Entre novamente para sincronizar">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">Suas alterações continuam guardadas neste computador e serão enviadas assim que você entrar.</Text>
          <PasswordInput label="Senha" value={password} onChange={(event) => setPassword(event.currentTarget.value)} error={error} autoFocus />
          <Button type="submit" loading={busy}>
            Entrar
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
