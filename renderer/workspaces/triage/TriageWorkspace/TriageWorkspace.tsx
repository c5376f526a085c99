import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { findNature, NATURES } from '../../../../shared/reference/natures';
import { deriveTriageState, isTerminalTriageState } from '../../../../shared/rules';
import { queueRow, type QueueFilter } from '../../../../shared/rules/triage/queue';
import type { ConsoleSession } from '../../../auth/login';
import { DecisionPanel, type DecisionMode } from '../DecisionPanel';
import { acknowledgeLost, useLostDecisions } from '../data/my-decisions';
import { claimRequest, confirmAcknowledgedClaims, decideRequest, releaseClaim, type DecisionDone, type DecisionInput } from '../data/triage-actions';
import { useFilteredQueue } from '../data/use-filtered-queue';
import { useRedsPool } from '../data/use-reds-pool';
import { useTriageData } from '../data/use-triage-data';
import { Queue } from '../Queue';
import { formatDuration } from '../Queue/format';
import { downloadReceipt } from '../receipt/receipt-pdf';
import { RequestView } from '../RequestView';
import { requestSections } from '../RequestView/request-fields';
import { logAccess } from '../data/access-log';
import { ShortcutHelp } from '../ShortcutHelp';
import { LostDecisions } from './LostDecisions';
import { QueueFilters } from './QueueFilters';
import { useQueueKeys, type QueueKeyAction } from './use-queue-keys';

type Notice = { color: 'red' | 'green' | 'orange'; text: string } | null;

