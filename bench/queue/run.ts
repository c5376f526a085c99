/**
 * bench:queue — the triage queue with N open requests of one unit in the console's local store (Chromium).
 *
 *   npm run bench:queue -- [--docs 50000] [--runs 5] [--samples 40]
 *
 * The requests (and claims) are written to the real server and synced into the officer's console, which then
 * works offline (server stopped): the store holds them as a shift finds them, nothing pending. Timings are
 * taken in the page with performance.now():
 * - open: click on the workspace's nav link → first rows rendered with the full count, and then → the
 *   first keyboard step (j) moved the selection (interactive);
 * - cold: the first opening after login, when nothing is in memory yet (informational);
 * - filter: user input event (its timeStamp) → the frame after the queue rendered that filter's rows.
 * Ends with one summary line; raw numbers go to bench/results/queue-*.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { generateDemoData } from '../../demo';
import { buildConsole } from '../../test/console/support/build-console';
import { launchChromium } from '../../test/console/support/chromium';
import { startConsoleServer } from '../../test/console/support/console-server';
import { createAccounts, OFFICERS, PASSWORD, seed as seedReference, UNIT } from '../../test/console/support/seed';
import type { TestServer } from '../../test/sync-server/support/test-server';
import { startBenchServer } from '../support/bench-server';
import { median } from '../support/median';

const { values: args } = parseArgs({
  options: { docs: { type: 'string', default: '50000' }, runs: { type: 'string', default: '5' }, samples: { type: 'string', default: '40' } },
});
const docs = Number(args.docs);
const runs = Number(args.runs);
const samples = Number(args.samples);
const OPEN_TARGET_MS = 1000;
const FILTER_TARGET_MS = 100;
const CLAIMED = 500;

const root = fileURLToPath(new URL('../..', import.meta.url));
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const cleanups: Array<() => Promise<void> | void> = [];

/** Nearest-rank percentile. */
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)]!;
const ms = (value: number) => `${Math.round(value)} ms`;

interface TestWindow {
  plantaoTest: {
    database: Record<string, { bulkInsert(docs: object[]): Promise<{ error: unknown[] }>; count(): { exec(): Promise<number> } }>;
    sync: { stop(): Promise<void> } | null;
  };
  queueBench: { lastInput: number; filterSamples: number[] };
}

async function login(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Usuário').fill(OFFICERS[0].userId);
  await page.getByLabel('Senha').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByTestId('user-name').waitFor({ timeout: 60_000 });
}

const connectionIs = (page: Page, connection: string) =>
  page.waitForFunction((wanted) => document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-connection') === wanted, connection, { timeout: 120_000 });

/** The demo's requests, all in the officer's unit and none decided; some claimed by the officer: written to the server. */
async function seedServer(server: TestServer): Promise<void> {
  const now = Date.now();
  const data = generateDemoData({ seed: 7, now: new Date(now).toISOString(), requests: docs, cards: 0, days: 2 });
  const requests = [...data.requests].map((request) => ({ ...request, unitId: UNIT, secret: false }));
  const claims = requests.slice(0, CLAIMED).map((request) => ({
    _id: request.protocol,
    type: 'claim',
    schemaVersion: 1,
    requestId: request.protocol,
    unitId: UNIT,
    officerId: OFFICERS[0].userId,
    officerName: OFFICERS[0].displayName,
    workstationId: 'ws-bench',
    claimedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 6 * 3_600_000).toISOString(),
    provisional: false,
  }));
  for (const [db, rows] of [['requests', requests], ['claims', claims]] as const) {
    for (let start = 0; start < rows.length; start += 1000) {
      const response = await server.request(`/${db}/_bulk_docs`, { method: 'POST', json: { docs: rows.slice(start, start + 1000) } });
      const failed = ((await response.json()) as Array<{ ok?: boolean; id: string; reason?: string }>).find((row) => !row.ok);
      if (failed) throw new Error(`seeding ${db} refused ${failed.id}: ${failed.reason}`);
    }
  }
}

interface OpenSample {
  /** First rows rendered (the head of the queue). */
  rowsMs: number;
  /** A keyboard step (j) moved the selection. */
  interactiveMs: number;
  /** The queue holds all N requests. */
  fullMs: number;
  /** The queue index's load phases (renderer marks `triage-queue:*`), ms after the start. */
  phases: Record<string, number>;
}

