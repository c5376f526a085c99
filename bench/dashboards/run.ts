/**
 * `npm run bench:dashboards`: time from opening the supervisor workspace to its dashboards rendered, with
 * `--requests` requests and `--cards` identity cards (and their decisions, claims, ledger entries and card
 * events) in the console's local store. Demo documents are moved into the supervisor's unit and post,
 * imported into the real server and synced into the supervisor's console (a browser profile on disk, as a
 * console's), which then works offline (server stopped, as on a laptop away from the network). Three kinds of
 * open, each from the click on "Supervisão" to the five charts drawn:
 * - cold, first: the first open after the first sync (nothing in memory, no saved card board);
 * - cold, after login: page reloaded, offline sign-in, the triage queue (the landing page) loaded first
 *   while the console's warm-up reads the supervision data; the card board's saved snapshot is there;
 * - open (the target, `--runs` times): switch to the sync page and back within the session.
 * Each open prints its phases from the page's User Timing marks: store read (supervisor:store-read), cards
 * (cards-board:folded or :snapshot-restored), derive (supervisor:derive) and render (the rest).
 * Options: --requests N (100000) --cards N (50000) --runs N (3) --seed N (1). Ends with one summary line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { generateDemoData } from '../../demo';
import { importDocuments } from '../../sync-server/admin/import-documents';
import { createPasswordHasher } from '../../sync-server/auth/password';
import { storageUserStore } from '../../sync-server/auth/storage-user-store';
import { newUserAccount } from '../../sync-server/auth/users';
import { createAccessPolicy } from '../../sync-server/policy/plantao-policy';
import { SqliteStorage } from '../../sync-server/storage/sqlite/sqlite-storage';
import { buildConsole } from '../../test/console/support/build-console';
import { launchPersistentChromium } from '../../test/console/support/chromium';
import { startConsoleServer } from '../../test/console/support/console-server';
import { PASSWORD } from '../../test/console/support/seed';
import { startBenchServer } from '../support/bench-server';

const TARGET_MS = 2_000;
const OPEN_TIMEOUT_MS = 900_000;
const PROGRESS_MS = 30_000;
const UNIT = 'dv-mg-capital';
const POST = 'bh-01';
const SUPERVISOR = { userId: 'sup.bench', displayName: 'Supervisão Bench', roles: ['supervisor' as const], unitId: UNIT, postId: POST };

const { values: args } = parseArgs({
  options: { requests: { type: 'string', default: '100000' }, cards: { type: 'string', default: '50000' }, runs: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' } },
});
const count = (name: keyof typeof args) => {
  const value = Number(args[name]);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
};
const requests = count('requests');
const cards = count('cards');
const runs = count('runs');

/** Signs in through the login form (the test helpers use vitest's expect, which needs a vitest run). */
async function signIn(context: BrowserContext, url: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The server is stopped on purpose: its refused connections are expected.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) console.error(`page console: ${message.text()}`);
  });
  // tsx keeps function names with an `__name` helper that page code does not have.
  await page.addInitScript('window.__name = (fn) => fn;');
  await page.goto(url);
  await page.getByLabel('Usuário').fill(SUPERVISOR.userId);
  await page.getByLabel('Senha').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByTestId('user-name').filter({ hasText: SUPERVISOR.displayName }).waitFor({ timeout: 60_000 });
  return page;
}