/** The unit's triage queue, worked by keyboard: open (claims), validate, reject or hold. */
export function TriageWorkspace({ session, online }: { session: ConsoleSession; online: boolean }) {
  const unitId = session.profile.unitId ?? '';
  const data = useTriageData(session.database, unitId);
  const pool = useRedsPool(session);
  const lost = useLostDecisions(session.database);
  const [filter, setFilter] = useState<QueueFilter>({});
  const [selected, setSelected] = useState(0);
  const [openProtocol, setOpenProtocol] = useState<string | null>(null);
  const [mode, setMode] = useState<DecisionMode | null>(null);
  const [done, setDone] = useState<DecisionDone | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [help, setHelp] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const userId = session.profile.userId;
  // The request this officer holds open, for the release when the workspace goes away.
  const openRef = useRef<string | null>(null);
  openRef.current = openProtocol;
  useEffect(() => () => void (openRef.current && releaseClaim(session, openRef.current).catch(() => undefined)), [session]);
  useEffect(() => void confirmAcknowledgedClaims(session, data.claims), [session, data.claims]);

  const rows = useFilteredQueue(data.queue, filter, userId);
  // Duplicate candidates are looked up only for the open request.
  const unitRequests = useMemo(() => (openProtocol ? [...data.requests.values()] : []), [data.requests, openProtocol]);
  const current = rows[Math.min(selected, rows.length - 1)];
  const now = new Date();

  const open = async (protocol: string, then: DecisionMode | null = null) => {
    const request = data.requests.get(protocol);
    if (!data.unit || !request) return;
    if (protocol !== openProtocol) {
      if (openProtocol) void releaseClaim(session, openProtocol);
      const fields = [...requestSections(request).flatMap((section) => section.paths), 'narrative'];
      void logAccess(session, 'view', protocol, fields, session.profile.roles.includes('supervisor') ? 'supervisor' : 'triage_officer');
    }
    setOpenProtocol(protocol);
    setMode(null);
    const state = deriveTriageState({ decisions: data.decisions.get(protocol) ?? [], claim: data.claims.get(protocol) ?? null, now: new Date() });
    if (isTerminalTriageState(state)) return;
    setDone(null);
    // Offline (or not yet connected), the claim is provisional until the server holds it.
    const claimed = await claimRequest(session, data.unit, protocol, online && navigator.onLine);
    // Refused: the request view's live claim alert says who holds it.
    setNotice(null);
    // A held request is resumed (u) before it is decided.
    if (claimed.ok) setMode(state === 'on_hold' ? null : then);
  };

  const decide = async (input: DecisionInput) => {
    if (!data.unit || !openProtocol) return { ok: false as const, error: 'Nenhuma solicitação aberta.' };
    const result = await decideRequest(session, data.unit, openProtocol, data.decisions.get(openProtocol) ?? [], input, pool);
    if (result.ok) {
      setDone(result.value);
      setMode(null);
    }
    return result;
  };

  const resume = async () => {
    if (!data.unit || !openProtocol) return;
    const result = await decideRequest(session, data.unit, openProtocol, data.decisions.get(openProtocol) ?? [], { outcome: 'resumed', overrides: [] }, pool);
    setNotice(result.ok ? { color: 'green', text: 'Solicitação retomada: ela volta à sua triagem para ser decidida.' } : { color: 'red', text: result.error });
  };

  const act = (action: QueueKeyAction) => {
    const protocol = openProtocol ?? current?.protocol;
    switch (action) {
      case 'next':
        if (!openProtocol) setSelected((index) => Math.min(index + 1, rows.length - 1));
        return;
      case 'previous':
        if (!openProtocol) setSelected((index) => Math.max(index - 1, 0));
        return;
      case 'open':
      case 'claim':
        if (protocol && !done) void open(protocol);
        return;
      case 'validate':
      case 'reject':
      case 'hold':
        if (protocol && !done) void open(protocol, action === 'validate' ? 'validated' : action === 'reject' ? 'rejected' : 'on_hold');
        return;
      case 'resume':
        if (openProtocol && !done) void resume();
        return;
      case 'help':
        setHelp(true);
        return;
      case 'search':
        searchRef.current?.focus();
        return;
      case 'back':
        if (mode) setMode(null);
        else if (openProtocol) {
          void releaseClaim(session, openProtocol);
          setOpenProtocol(null);
          setDone(null);
          setNotice(null);
        } else (document.activeElement as HTMLElement | null)?.blur();
    }
  };
  useQueueKeys(act, !help);

  if (!unitId) return <Alert color="orange">Seu perfil não está ligado a uma unidade de triagem.</Alert>;
  // While the store is still read, the head of the queue (oldest first) is already workable.
  if (!data.unit || (data.loading && data.queue.length === 0)) return <Loader />;

  const request = openProtocol ? data.requests.get(openProtocol) : undefined;
  const lostPanel = lost.length > 0 && <LostDecisions lost={lost} onAcknowledge={(id) => void acknowledgeLost(session.database, id)} />;

  if (openProtocol && request) {
    // Computed here, not taken from the open queue: a decided request still shows its state.
    const row = queueRow(request, data.decisions.get(openProtocol) ?? [], data.claims.get(openProtocol) ?? null, { unit: data.unit, natures: NATURES, now });
    const heldByOther = row.claim !== null && row.claim.officerId !== userId;
    const locked = !!done || heldByOther || isTerminalTriageState(row.state);
    const held = row.state === 'on_hold';
    return (
      <Stack gap="sm">
        {lostPanel}
        <Group justify="space-between">
          <Button variant="subtle" onClick={() => act('back')}>
            ← Voltar à fila (Esc)
          </Button>
          <Group gap="xs">
            {held && (
              <Button variant="light" onClick={() => act('resume')} disabled={locked}>
                Retomar (u)
              </Button>
            )}
            <Button color="green" onClick={() => act('validate')} disabled={locked || held}>
              Validar (v)
            </Button>
            <Button color="red" variant="light" onClick={() => act('reject')} disabled={locked || held}>
              Rejeitar (r)
            </Button>
            <Button color="yellow" variant="light" onClick={() => act('hold')} disabled={locked || held}>
              Sobrestar (h)
            </Button>
          </Group>
        </Group>
        {notice && <Alert color={notice.color} data-testid="triage-notice">{notice.text}</Alert>}
        <RequestView
          session={session}
          unit={data.unit}
          request={request}
          row={row}
          claim={data.claims.get(openProtocol)}
          decisions={data.decisions.get(openProtocol) ?? []}
          unitRequests={unitRequests}
          onOpenProtocol={(protocol) => void open(protocol)}
        >
          {mode && <DecisionPanel mode={mode} flags={row.flags} onSubmit={decide} onCancel={() => setMode(null)} />}
          {done && !lost.some(({ mine }) => mine.requestId === done.decision.requestId && mine.sequence === done.decision.sequence) && <DecisionDoneCard done={done} natureLabel={findNature(NATURES, request.natureCode, request.natureTableVersion)?.label ?? request.natureCode} unitName={data.unit.name} />}
        </RequestView>
        <ShortcutHelp opened={help} onClose={() => setHelp(false)} />
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      {lostPanel}
      <Group justify="space-between">
        <Title order={3}>Fila de triagem — {data.unit.name}</Title>
        <Text size="sm" c="dimmed">
          {data.loading && <span data-testid="queue-loading">carregando a fila ({data.requests.size} lidas) · </span>}
          {rows.length} de {data.queue.length} abertas · prazo {formatDuration(data.unit.serviceLevelMinutes * 60_000)} · <b>?</b> atalhos
        </Text>
      </Group>
      {notice && <Alert color={notice.color}>{notice.text}</Alert>}
      <QueueFilters filter={filter} onChange={(next) => { setFilter(next); setSelected(0); }} searchRef={searchRef} />
      <Queue rows={rows} selected={Math.min(selected, rows.length - 1)} userId={userId} now={now} filterKey={JSON.stringify(filter)} onSelect={setSelected} onOpen={(index) => rows[index] && void open(rows[index].protocol)} />
      <ShortcutHelp opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}

function DecisionDoneCard({ done, natureLabel, unitName }: { done: DecisionDone; natureLabel: string; unitName: string }) {
  const { decision, redsNumber } = done;
  if (!redsNumber) {
    return (
      <Alert color="green" data-testid="decision-done" data-outcome={decision.outcome}>
        {decision.outcome === 'rejected' ? 'Solicitação rejeitada.' : 'Solicitação sobrestada.'} A orientação será enviada ao cidadão por e-mail.
      </Alert>
    );
  }
  return (
    <Paper withBorder p="md" bg="var(--mantine-color-green-light)" data-testid="decision-done" data-outcome="validated">
      <Text size="sm">Solicitação validada. Número REDS:</Text>
      <Title order={2} ff="monospace" data-testid="reds-number">
        {redsNumber}
      </Title>
      <Text size="sm" mb="sm">
        O número será enviado ao cidadão por e-mail com as instruções para acessar e imprimir o registro.
      </Text>
      <Button onClick={() => void downloadReceipt({ redsNumber, protocol: decision.requestId, natureLabel, decidedAt: decision.decidedAt, unitName })}>
        Baixar comprovante (PDF)
      </Button>
    </Paper>
  );
}
