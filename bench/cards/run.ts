/**
 * `npm run bench:cards`: the identity-card board of one post holding `--cards` cards, in Debian's Chromium.
 * The real server holds the post's cards and their stage events; the clerk's console signs in and syncs
 * them (as a shift finds them: synced, nothing pending), then the server is stopped. Every run reloads the page and signs in offline, then times in the page (performance.now()):
 * (a) open: from the cards workspace's mount to its columns and counts rendered and the main thread free;
 *     (b) re-open from another workspace (click → counts rendered and main thread free);
 * (c) search by protocol, CPF and name: from the input event to the matching rows painted;
 * (d) filter and stage-tab changes: from the click to the filtered rows painted;
 * (e) stage move: from the click on "Registrar movimentação" to the board showing the card in its new stage.
 * The board saves itself (a sealed snapshot) and opens from it: a cold open without it is timed once first,
 * then every run's open is a later shift's, from the board the previous run left.
 * Medians over runs of each run's p50/p95; ends with one summary line.
 * Options: --cards N (30000) --runs N (3) --samples N (20, per search kind and per filter kind) --moves N (5)
 * --profile: an unminified console, and a CPU profile of the first run's open in bench/results/
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { CARD_MAIN_STAGES, userAccountDocId, type CardStage, type UserPut } from '../../shared/schemas';
import { buildBenchConsole } from '../sync/build-console';
import { startPageProfiler } from '../support/page-profiler';
import { cardWithEvents, CLERKS, protocolOf, seedCards } from '../../test/console/support/card-fixtures';
import { startConsoleServer } from '../../test/console/support/console-server';
import { launchChromium } from '../../test/console/support/chromium';
import { PASSWORD, seed as seedReference } from '../../test/console/support/seed';
import { startBenchServer } from '../support/bench-server';
import { SNAPSHOT_SAVE_DELAY_MS } from '../../renderer/workspaces/cards/data/card-board-source';
import { median } from '../support/median';

const root = fileURLToPath(new URL('../..', import.meta.url));

const { values: args } = parseArgs({
  options: {
    cards: { type: 'string', default: '30000' },
    runs: { type: 'string', default: '3' },
    samples: { type: 'string', default: '20' },
    moves: { type: 'string', default: '5' },
    profile: { type: 'boolean', default: false },
  },
});
const positive = (name: string, value: string): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) throw new Error(`--${name} must be an integer ≥ 1`);
  return parsed;
};
const cardCount = positive('cards', args.cards);
const runs = positive('runs', args.runs);
const samples = positive('samples', args.samples);
const moves = positive('moves', args.moves);

const TARGET = { openMs: 1000, searchP95Ms: 100, filterP95Ms: 100, moveMs: 1000 } as const;
const FIRST = ['Ana', 'Bruno', 'Carla', 'Diego', 'Elisa', 'Fábio', 'Gabriela', 'Hélio', 'Iara', 'João', 'Kátia', 'Lucas', 'Márcia', 'Nélson', 'Olívia', 'Paulo'];
const LAST = ['Silva', 'Souza', 'Conceição', 'Pereira', 'Araújo', 'Gonçalves', 'Ribeiro', 'Teixeira', 'Prado', 'Mendes', 'Lima', 'Rocha', 'Barbosa', 'Moreira'];
const nameOf = (index: number) => `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / 7) % LAST.length]} ${LAST[Math.floor(index / 97) % LAST.length]} ${index}`;
const clerk = CLERKS[0];

/** Nearest-rank percentile. */
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

/** The post's cards spread over the main line (every stage holds some), 0–29 days in their stage. */
/** The post's cards, spread over the main-line stages, 0–29 days in stage. */
const cardSpecs = () =>
  Array.from({ length: cardCount }, (_, offset) => {
    const index = offset + 1;
    return { index, stage: CARD_MAIN_STAGES[index % CARD_MAIN_STAGES.length] as CardStage, daysInStage: index % 30, fullName: nameOf(index) };
  });

type BenchWindow = Window & {
  plantaoTest: { database: Record<string, { bulkInsert(docs: object[]): Promise<{ error: unknown[] }> }> };
  cardsBench: {
    lastEvent: number;
    /** performance.now() at the first frame painted after `selector` has `attribute` = `value`. */
    paintedWhen(selector: string, attribute: string, value: string): Promise<number>;
    /** performance.now() once a zero-delay task runs within 50 ms of being posted: nothing long is queued. */
    idle(): Promise<number>;
  };
};

