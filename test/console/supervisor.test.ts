import { readFileSync, rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, type DemoDocument } from '../../demo';
import type { AccessLogEntry, CardStageEvent, Decision, OccurrenceRequest, RedsLedgerEntry } from '../../shared/schemas';
import { importDocuments } from '../../sync-server/admin/import-documents';
import { createPasswordHasher } from '../../sync-server/auth/password';
import { storageUserStore } from '../../sync-server/auth/storage-user-store';
import { newUserAccount } from '../../sync-server/auth/users';
import { createAccessPolicy } from '../../sync-server/policy/plantao-policy';
import { SqliteStorage } from '../../sync-server/storage/sqlite/sqlite-storage';
import { startTestServer, type TestServer } from '../sync-server/support/test-server';
import { buildConsole } from './support/build-console';
import { localCount, openConsoleAs, waitForSync } from './support/card-fixtures';
import { launchChromium } from './support/chromium';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { SCREENSHOT_DIR } from './support/screenshots';
import { PASSWORD } from './support/seed';

const UNIT = 'dv-mg-capital';
const POST = 'bh-01';
const SUPERVISOR = { userId: 'sup.capital', displayName: 'Supervisora da Capital', roles: ['supervisor' as const], unitId: UNIT, postId: POST };
const NOW = Date.now();
const DAY = 86_400_000;
/** Demo data over 10 days: all of it inside the workspace's default 14-day period. */
const DEMO = generateDemoData({ seed: 2, now: NOW, requests: 1200, cards: 300, days: 10 });

/** A second clerk's move of a card, taken from the same stage a moment after the move that stood: it must show as a conflict. */
function staleMoveOf({ _id: _original, ...event }: DemoDocument<'card_event'>): DemoDocument<'card_event'> {
  const stale: CardStageEvent = { ...event, eventId: `stale-${event.eventId}`.slice(0, 64).toLowerCase(), at: new Date(Date.parse(event.at) + 1_000).toISOString(), byUserId: 'mariana.cunha', byName: 'Mariana Cunha Rocha', workstationId: 'ws-mariana-cunha' };
  return { _id: `${stale.protocol}:${stale.eventId}`, ...stale };
}

/** A domestic-violence request just received, so the open queue holds at least one masked name. */
function freshDomesticRequest(all: readonly DemoDocument[]): DemoDocument<'request'> {
  const model = all.find((doc): doc is DemoDocument<'request'> => doc.type === 'request' && doc.unitId === UNIT && doc.fact.domesticContext) as DemoDocument<'request'>;
  const at = new Date(NOW - 5 * 60_000).toISOString();
  return { ...model, _id: 'DV-2026-99999999', protocol: 'DV-2026-99999999', portalSubmissionId: 'portal-supervisor-test', submittedAt: at, receivedAt: at, secret: false };
}

/** What the supervisor's console may read, straight from the generated documents. */
const generated = [...DEMO.all];
const FRESH_DV = freshDomesticRequest(generated);
const docs = [...generated, FRESH_DV];
const requests = docs.filter((doc): doc is DemoDocument<'request'> => doc.type === 'request' && doc.unitId === UNIT) as OccurrenceRequest[];
const decisions = docs.filter((doc): doc is DemoDocument<'decision'> => doc.type === 'decision' && doc.unitId === UNIT) as Decision[];
const entries = docs.filter((doc): doc is DemoDocument<'reds_entry'> => doc.type === 'reds_entry' && doc.unitId === UNIT) as RedsLedgerEntry[];
const postEvents = docs.filter((doc): doc is DemoDocument<'card_event'> => doc.type === 'card_event' && doc.postId === POST);
const postCards = docs.filter((doc) => doc.type === 'card_process' && doc.postId === POST);
const accessEntries = docs.filter((doc) => doc.type === 'access_entry' && (doc.scopeId === UNIT || doc.scopeId === POST)) as AccessLogEntry[];
const raced = postEvents.find((event) => postEvents.filter((other) => other.protocol === event.protocol).length >= 2) as DemoDocument<'card_event'>;
const STALE = staleMoveOf(raced);