/** In-page, from the click on the nav link (or from now): first rows, the first j answered, all N rows listed. */
async function measureOpen(page: Page, clickLink: boolean): Promise<OpenSample> {
  return page.evaluate(
    async ({ expected, click }) => {
      const until = (ready: () => boolean) =>
        new Promise<void>((resolve) => {
          if (ready()) return resolve();
          const observer = new MutationObserver(() => {
            if (!ready()) return;
            observer.disconnect();
            resolve();
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        });
      let start = performance.now();
      if (click) {
        const link = [...document.querySelectorAll<HTMLElement>('a, button')].find((element) => element.textContent?.trim() === 'Fila de triagem');
        if (!link) throw new Error('no triage nav link');
        start = performance.now();
        link.click();
      }
      const queue = () => document.querySelector('[data-testid="triage-queue"]');
      await until(() => !!queue()?.querySelector('[role="option"]'));
      const rows = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
      // The second line is selected (while the store is still read, which request that is may change).
      await until(() => queue()?.querySelectorAll('[role="option"]')[1]?.getAttribute('aria-selected') === 'true');
      const interactive = performance.now();
      await until(() => queue()?.getAttribute('data-count') === String(expected));
      const full = performance.now();
      const phases = Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .filter((mark) => mark.name.startsWith('triage-queue:') && mark.startTime >= start)
          .map((mark) => [mark.name.slice('triage-queue:'.length), Math.round(mark.startTime - start)]),
      );
      return { rowsMs: rows - start, interactiveMs: interactive - start, fullMs: full - start, phases };
    },
    { expected: docs, click: clickLink },
  );
}

/** Records, for each filter change, the time from the last user input event to the frame after the queue rendered it. */
async function instrumentFilters(page: Page): Promise<void> {
  await page.evaluate(() => {
    const bench = { lastInput: 0, filterSamples: [] as number[] };
    (window as unknown as TestWindow).queueBench = bench;
    for (const type of ['input', 'pointerdown', 'mousedown', 'click', 'keydown']) document.addEventListener(type, (event) => (bench.lastInput = event.timeStamp), true);
    const queue = document.querySelector('[data-testid="triage-queue"]');
    if (!queue) throw new Error('no queue');
    new MutationObserver(() => {
      const input = bench.lastInput;
      // After the next frame is painted: a rAF callback runs before paint, the message after it.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => bench.filterSamples.push(performance.now() - input);
        channel.port2.postMessage(null);
      });
    }).observe(queue, { attributes: true, attributeFilter: ['data-filter'] });
  });
}

async function filterChange(page: Page, step: number): Promise<void> {
  const search = page.getByTestId('queue-search');
  const before = await page.evaluate(() => (window as unknown as TestWindow).queueBench.filterSamples.length);
  const expectSample = async (count = 1) =>
    page.waitForFunction((wanted) => (window as unknown as TestWindow).queueBench.filterSamples.length >= wanted, before + count, { timeout: 30_000, polling: 20 });
  switch (step % 4) {
    case 0: // type a protocol fragment, key by key (each key is a filter change)
      await search.click();
      await page.keyboard.type('00012', { delay: 120 });
      await expectSample(5);
      await search.fill('');
      await page.waitForTimeout(150);
      return;
    case 1: // a nature
      await page.getByRole('combobox', { name: 'Natureza' }).click();
      await page.getByRole('option', { name: 'Furto de celular', exact: true }).click();
      await expectSample();
      await page.getByRole('combobox', { name: 'Natureza' }).click();
      await page.getByRole('option', { name: 'Furto de celular', exact: true }).click(); // deselects
      await expectSample(2);
      return;
    case 2: // mine / free / all
      for (const label of ['Minhas', 'Livres', 'Todas']) {
        await page.locator('label', { hasText: new RegExp(`^${label}$`) }).click();
        await page.waitForTimeout(100);
      }
      await expectSample(3);
      return;
    default: // flags
      await page.getByRole('combobox', { name: 'Alertas' }).click();
      await page.getByRole('option', { name: 'Com impeditivo', exact: true }).click();
      await expectSample();
      await page.getByRole('combobox', { name: 'Alertas' }).click();
      await page.getByRole('option', { name: 'Sem alertas', exact: true }).click();
      await expectSample(2);
      await page.getByRole('combobox', { name: 'Alertas' }).click();
      await page.getByRole('option', { name: 'Sem alertas', exact: true }).click();
      await expectSample(3);
  }
}

