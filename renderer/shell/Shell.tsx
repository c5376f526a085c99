import {
  ActionIcon,
  AppShell,
  Box,
  Burger,
  Button,
  Group,
  NavLink,
  Paper,
  Progress,
  Text,
  Title,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { memo, useEffect, useState } from 'react';
import { ROLE_LABELS } from '../../shared/schemas';
import type { ConsoleSession } from '../auth/login';
import { LookupWorkspace } from '../workspaces/lookup/LookupWorkspace';
import { TriageWorkspace } from '../workspaces/triage/TriageWorkspace';
import { queueIndexOf } from '../workspaces/triage/data/queue-index';
import { initialProgressPercent, initialSyncSettled } from '../sync/sync-state';
import { useSync } from '../sync/use-sync';
import { CardLookup, CardsWorkspace } from '../workspaces/cards';
import { SupervisorWorkspace, warmSupervisorData } from '../workspaces/supervisor';
import { workspacesFor, type WorkspaceId } from './navigation';
import { LocalDataSummary } from './LocalDataSummary';
import { NoticeBanner } from './NoticeBanner';
import { ReauthModal } from './ReauthModal';
import { SyncPage } from './SyncPage';
import { SyncStatus } from './SyncStatus';

function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const dark = useComputedColorScheme('light') === 'dark';
  const label = dark ? 'Usar tema claro' : 'Usar tema escuro';
  return (
    <Tooltip label={label}>
      <ActionIcon variant="default" size="lg" aria-label={label} onClick={() => setColorScheme(dark ? 'light' : 'dark')}>
        {dark ? '☀' : '☾'}
      </ActionIcon>
    </Tooltip>
  );
}

/**
 * The active workspace. Memoized: the sync state changes many times during a sync (progress, last sync
 * time) and only the header shows it; a workspace re-renders from its own data, or when going on/offline.
 */
const WorkspaceView = memo(function WorkspaceView(props: { active: WorkspaceId; session: ConsoleSession; online: boolean; lastSyncAt: string | null }) {
  const { active, session, online } = props;
  const workspace = workspacesFor(session.profile.roles).find((candidate) => candidate.id === active);
  if (active === 'sync') return <SyncPage database={session.database} />;
  if (active === 'triage') return <TriageWorkspace session={session} online={online} />;
  if (active === 'cards') return <CardsWorkspace session={session} />;
  if (active === 'supervision') return <SupervisorWorkspace session={session} online={online} lastSyncAt={props.lastSyncAt} />;
  if (active === 'lookup')
    return (
      <>
        <LookupWorkspace session={session} />
        <CardLookup session={session} />
      </>
    );
  return (
    <Paper withBorder p="lg">
      <Title order={3} mb="xs">
        {workspace?.label}
      </Title>
      <Text c="dimmed">Em construção. {workspace?.coming}</Text>
      <LocalDataSummary database={session.database} />
    </Paper>
  );
});

export function Shell({ session, onLogout }: { session: ConsoleSession; onLogout: () => Promise<void> }) {
  const [navbarOpened, { toggle }] = useDisclosure();
  const { state, sync } = useSync(session);
  const workspaces = workspacesFor(session.profile.roles);
  const [active, setActive] = useState<WorkspaceId>(workspaces[0]?.id ?? 'sync');
  const progress = initialProgressPercent(state);
  // A workspace opens once the first download is complete: a partial queue would misstate what is waiting,
  // and building it batch by batch costs more than once. Offline, it opens with what this desk holds.
  const dataReady = initialSyncSettled(state) || state.connection === 'offline' || state.connection === 'unauthenticated';
  const workspaceReady = active === 'sync' || dataReady;
  const place = session.profile.unitId ?? session.profile.postId;

  useEffect(() => (dataReady ? warmSupervisorData(session) : undefined), [dataReady, session]);

  useEffect(() => {
    // Started with the session, the triage queue takes the first download by its change events as it is
    // stored, and is ready when the download ends; opened afterwards, it read back and unsealed every request
    // (minutes for 100,000 under load, with the console's IndexedDB busy meanwhile).
    const unitId = session.profile.unitId;
    if (unitId && workspacesFor(session.profile.roles).some((workspace) => workspace.id === 'triage')) queueIndexOf(session.database, unitId);
  }, [session]);

  useEffect(() => {
    // Browser tests drive the local store directly; the hook exists only in test builds.
    if (import.meta.env.VITE_PLANTAO_TEST_HOOKS === '1') Object.assign(window, { plantaoTest: { database: session.database, sync } });
  }, [session, sync]);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navbarOpened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Title order={3}>Plantão</Title>
          </Group>
          <SyncStatus state={state} />
          <Group gap="sm" wrap="nowrap">
            <Box ta="right" visibleFrom="md">
              <Text size="sm" fw={500} data-testid="user-name">
                {session.profile.displayName}
              </Text>
              <Text size="xs" c="dimmed">
                {session.profile.roles.map((role) => ROLE_LABELS[role]).join(', ')}
                {place ? ` · ${place}` : ''}
              </Text>
            </Box>
            <ThemeToggle />
            <Button variant="default" onClick={() => void onLogout()}>
              Sair
            </Button>
          </Group>
        </Group>
        {progress !== null && (
          <Progress value={progress} size="xs" radius={0} animated aria-label={`Sincronização inicial: ${progress}%`} data-testid="initial-sync-progress" />
        )}
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        {workspaces.map((candidate) => (
          <NavLink key={candidate.id} label={candidate.label} active={candidate.id === active} onClick={() => setActive(candidate.id)} />
        ))}
      </AppShell.Navbar>

      <AppShell.Main>
        <NoticeBanner database={session.database} />
        {progress !== null && (
          <Paper withBorder p="sm" mb="md">
            <Text size="sm" mb={6}>
              Baixando os dados do servidor para uso offline: {progress}%
            </Text>
            <Progress value={progress} />
          </Paper>
        )}
        {progress === null && !workspaceReady && (
          <Text c="dimmed" data-testid="local-data-preparing">
            Preparando os dados deste computador…
          </Text>
        )}
        {workspaceReady && <WorkspaceView active={active} session={session} online={state.connection === 'online'} lastSyncAt={active === 'supervision' ? state.lastSyncAt : null} />}
      </AppShell.Main>
      <ReauthModal opened={state.connection === 'unauthenticated'} client={session.client} userId={session.profile.userId} />
    </AppShell>
  );
}