// Expected figures, computed here without the workspace's rules.
const byRequest = new Map<string, Decision[]>();
for (const decision of decisions) byRequest.set(decision.requestId, [...(byRequest.get(decision.requestId) ?? []), decision].sort((a, b) => a.sequence - b.sequence));
const closing = (protocol: string) => (byRequest.get(protocol) ?? []).find((decision) => decision.outcome === 'validated' || decision.outcome === 'rejected');
const countBy = <T,>(items: readonly T[], key: (item: T) => string) => items.reduce<Record<string, number>>((counts, item) => ({ ...counts, [key(item)]: (counts[key(item)] ?? 0) + 1 }), {});

const expectedBacklog = countBy(requests.filter((request) => !closing(request.protocol)), (request) => request.natureCode);
const expectedOfficers = countBy(decisions.filter((decision) => decision.outcome !== 'resumed'), (decision) => decision.officerId);
const expectedOutcomes = countBy(requests.filter((request) => closing(request.protocol)), (request) => `${request.natureCode}:${closing(request.protocol)?.outcome}`);
function lastStage(protocol: string): string {
  const own = postEvents.filter((event) => event.protocol === protocol).sort((a, b) => a.at.localeCompare(b.at));
  return own.at(-1)?.to ?? 'pre_requested';
}
const expectedCards = countBy(
  postCards.map((card) => lastStage((card as { protocol: string }).protocol)).filter((stage) => stage !== 'delivered'),
  (stage) => `${POST}:${stage}`,
);
/** Closed requests only: whether an open one has breached depends on the second the page computes it. */
function breachedWhenClosed(request: OccurrenceRequest): boolean {
  const own = byRequest.get(request.protocol) ?? [];
  const closed = closing(request.protocol);
  if (!closed) return false;
  const end = Date.parse(closed.decidedAt);
  let held = 0;
  own.forEach((decision, index) => {
    if (decision.outcome !== 'on_hold') return;
    const resumed = own.slice(index + 1).find((next) => next.outcome === 'resumed');
    held += Math.min(resumed ? Date.parse(resumed.decidedAt) : end, end) - Date.parse(decision.decidedAt);
  });
  return end - Date.parse(request.submittedAt) - held >= 60 * 60_000;
}
const closedBreaches = requests.filter(breachedWhenClosed).length;
const openBreachesAtMost = requests.filter((request) => !closing(request.protocol)).length;
const issued = entries.filter((entry) => entry.status === 'issued').length;
const voided = entries.filter((entry) => entry.status === 'void').length;
const lostDecisions = entries.filter((entry) => entry.void?.automatic).length;
const exportable = requests.filter((request) => !request.secret && Date.parse(request.submittedAt) >= NOW - 14 * DAY).length;

let server: TestServer;
let consoleServer: ConsoleServer;
let bundleDir: string;
let browser: Browser;
let supervisor: { context: BrowserContext; page: Page };

/** A dashboard's figures, zero ones left out (the expected counts only name what occurred). */
async function figures(page: Page, id: string): Promise<Record<string, number>> {
  const all = JSON.parse((await page.getByTestId(`dashboard-${id}`).getAttribute('data-figures')) ?? '{}') as Record<string, number>;
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value > 0));
}
const tab = (page: Page, name: string | RegExp) => page.getByRole('tab', { name }).click();