async function main(): Promise<void> {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'renderer', 'shared'], { cwd: root, encoding: 'utf8' }).trim() !== '';
  const loadBefore = loadavg();
  console.log(`bench:queue at ${commit}${dirty ? ' (uncommitted renderer/shared changes measured too)' : ''}; load ${loadBefore.map((v) => v.toFixed(2)).join(' ')}`);
  const bundleDir = await buildConsole();
  cleanups.push(() => rmSync(bundleDir, { recursive: true, force: true }));
  const server = await startBenchServer();
  cleanups.push(() => server.dispose());
  await createAccounts(server as TestServer);
  await seedReference(server as TestServer, 0);
  const proxy = await startConsoleServer(bundleDir, () => server.url);
  cleanups.push(() => proxy.close());
  const browser: Browser = await launchChromium();
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  // tsx keeps function names with a `__name` helper that the page does not have.
  await context.addInitScript('window.__name = (fn) => fn');
  const page = await context.newPage();
  const seeding = performance.now();
  await seedServer(server);
  const seededMs = performance.now() - seeding;
  // The officer's console syncs the unit's requests as a shift finds them (synced, nothing pending), then works offline.
  await login(page, proxy.url);
  await page.waitForFunction(
    (count) => document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-initial-progress') === 'done' && document.querySelector('[data-testid="triage-queue"]')?.getAttribute('data-count') === String(count),
    docs,
    { timeout: 1_800_000, polling: 500 },
  );
  console.log(`server seeded with ${docs} requests (${CLAIMED} claimed) in ${ms(seededMs)}, synced into the console in ${ms(performance.now() - seeding - seededMs)}`);
  await server.close();
  await connectionIs(page, 'offline');

  // Cold: a fresh page and login; the store holds the N requests, nothing is in memory.
  const coldStart = performance.now();
  await page.reload();
  await page.getByLabel('Usuário').fill(OFFICERS[0].userId);
  await page.getByLabel('Senha').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByTestId('user-name').waitFor({ timeout: 60_000 });
  const cold = await measureOpen(page, false);
  const coldLoginMs = performance.now() - coldStart;
  console.log(`cold (first opening after login): first rows ${ms(cold.rowsMs)}, interactive ${ms(cold.interactiveMs)}, all ${docs} listed ${ms(cold.fullMs)} after the shell (index phases ${JSON.stringify(cold.phases)}; login click to all listed ${ms(coldLoginMs)} from Node)`);

  const opens: OpenSample[] = [];
  for (let run = 1; run <= runs; run += 1) {
    await page.getByText('Sincronização', { exact: true }).click();
    await page.getByTestId('triage-queue').waitFor({ state: 'detached' });
    await page.waitForTimeout(500);
    const open = await measureOpen(page, true);
    opens.push(open);
    console.log(`open run ${run}: rows ${ms(open.rowsMs)}, interactive ${ms(open.interactiveMs)}, all listed ${ms(open.fullMs)}; load ${loadavg()[0]?.toFixed(2)}`);
  }

  // What the first opening after login cannot avoid: reading (and decrypting) the unit's requests from the store.
  const storeReadMs = await page.evaluate(async (unitId) => {
    const database = (window as unknown as { plantaoTest: { database: { requests: { find(query: object): { exec(): Promise<unknown[]> } } } } }).plantaoTest.database;
    const started = performance.now();
    await database.requests.find({ selector: { unitId: { $eq: unitId } } }).exec();
    return performance.now() - started;
  }, UNIT);
  console.log(`store read of the ${docs} requests (RxDB find, decrypted): ${ms(storeReadMs)}`);

  await instrumentFilters(page);
  for (let step = 0; (await page.evaluate(() => (window as unknown as TestWindow).queueBench.filterSamples.length)) < samples; step += 1) await filterChange(page, step);
  const filterMs = await page.evaluate(() => (window as unknown as TestWindow).queueBench.filterSamples);
  const p50 = percentile(filterMs, 50);
  const p95 = percentile(filterMs, 95);
  console.log(`filter change over ${filterMs.length} samples: p50 ${ms(p50)} p95 ${ms(p95)} max ${ms(Math.max(...filterMs))}`);

  const loadAfter = loadavg();
  // Interactive AND every request listed (after a workspace switch both come with the first frame).
  const openMedian = median(opens.map((open) => Math.max(open.interactiveMs, open.fullMs)));
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const resultFile = join(resultsDir, `queue-${stamp}.json`);
  writeFileSync(
    resultFile,
    `${JSON.stringify(
      {
        benchmark: 'bench:queue',
        date: new Date().toISOString(),
        options: { docs, runs, samples, claimed: CLAIMED },
        revision: { commit, dirty },
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, chromium: browser.version(), loadBefore, loadAfter },
        cold,
        storeReadMs,
        opens,
        openMedianMs: openMedian,
        filterMs,
        filterP50: p50,
        filterP95: p95,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`results: ${resultFile}`);
  const verdict = openMedian <= OPEN_TARGET_MS && p95 <= FILTER_TARGET_MS ? 'targets met' : 'targets MISSED';
  console.log(
    `bench:queue ${docs} open requests: open→interactive ${ms(openMedian)} (median of ${runs}, target ${OPEN_TARGET_MS}); filter p50 ${ms(p50)} p95 ${ms(p95)} (${filterMs.length} samples, target ${FILTER_TARGET_MS}); cold first open: interactive ${ms(cold.interactiveMs)}, all listed ${ms(cold.fullMs)} (store read ${ms(storeReadMs)}); ${verdict}; load ${loadBefore[0]?.toFixed(1)}→${loadAfter[0]?.toFixed(1)}`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
    process.exit();
  });
