import { Text } from '@mantine/core';
import { createContext, useContext } from 'react';

/** The last time this console reached the server; a context so only these lines re-render as it moves. */
export const LastSyncContext = createContext<string | null>(null);

const format = (iso: string) => new Date(iso).toLocaleString('pt-BR', { dateStyle: 'short', timeStyle: 'medium' });

/** How fresh the local data is: everything in this workspace is computed from the local store. */
export function Freshness() {
  const lastSyncAt = useContext(LastSyncContext);
  return (
    <Text size="xs" c="dimmed" data-testid="freshness" data-last-sync={lastSyncAt ?? ''}>
      {lastSyncAt ? `dados de ${format(lastSyncAt)}` : 'dados locais, ainda sem sincronização nesta sessão'}
    </Text>
  );
}