beforeAll(async () => {
  [bundleDir, server] = await Promise.all([buildConsole(), startTestServer()]);
  await server.close();
  const storage = SqliteStorage.open(server.dataDir);
  await storageUserStore(storage).putUser(await newUserAccount({ name: SUPERVISOR.userId, displayName: SUPERVISOR.displayName, roles: SUPERVISOR.roles, unitId: UNIT, postId: POST, password: PASSWORD }, createPasswordHasher(), new Date()));
  const summary = await importDocuments(storage, createAccessPolicy({ storage }), [...docs, STALE]);
  await storage.close();
  if (summary.refused.size > 0) throw new Error(`import refused: ${[...summary.refused].slice(0, 3).join(' | ')}`);
  await server.restart();
  consoleServer = await startConsoleServer(bundleDir, () => server.url);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await consoleServer?.close();
  await server?.dispose();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

describe('supervisor workspace, offline after one sync', () => {
  it('syncs, loses the server, and still shows every dashboard with the demo numbers', async () => {
    expect(lostDecisions).toBeGreaterThan(0);
    supervisor = await openConsoleAs(browser, consoleServer.url, SUPERVISOR);
    const { page } = supervisor;
    await expect.poll(() => localCount(page, 'requests'), { timeout: 120_000 }).toBe(requests.length);
    await expect.poll(() => localCount(page, 'card_events'), { timeout: 60_000 }).toBe(postEvents.length + 1);
    await expect.poll(() => localCount(page, 'reds_ledger'), { timeout: 60_000 }).toBe(entries.length);
    await waitForSync(page, { connection: 'online', pending: 0 });
    // The supervision data is read in the background before the workspace is first opened (warm-up).
    const marks = () => page.evaluate(() => ['supervisor:store-read', 'supervisor:open'].map((name) => performance.getEntriesByName(name).length));
    await expect.poll(marks, { timeout: 30_000 }).toEqual([1, 0]);
    await page.getByRole('link', { name: 'Supervisão' }).or(page.getByText('Supervisão', { exact: true })).first().click();
    await expect.poll(() => page.getByTestId('dashboards').count(), { timeout: 60_000 }).toBe(1);

    await server.close();
    await waitForSync(page, { connection: 'offline' }, 90_000);
    await expect.poll(() => page.getByTestId('offline-note').count(), { timeout: 20_000 }).toBe(1);

    expect(await figures(page, 'backlog')).toEqual(expectedBacklog);
    expect(await figures(page, 'officers')).toEqual(expectedOfficers);
    expect(await figures(page, 'outcomes')).toEqual(expectedOutcomes);
    expect(await figures(page, 'cards')).toEqual(expectedCards);
    const breaches = Number(await page.getByTestId('dashboard-breaches').getAttribute('data-total'));
    expect(breaches).toBeGreaterThanOrEqual(closedBreaches);
    expect(breaches).toBeLessThanOrEqual(closedBreaches + openBreachesAtMost);
    const freshness = await page.getByTestId('freshness').first().textContent();
    expect(freshness).toMatch(/^dados de \d{2}\/\d{2}\/\d{4}/);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/supervisor-dashboards.png`, fullPage: true });
  }, 400_000);

  it('lists the lost decisions and the stale card move with both versions, and records a resolution', async () => {
    const { page } = supervisor;
    await tab(page, /^Conflitos/);
    const list = page.getByTestId('conflicts');
    await expect.poll(() => list.getAttribute('data-count'), { timeout: 20_000 }).toBe(String(lostDecisions + 1));
    const stale = page.locator(`[data-key="carteira:${STALE.protocol}:${STALE.eventId}"]`);
    expect(await stale.textContent()).toContain('Mariana Cunha Rocha');
    expect(await stale.textContent()).toContain(raced.byName);
    await stale.getByLabel('Resolução').fill('Movimentação repetida pela colega; a primeira vale.');
    await stale.getByRole('button', { name: 'Registrar resolução' }).click();
    await expect.poll(() => stale.getByTestId('resolution').count(), { timeout: 20_000 }).toBe(1);
    expect(await list.getAttribute('data-open')).toBe(String(lostDecisions));
    await page.screenshot({ path: `${SCREENSHOT_DIR}/supervisor-conflicts.png`, fullPage: true });
  }, 120_000);

  it('shows the REDS ledger per workstation and voids a number with a justification', async () => {
    const { page } = supervisor;
    await tab(page, 'Livro REDS');
    const ledger = page.getByTestId('reds-ledger');
    expect(await ledger.getAttribute('data-issued')).toBe(String(issued));
    expect(await ledger.getAttribute('data-void')).toBe(String(voided));
    expect(await ledger.getAttribute('data-missing')).toBe('0');
    const target = entries.find((entry) => entry.status === 'issued') as RedsLedgerEntry;
    await page.getByTestId('void-number').fill(target.number);
    await page.getByTestId('void-reason').fill('curta');
    await page.getByRole('button', { name: 'Anular' }).click();
    await expect.poll(() => page.getByTestId('void-result').textContent(), { timeout: 10_000 }).toContain('justificativa muito curta');
    await page.getByTestId('void-reason').fill('Número emitido para solicitação duplicada, cancelado pela supervisão.');
    await page.getByRole('button', { name: 'Anular' }).click();
    await expect.poll(() => ledger.getAttribute('data-void'), { timeout: 20_000 }).toBe(String(voided + 1));
    await page.screenshot({ path: `${SCREENSHOT_DIR}/supervisor-reds-ledger.png`, fullPage: true });
  }, 120_000);

  it('masks domestic-violence names, and unmasking with a justification writes an access-log entry', async () => {
    const { page } = supervisor;
    await tab(page, 'Fila e atrasos');
    const protocol = FRESH_DV.protocol;
    await page.getByTestId('queue-search').fill(protocol);
    const masked = page.locator(`[data-testid="queue-review"] tr[data-protocol="${protocol}"][data-masked="true"]`);
    await expect.poll(() => masked.count(), { timeout: 20_000 }).toBe(1);
    const request = FRESH_DV as OccurrenceRequest;
    const fullName = request.requester.kind === 'company' ? request.requester.corporateName : request.requester.fullName;
    expect(await masked.getByTestId('party-names').textContent()).not.toContain(fullName);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/supervisor-queue.png`, fullPage: true });
    await masked.getByTestId('unmask-open').click();
    await page.getByTestId('unmask-justification').fill('Pedido judicial de informações, ofício 123/2026.');
    await page.getByTestId('unmask-confirm').click();
    const row = page.locator(`[data-testid="queue-review"] tr[data-protocol="${protocol}"]`);
    await expect.poll(() => row.getByTestId('party-names').textContent(), { timeout: 20_000 }).toContain(fullName);

    await tab(page, 'Registro de acessos');
    const log = page.getByTestId('access-log');
    await expect.poll(() => log.getAttribute('data-total'), { timeout: 20_000 }).toBe(String(accessEntries.length + 1));
    await page.getByTestId('access-record').fill(protocol);
    const entry = page.locator(`[data-testid="access-row"][data-record="${protocol}"][data-action="unmask"]`);
    await expect.poll(() => entry.count(), { timeout: 20_000 }).toBe(1);
    expect(await entry.textContent()).toContain('Pedido judicial de informações');
    expect(await entry.textContent()).toContain(SUPERVISOR.displayName);
    await page.getByTestId('access-record').fill('');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/supervisor-access-log.png`, fullPage: true });
  }, 120_000);

  it('exports statistics with exactly the allowed columns and logs the export', async () => {
    const { page } = supervisor;
    await tab(page, 'Estatísticas');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statistics-export-button').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    const [header, ...lines] = csv.trimEnd().split('\r\n');
    expect(header).toBe('natureza,dia,hora,municipio,bairro,unidade');
    expect(lines).toHaveLength(exportable);
    for (const request of requests.slice(0, 50)) {
      if (request.requester.kind !== 'company') expect(csv).not.toContain(request.requester.fullName);
      if (request.requester.kind === 'person_br') expect(csv).not.toContain(request.requester.cpf);
    }
    await tab(page, 'Registro de acessos');
    const exported = page.locator('[data-testid="access-row"][data-action="export"]');
    await expect.poll(() => exported.count(), { timeout: 20_000 }).toBe(1);
    expect(await exported.textContent()).toContain('natureza, dia, hora, municipio, bairro, unidade');
  }, 120_000);
});
