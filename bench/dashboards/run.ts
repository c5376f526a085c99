/**
 * `npm run bench:dashboards`: time from opening the supervisor workspace to its dashboards rendered, with
 * `--requests` requests and `--cards` identity cards (and their decisions, claims, ledger entries and card
 * events) in the console's local store. Demo documents are moved into the supervisor's unit and post and
 * bulk-inserted through the test hook while the server is stopped, as on a laptop offline. Each run
 * switches to the sync page and back, so the workspace reloads everything from the store and recomputes.
 * Options: --requests N (100000) --cards N (50000) --runs N (3) --seed N (1). Ends with one summary line.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { generateDemoData } from '../../demo';
import { importDocuments } from '../../sync-server/admin/import-documents';
import { createPasswordHasher } from '../../sync-server/auth/password';
import { storageUserStore } from '../../sync-server/auth/storage-user-store';
import { newUserAccount } from '../../sync-server/auth/users';
import { createAccessPolicy } from '../../sync-server/policy/plantao-policy';
import { SqliteStorage } from '../../sync-server/storage/sqlite/sqlite-storage';
import { buildConsole } from '../../test/console/support/build-console';
import { launchChromium } from '../../test/console/support/chromium';
import { startConsoleServer } from '../../test/console/support/console-server';
import { PASSWORD } from '../../test/console/support/seed';
import { startBenchServer } from '../support/bench-server';

const TARGET_MS = 2_000;
const CHUNK = 2_000;
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
async function signIn(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  const page = await context.newPage();
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
function* localDocuments(): Generator<{ collection: string; doc: Record<string, unknown> }> {
  const data = generateDemoData({ seed: count('seed'), now: Date.now(), requests, cards, days: 14 });
  const collections = ['requests', 'claims', 'decisions', 'reds_ledger', 'reds_leases', 'cards', 'card_events'] as const;
  for (const collection of collections) {
    for (const { _id, ...doc } of data[collection] as Iterable<{ _id: string } & Record<string, unknown>>) {
      const moved = 'unitId' in doc ? { ...doc, unitId: UNIT } : 'postId' in doc ? { ...doc, postId: POST } : doc;
      yield { collection, doc: { ...moved, id: _id } };
    }
  }
}

async function insertAll(page: Page): Promise<number> {
  let total = 0;
  let batch: { collection: string; doc: Record<string, unknown> }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await page.evaluate(async (docs) => {
      const database = (window as unknown as { plantaoTest: { database: Record<string, { bulkInsert(docs: unknown[]): Promise<{ error: unknown[] }> }> } }).plantaoTest.database;
      const byCollection = new Map<string, unknown[]>();
      for (const { collection, doc } of docs) byCollection.set(collection, [...(byCollection.get(collection) ?? []), doc]);
      for (const [collection, list] of byCollection) {
        const result = await database[collection]!.bulkInsert(list);
        if (result.error.length > 0) throw new Error(`${collection}: ${JSON.stringify(result.error[0]).slice(0, 300)}`);
      }
    }, batch);
    total += batch.length;
    batch = [];
  };
  for (const item of localDocuments()) {
    batch.push(item);
    if (batch.length >= CHUNK) await flush();
  }
  await flush();
  return total;
}

/** From the click on "Supervisão" to every dashboard rendered with its figures. */
async function timeDashboards(page: Page): Promise<number> {
  await page.getByText('Sincronização', { exact: true }).first().click();
  await page.getByTestId('supervisor-workspace').waitFor({ state: 'detached' });
  const started = Date.now();
  await page.getByText('Supervisão', { exact: true }).first().click();
  await page.waitForFunction(() => {
    const panels = document.querySelectorAll('[data-testid^="dashboard-"]');
    return panels.length === 5 && Number(document.querySelector('[data-testid="dashboard-backlog"]')?.getAttribute('data-total')) > 0 && document.querySelectorAll('.recharts-surface').length === 5;
  }, undefined, { timeout: 600_000, polling: 20 });
  return Date.now() - started;
}

async function main(): Promise<void> {
  const bundleDir = await buildConsole();
  const server = await startBenchServer(bundleDir);
  const browser = await launchChromium();
  try {
    await server.close();
    const storage = SqliteStorage.open(server.dataDir);
    await storageUserStore(storage).putUser(await newUserAccount({ name: SUPERVISOR.userId, displayName: SUPERVISOR.displayName, roles: SUPERVISOR.roles, unitId: UNIT, postId: POST, password: PASSWORD }, createPasswordHasher(), new Date()));
    await importDocuments(storage, createAccessPolicy({ storage }), generateDemoData({ seed: 1, now: Date.now(), requests: 0, cards: 0 }).reference);
    await storage.close();
    await server.restart();
    const consoleServer = await startConsoleServer(bundleDir, () => server.url);
    const page = await signIn(browser, consoleServer.url);
    await waitForConnection(page, 'online');
    // Offline from here: the inserted documents stay local, as on a laptop away from the network.
    await server.close();
    await waitForConnection(page, 'offline');
    const insertStarted = Date.now();
    const inserted = await insertAll(page);
    const insertSeconds = (Date.now() - insertStarted) / 1000;
    const times: number[] = [];
    for (let run = 0; run < runs; run++) times.push(await timeDashboards(page));
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    await consoleServer.close();
    console.log(
      `bench:dashboards requests=${requests} cards=${cards} local_docs=${inserted} insert=${insertSeconds.toFixed(0)}s ` +
        `dashboards_ms=[${times.join(',')}] median=${median}ms target<=${TARGET_MS}ms ${median <= TARGET_MS ? 'MET' : 'MISSED'} load=${loadavg()[0]?.toFixed(1)}`,
    );
  } finally {
    await browser.close();
    await server.dispose();
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

await main();