const waitForConnection = (page: Page, connection: string) =>
  page.waitForFunction((wanted) => document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-connection') === wanted, connection, { timeout: 120_000 });

/** Every document of the demo the supervisor's store would hold, moved into one unit and one post. */
function* demoDocuments(): Generator<Record<string, unknown>> {
  const data = generateDemoData({ seed: count('seed'), now: Date.now(), requests, cards, days: 14 });
  yield* data.reference as Iterable<Record<string, unknown>>;
  const collections = ['requests', 'claims', 'decisions', 'reds_ledger', 'reds_leases', 'cards', 'card_events'] as const;
  for (const collection of collections) {
    for (const doc of data[collection] as Iterable<Record<string, unknown>>) yield 'unitId' in doc ? { ...doc, unitId: UNIT } : 'postId' in doc ? { ...doc, postId: POST } : doc;
  }
}

interface OpenTiming {
  /** Click to the five charts drawn, measured by this script. */
  wallMs: number;
  phases: string;
}

/** The in-page phases of the open that began with the last `supervisor:open` mark and ended at `end`. */
const phasesOf = (page: Page, end: number) =>
  page.evaluate((endAt) => {
    const after = (name: string, since: number) => performance.getEntriesByName(name).filter((entry) => entry.startTime >= since && entry.startTime <= endAt);
    const opened = performance.getEntriesByName('supervisor:open').at(-1)?.startTime ?? 0;
    const ms = (value: number) => `${Math.round(value)} ms`;
    const storeRead = after('supervisor:store-read', opened).at(-1);
    const cards = [...after('cards-board:folded', opened), ...after('cards-board:snapshot-restored', opened)].at(-1);
    const derive = after('supervisor:derive', opened).at(-1);
    const deriveEnd = derive ? derive.startTime + derive.duration : opened;
    return [
      `in page ${ms(endAt - opened)}`,
      storeRead ? `store read ${ms(storeRead.startTime - opened)}` : 'store read in memory',
      cards ? `cards ${cards.name.slice(12)} ${ms(cards.startTime - opened)}` : 'cards in memory',
      `derive ${derive ? ms(derive.duration) : '?'}`,
      `render ${ms(endAt - deriveEnd)}`,
    ].join(', ');
  }, end);

/** From the click on "Supervisão" to every dashboard rendered with its figures. */
async function timeDashboards(page: Page): Promise<OpenTiming> {
  const started = Date.now();
  await page.getByText('Supervisão', { exact: true }).first().click();
  const drawn = () => {
    const panels = document.querySelectorAll('[data-testid^="dashboard-"]');
    const done = panels.length === 5 && Number(document.querySelector('[data-testid="dashboard-backlog"]')?.getAttribute('data-total')) > 0 && document.querySelectorAll('.recharts-surface').length === 5;
    return done && performance.now();
  };
  for (;;) {
    const end = await page.waitForFunction(drawn, undefined, { timeout: PROGRESS_MS, polling: 'raf' }).catch(() => null);
    if (end) return { wallMs: Date.now() - started, phases: await phasesOf(page, (await end.jsonValue()) as number) };
    if (Date.now() - started > OPEN_TIMEOUT_MS) throw new Error('the dashboards did not render');
    // A long open says where it is: the load marks reached so far.
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').filter((entry) => /^(supervisor|cards-board):/.test(entry.name)).slice(-6).map((entry) => entry.name));
    console.log(`  … ${((Date.now() - started) / 1000).toFixed(0)} s, last marks: ${marks.join(', ')}; load ${load()}`);
  }
}

async function leaveSupervision(page: Page): Promise<void> {
  await page.getByText('Sincronização', { exact: true }).first().click();
  await page.getByTestId('supervisor-workspace').waitFor({ state: 'detached' });
}

/** Resolves once a zero-delay task runs within 50 ms five times in a row: nothing long is queued. */
const idle = (page: Page) =>
  page.evaluate(async () => {
    for (let calm = 0; calm < 5; ) {
      const posted = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 0));
      calm = performance.now() - posted < 50 ? calm + 1 : 0;
    }
  });

/** performance.now() of the first `cards-board:snapshot-saved` mark: the card board saved itself. */
const boardSaved = (page: Page) => page.waitForFunction(() => performance.getEntriesByName('cards-board:snapshot-saved').length > 0, undefined, { timeout: 600_000, polling: 500 });