/** Runs in every page before the console: the timestamp of the last user event and two waiting helpers. */
function installProbe(): void {
  const probe: BenchWindow['cardsBench'] = {
    lastEvent: 0,
    paintedWhen(selector, attribute, value) {
      return new Promise((resolve) => {
        const matches = () => document.querySelector(selector)?.getAttribute(attribute) === value;
        const done = () => requestAnimationFrame(() => resolve(performance.now()));
        if (matches()) return done();
        const observer = new MutationObserver(() => {
          if (!matches()) return;
          observer.disconnect();
          done();
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    },
    async idle() {
      for (;;) {
        const posted = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (performance.now() - posted < 50) return performance.now();
      }
    },
  };
  Object.assign(window, { cardsBench: probe });
  for (const type of ['click', 'input']) document.addEventListener(type, (event) => (probe.lastEvent = event.timeStamp), true);
}

const probe = (page: Page) => ({
  painted: (selector: string, attribute: string, value: string) =>
    page.evaluate(([s, a, v]) => (window as unknown as BenchWindow).cardsBench.paintedWhen(s!, a!, v!), [selector, attribute, value]),
  idle: () => page.evaluate(() => (window as unknown as BenchWindow).cardsBench.idle()),
  lastEvent: () => page.evaluate(() => (window as unknown as BenchWindow).cardsBench.lastEvent),
});

const COUNT_ALL = '[data-testid="stage-count-all"]';
const BOARD = '[data-testid="board-list"]';

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Usuário').fill(clerk.userId);
  await page.getByLabel('Senha').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

/** Test helpers poll with vitest's expect, which needs a test run: this script waits with Playwright. */
const syncReaches = (page: Page, connection: string, pending?: number) =>
  page.waitForFunction(
    ([wanted, count]) => {
      const status = document.querySelector('[data-testid="sync-status"]');
      return status?.getAttribute('data-connection') === wanted && (count === undefined || status.getAttribute('data-pending') === String(count));
    },
    [connection, pending] as const,
    { timeout: 120_000, polling: 100 },
  );

/** The page's performance.now() when the workspace's first render marked itself (renderer: `cards-board:open`). */
const openMark = (page: Page) =>
  page.waitForFunction(() => performance.getEntriesByName('cards-board:open').at(-1)?.startTime, undefined, { timeout: 600_000, polling: 50 }).then((handle) => handle.jsonValue() as Promise<number>);

/** performance.now() of the first `cards-board:snapshot-saved` mark after `after`: the board saved itself. */
const snapshotSaved = (page: Page, after: number) =>
  page
    .waitForFunction((since) => performance.getEntriesByName('cards-board:snapshot-saved').find((entry) => entry.startTime > since)?.startTime, after, { timeout: 300_000, polling: 100 })
    .then((handle) => handle.jsonValue() as Promise<number>);

/** Reload, offline sign-in, and the workspace's open: ms until the board shows every card with the main thread free. */
async function timedOpen(page: Page, profileAs?: string): Promise<{ openMs: number; phases: string }> {
  const stopProfiler = profileAs ? await startPageProfiler(page, join(root, 'bench', 'results'), profileAs) : undefined;
  await page.reload();
  await signIn(page);
  const opened = await openMark(page);
  await probe(page).painted(COUNT_ALL, 'data-count', String(cardCount));
  const openMs = (await probe(page).idle()) - opened;
  if (stopProfiler) console.log(`page CPU profile of the open: ${await stopProfiler()}`);
  // The load ends with the board caught up with the store (from a snapshot) or folded (cold).
  await page.waitForFunction(() => ['cards-board:caught-up', 'cards-board:folded'].some((name) => performance.getEntriesByName(name).length > 0), undefined, { timeout: 300_000, polling: 50 });
  // Phase marks of the load (renderer: cards-board:*), in ms after the open mark.
  const marks = await page.evaluate(
    (since) => performance.getEntriesByType('mark').filter((entry) => entry.name.startsWith('cards-board:') && entry.name !== 'cards-board:open' && entry.startTime >= since).map((entry) => [entry.name.slice(12), entry.startTime] as const),
    opened,
  );
  return { openMs, phases: marks.map(([name, at]) => `${name} ${ms(at - opened)}`).join(', ') };
}

interface RunResult {
  openMs: number;
  /** The load's phase marks, in ms after the open mark (snapshot restored, caught up, saved). */
  openPhases: string;
  reopenMs: number;
  search: Record<'protocol' | 'cpf' | 'name', number[]>;
  filter: number[];
  moves: number[];
}

async function timedSearch(page: Page, text: string): Promise<number> {
  const painted = probe(page).painted(BOARD, 'data-query', text);
  await page.getByTestId('board-search').fill(text);
  const at = await painted;
  return at - (await probe(page).lastEvent());
}

async function timedClick(page: Page, click: () => Promise<void>, attribute: string, value: string): Promise<number> {
  const painted = probe(page).painted(BOARD, attribute, value);
  await click();
  const at = await painted;
  return at - (await probe(page).lastEvent());
}

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.locator('input').and(page.getByLabel(label, { exact: true })).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function oneRun(page: Page, run: number, cpfs: Map<string, string>): Promise<RunResult> {
  const { openMs, phases: openPhases } = await timedOpen(page, args.profile && run === 0 ? `cards-open-${new Date().toISOString().replace(/[:.]/g, '-')}` : undefined);

  await page.locator('nav').getByText('Sincronização', { exact: true }).click();
  await page.getByTestId('cards-workspace').waitFor({ state: 'detached' });
  const reopened = probe(page).painted(COUNT_ALL, 'data-count', String(cardCount));
  await page.locator('nav').getByText('Quadro de carteiras', { exact: true }).click();
  await reopened;
  const reopenMs = (await probe(page).idle()) - (await probe(page).lastEvent());

  const search: RunResult['search'] = { protocol: [], cpf: [], name: [] };
  for (let sample = 0; sample < samples; sample += 1) {
    const index = 1 + ((run * 7919 + sample * 104_729) % cardCount);
    search.protocol.push(await timedSearch(page, protocolOf(index)));
    search.cpf.push(await timedSearch(page, cpfs.get(protocolOf(index))!));
    search.name.push(await timedSearch(page, `${FIRST[sample % FIRST.length]} ${LAST[sample % LAST.length]}`.toLowerCase()));
  }
  await timedSearch(page, '');

  const filter: number[] = [];
  const filters = [
    ['Prazo vencido', 'late'],
    ['Perto do prazo ou vencido', 'near'],
    ['Com conflito para o supervisor', 'conflict'],
    ['Todas', 'all'],
  ] as const;
  const stages = ['all', ...CARD_MAIN_STAGES] as const;
  for (let sample = 0; sample < samples; sample += 1) {
    const [label, value] = filters[sample % filters.length]!;
    await page.locator('input').and(page.getByLabel('Filtro', { exact: true })).click();
    filter.push(await timedClick(page, () => page.getByRole('option', { name: label, exact: true }).click(), 'data-filter', value));
    const stage = stages[(sample + 1) % stages.length]!;
    filter.push(await timedClick(page, () => page.getByTestId(`stage-tab-${stage}`).click(), 'data-tab', stage));
  }
  await page.locator('input').and(page.getByLabel('Filtro', { exact: true })).click();
  await page.getByRole('option', { name: 'Todas', exact: true }).click();
  await page.getByTestId('stage-tab-all').click();

  const moveSamples: number[] = [];
  const shippedIndex = CARD_MAIN_STAGES.indexOf('shipped');
  for (let sample = 0; sample < moves; sample += 1) {
    // Shipped cards are those whose index ≡ shippedIndex (mod 9); each run moves its own.
    const index = shippedIndex + CARD_MAIN_STAGES.length * (1 + run * moves + sample);
    const protocol = protocolOf(index);
    await page.getByTestId('board-search').fill(protocol);
    await page.locator(`${BOARD} [data-protocol="${protocol}"]`).click();
    await page.getByTestId('card-detail-body').waitFor();
    await choose(page, 'Movimentação', 'Avançar para Disponível para retirada');
    const moved = probe(page).painted(`${BOARD} [data-protocol="${protocol}"]`, 'data-stage', 'available_for_pickup');
    await page.getByRole('button', { name: 'Registrar movimentação' }).click();
    moveSamples.push((await moved) - (await probe(page).lastEvent()));
    await page.keyboard.press('Escape');
    await page.getByTestId('card-detail-body').waitFor({ state: 'detached' });
  }
  // The next run's shift starts from the board as this one left it.
  await snapshotSaved(page, await probe(page).lastEvent());
  return { openMs, openPhases, reopenMs, search, filter, moves: moveSamples };
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  console.log(`bench:cards with ${cardCount} cards, ${runs} runs; load ${loadBefore.map((v) => v.toFixed(2)).join(' ')}; ${cpus().length} × ${cpus()[0]?.model}`);
  const [bundleDir, server] = await Promise.all([buildBenchConsole(!args.profile), startBenchServer()]);
  const browser = await launchChromium();
  const consoleServer = await startConsoleServer(bundleDir, () => server.url);
  try {
    const account: UserPut = { name: clerk.userId, displayName: clerk.displayName, roles: [...clerk.roles], postId: clerk.postId, password: PASSWORD };
    const created = await server.request(`/_users/${userAccountDocId(clerk.userId)}`, { method: 'PUT', json: account });
    if (!created.ok) throw new Error(`could not create ${clerk.userId}: ${created.status} ${await created.text()}`);
    await seedReference(server, 0);
    const specs = cardSpecs();
    const seeding = performance.now();
    await seedCards(server, [clerk], specs);
    const seededSeconds = (performance.now() - seeding) / 1000;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
    const page = await context.newPage();
    // tsx keeps function names with an `__name` helper that page code does not have.
    await page.addInitScript('window.__name = (fn) => fn;');
    await page.addInitScript(installProbe);
    await page.goto(consoleServer.url);
    const started = performance.now();
    await signIn(page);
    // The clerk's console syncs the post's cards as a shift would find them, then works offline.
    await page.waitForFunction(
      (count) => document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-initial-progress') === 'done' && document.querySelector('[data-testid="stage-count-all"]')?.getAttribute('data-count') === String(count),
      cardCount,
      { timeout: 1_800_000, polling: 500 },
    );
    await syncReaches(page, 'online', 0);
    await server.close();
    await syncReaches(page, 'offline');
    const cpfs = new Map(specs.map((spec) => { const { card } = cardWithEvents(spec); return [card.protocol, card.holder.cpf.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4')] as const; }));
    console.log(`server seeded with ${cardCount} cards and their stage events in ${seededSeconds | 0} s, synced into the console in ${(performance.now() - started) / 1000 | 0} s`);

    // Cold open: the first shift after the cards arrived, no saved board (the one saved while syncing is dropped).
    // Saves settle first (one comes 3 s after the last change): a later save would bring the board back.
    for (let since = await snapshotSaved(page, await page.evaluate(() => performance.now())); ; ) {
      await page.waitForTimeout(SNAPSHOT_SAVE_DELAY_MS + 1_000);
      const last = await page.evaluate(() => performance.getEntriesByName('cards-board:snapshot-saved').at(-1)?.startTime ?? 0);
      if (last <= since) break;
      since = last;
    }
    await page.evaluate(
      (id) => (window as unknown as { plantaoTest: { database: Record<string, { findOne(id: string): { exec(): Promise<{ remove(): Promise<unknown> } | null> } }> } }).plantaoTest.database.card_board_snapshots!.findOne(id).exec().then((doc) => doc?.remove()),
      `board:${clerk.postId}`,
    );
    const cold = await timedOpen(page);
    console.log(`cold open (no saved board): ${ms(cold.openMs)} (${cold.phases}); load ${loadavg()[0]?.toFixed(2)}`);
    await snapshotSaved(page, 0);

    const results: RunResult[] = [];
    for (let run = 0; run < runs; run += 1) {
      const result = await oneRun(page, run, cpfs);
      results.push(result);
      const all = Object.values(result.search).flat();
      console.log(
        `run ${run + 1}: open ${ms(result.openMs)} (${result.openPhases}), re-open ${ms(result.reopenMs)}, search p50 ${ms(percentile(all, 50))} p95 ${ms(percentile(all, 95))}, ` +
          `filter p50 ${ms(percentile(result.filter, 50))} p95 ${ms(percentile(result.filter, 95))}, move p50 ${ms(percentile(result.moves, 50))}; load ${loadavg()[0]?.toFixed(2)}`,
      );
    }
    const over = (pick: (result: RunResult) => number) => median(results.map(pick));
    const open = over((r) => r.openMs);
    const reopen = over((r) => r.reopenMs);
    const searchP50 = over((r) => percentile(Object.values(r.search).flat(), 50));
    const searchP95 = over((r) => percentile(Object.values(r.search).flat(), 95));
    const byKind = (['protocol', 'cpf', 'name'] as const).map((kind) => `${kind} p95 ${ms(over((r) => percentile(r.search[kind], 95)))}`).join(', ');
    const filterP50 = over((r) => percentile(r.filter, 50));
    const filterP95 = over((r) => percentile(r.filter, 95));
    const move = over((r) => percentile(r.moves, 50));
    console.log(`search by kind (median of runs): ${byKind}`);
    console.log(`machine: ${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GB, load before ${loadBefore[0]?.toFixed(2)} after ${loadavg()[0]?.toFixed(2)}; chromium ${browser.version()}`);
    const verdict = open <= TARGET.openMs && searchP95 <= TARGET.searchP95Ms && filterP95 <= TARGET.filterP95Ms && move <= TARGET.moveMs ? 'targets met' : 'targets missed';
    console.log(
      `bench:cards ${cardCount} cards: open ${ms(open)} (≤ ${TARGET.openMs}; cold ${ms(cold.openMs)}), re-open ${ms(reopen)}, search p50/p95 ${ms(searchP50)}/${ms(searchP95)} (≤ ${TARGET.searchP95Ms}), ` +
        `filter p50/p95 ${ms(filterP50)}/${ms(filterP95)} (≤ ${TARGET.filterP95Ms}), move ${ms(move)} (≤ ${TARGET.moveMs}), median of ${runs} runs: ${verdict}`,
    );
  } finally {
    await browser.close();
    await consoleServer.close();
    await server.dispose();
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

await main();
