import { Alert, Group, Loader, Paper, Tabs, Text, Title } from '@mantine/core';
import { memo, useEffect, useMemo, useState } from 'react';
import { periodEndingAt, type Period } from '../../../../shared/rules/supervisor';
import type { ConsoleSession } from '../../../auth/login';
import { AccessLog } from '../AccessLog';
import { Conflicts } from '../Conflicts';
import { Dashboards } from '../Dashboards';
import { useSupervisorData, type SupervisorData } from '../data/use-supervisor-data';
import { useSupervisorStats, type SupervisorStats } from '../data/use-supervisor-stats';
import { Freshness, LastSyncContext } from '../Freshness';
import { QueueReview } from '../QueueReview';
import { RedsLedger } from '../RedsLedger';
import { StatisticsExport } from '../StatisticsExport';
import { PeriodPicker } from './PeriodPicker';

const CLOCK_TICK_MS = 60_000;
const DEFAULT_PERIOD_DAYS = 14;

function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

interface ViewsProps {
  session: ConsoleSession;
  data: SupervisorData;
  stats: SupervisorStats;
  now: Date;
  period: Period;
  online: boolean;
}

/** Memoized: the last-sync time moves with every server answer, and only the freshness lines show it. */
const SupervisorViews = memo(function SupervisorViews({ session, data, stats, now, period, online }: ViewsProps) {
  const { unitId } = session.profile;
  const conflicts = data.conflicts();
  const resolutions = data.resolutions();
  return (
    <Tabs defaultValue="dashboards" keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="dashboards">Painéis</Tabs.Tab>
        <Tabs.Tab value="queue">Fila e atrasos</Tabs.Tab>
        <Tabs.Tab value="conflicts">Conflitos ({conflicts.filter((conflict) => !resolutions.has(conflict.key)).length})</Tabs.Tab>
        <Tabs.Tab value="ledger">Livro REDS</Tabs.Tab>
        <Tabs.Tab value="access">Registro de acessos</Tabs.Tab>
        <Tabs.Tab value="export">Estatísticas</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="dashboards">
        <Dashboards stats={stats} />
      </Tabs.Panel>
      <Tabs.Panel value="queue">
        <QueueReview session={session} data={data} stats={stats} now={now} online={online} />
      </Tabs.Panel>
      <Tabs.Panel value="conflicts">
        <Conflicts session={session} conflicts={conflicts} resolutions={resolutions} users={data.users} unitId={unitId} />
      </Tabs.Panel>
      <Tabs.Panel value="ledger">
        <RedsLedger session={session} data={data} period={period} />
      </Tabs.Panel>
      <Tabs.Panel value="access">
        <AccessLog entries={data.accessLog} />
      </Tabs.Panel>
      <Tabs.Panel value="export">
        <StatisticsExport session={session} requests={data.requests} natures={data.natures} period={period} />
      </Tabs.Panel>
    </Tabs>
  );
});

/** The supervisor's unit and post, computed entirely from the local replicated store so it works offline. */
export function SupervisorWorkspace({ session, online, lastSyncAt }: { session: ConsoleSession; online: boolean; lastSyncAt: string | null }) {
  const { unitId, postId } = session.profile;
  const data = useSupervisorData(session.database, unitId, postId);
  const now = useNow();
  const [days, setDays] = useState(DEFAULT_PERIOD_DAYS);
  const period = useMemo(() => periodEndingAt(now, days), [now, days]);
  const stats = useSupervisorStats(data, period, now);

  return (
    <LastSyncContext value={lastSyncAt}>
      <Paper withBorder p="lg" data-testid="supervisor-workspace" data-loaded={data.loaded}>
        <Group justify="space-between" mb="md">
          <div>
            <Title order={3}>Supervisão</Title>
            <Text c="dimmed" size="sm">
              {[data.unit?.name ?? unitId, data.posts.find((post) => post.postId === postId)?.name ?? postId].filter(Boolean).join(' · ')}
            </Text>
            <Freshness />
          </div>
          <PeriodPicker days={days} onChange={setDays} />
        </Group>
        {!online && (
          <Alert color="gray" mb="md" data-testid="offline-note">
            Sem conexão: os números vêm do armazenamento local desta estação.
          </Alert>
        )}
        {data.loaded ? <SupervisorViews session={session} data={data} stats={stats} now={now} period={period} online={online} /> : <Loader />}
      </Paper>
    </LastSyncContext>
  );
}