/** Reload, offline sign-in, the landing triage queue loaded, then the first open of the session. */
async function coldAfterLogin(page: Page): Promise<OpenTiming> {
  await page.reload();
  await page.getByLabel('Usuário').fill(SUPERVISOR.userId);
  await page.getByLabel('Senha').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="triage-queue"]')?.getAttribute('data-count')) > 0, undefined, { timeout: 900_000, polling: 500 });
  await idle(page);
  return timeDashboards(page);
}

const load = () => loadavg()[0]?.toFixed(1);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main(): Promise<void> {
  const bundleDir = await buildConsole();
  const server = await startBenchServer(bundleDir);
  // A profile on disk, as the console's: IndexedDB in files, not in an off-the-record context's memory.
  const profileDir = mkdtempSync(join(tmpdir(), 'plantao-bench-dashboards-'));
  const browser = await launchPersistentChromium(profileDir, { viewport: { width: 1440, height: 900 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  try {
    await server.close();
    const storage = SqliteStorage.open(server.dataDir);
    await storageUserStore(storage).putUser(await newUserAccount({ name: SUPERVISOR.userId, displayName: SUPERVISOR.displayName, roles: SUPERVISOR.roles, unitId: UNIT, postId: POST, password: PASSWORD }, createPasswordHasher(), new Date()));
    // The demo data goes into the server (an operator's import); the supervisor's console syncs it.
    const importStarted = Date.now();
    const imported = await importDocuments(storage, createAccessPolicy({ storage }), demoDocuments());
    if (imported.refused.size > 0) throw new Error(`import refused ${imported.refused.size} documents, e.g. ${JSON.stringify([...imported.refused].slice(0, 2))}`);
    const inserted = imported.written;
    const importSeconds = (Date.now() - importStarted) / 1000;
    await storage.close();
    await server.restart();
    const consoleServer = await startConsoleServer(bundleDir, () => server.url);
    const syncStarted = Date.now();
    const page = await signIn(browser, consoleServer.url);
    await page.waitForFunction(
      () => {
        const status = document.querySelector('[data-testid="sync-status"]');
        return status?.getAttribute('data-initial-progress') === 'done' && status.getAttribute('data-connection') === 'online' && status.getAttribute('data-pending') === '0';
      },
      undefined,
      { timeout: 3_600_000, polling: 1_000 },
    );
    const insertSeconds = (Date.now() - syncStarted) / 1000;
    console.log(`server holds ${inserted} documents (imported in ${importSeconds.toFixed(0)} s); the supervisor's console synced them in ${insertSeconds.toFixed(0)} s; load ${load()}`);
    // Offline from here, as on a laptop away from the network.
    await server.close();
    await waitForConnection(page, 'offline');

    await leaveSupervision(page);
    const first = await timeDashboards(page);
    console.log(`cold, first open after the fill: ${first.wallMs} ms (${first.phases}); load ${load()}`);
    await boardSaved(page);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      await leaveSupervision(page);
      const open = await timeDashboards(page);
      times.push(open.wallMs);
      console.log(`open ${run + 1}: ${open.wallMs} ms (${open.phases}); load ${load()}`);
    }
    const afterLogin = await coldAfterLogin(page);
    console.log(`cold, first open after login: ${afterLogin.wallMs} ms (${afterLogin.phases}); load ${load()}`);
    const typical = median(times);
    await consoleServer.close();
    console.log(
      `bench:dashboards requests=${requests} cards=${cards} synced_docs=${inserted} sync=${insertSeconds.toFixed(0)}s ` +
        `open_ms=[${times.join(',')}] median=${typical}ms target<=${TARGET_MS}ms ${typical <= TARGET_MS ? 'MET' : 'MISSED'} ` +
        `cold_first=${first.wallMs}ms cold_after_login=${afterLogin.wallMs}ms load=${load()}`,
    );
  } finally {
    await browser.close();
    await server.dispose();
    rmSync(bundleDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  }
}

await main();
