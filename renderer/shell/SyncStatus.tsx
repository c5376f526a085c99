import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { initialProgressPercent, type Connection, type SyncState } from '../sync/sync-state';

const CONNECTION: Record<Connection, { label: string; color: string }> = {
  connecting: { label: 'Conectando…', color: 'gray' },
  online: { label: 'Online', color: 'teal' },
  offline: { label: 'Offline', color: 'orange' },
  unauthenticated: { label: 'Sessão expirada', color: 'red' },
};

const time = (iso: string) => new Date(iso).toLocaleTimeString('pt-BR', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Header summary: connection, unsynced and refused changes, and the last time the server answered. */
export function SyncStatus({ state }: { state: SyncState }) {
  const connection = CONNECTION[state.connection];
  return (
    <Group gap="xs" wrap="nowrap" data-testid="sync-status" data-connection={state.connection} data-pending={state.pending} data-refused={state.refused} data-initial-progress={initialProgressPercent(state) ?? 'done'}>
      <Tooltip label={state.lastError ?? 'Conectado ao servidor de sincronização'} disabled={state.connection === 'online' && !state.lastError}>
        <Badge color={connection.color} variant="light" data-testid="sync-connection">
          {connection.label}
        </Badge>
      </Tooltip>
      <Badge color={state.pending > 0 ? 'yellow' : 'gray'} variant={state.pending > 0 ? 'filled' : 'outline'} data-testid="sync-pending">
        {state.pending > 0 ? plural(state.pending, 'alteração pendente', 'alterações pendentes') : state.refused > 0 ? 'Nada pendente' : 'Tudo sincronizado'}
      </Badge>
      {state.refused > 0 && (
        <Badge color="red" variant="filled" data-testid="sync-refused">
          {plural(state.refused, 'recusada', 'recusadas')}
        </Badge>
      )}
      <Text size="xs" c="dimmed" data-testid="sync-last" visibleFrom="sm">
        {state.lastSyncAt ? `Última sincronização: ${time(state.lastSyncAt)}` : 'Ainda não sincronizado'}
      </Text>
    </Group>
  );
}
