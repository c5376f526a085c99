/**
 * `npm run bench:sync`: the console's sync as staff feel it, in Debian's Chromium against the real server.
 * (a) initial sync: a fresh browser profile on disk (fresh IndexedDB, in files as a console's is) logs in as an officer of a unit holding
 *     `--docs` requests; time from the click on "Entrar" to the progress bar reaching done with every
 *     request in the local store, `--runs` times, median.
 * (b) write→visible with `--consoles` consoles connected: an observer console and a writer console in
 *     Chromium plus `--consoles - 2` light clients (bench/sync/light-clients.ts); the writer inserts
 *     `--writes` notes one after another, each timed from just before the local insert in the writer page
 *     to its appearance in an RxDB query subscribed in the observer page (both Date.now() of one machine),
 *     once the observer's main thread is idle; each latency is split at the observer's change long-poll
 *     answer and notes pull (resource timings). Page (CDP TaskDuration) and server (this process) CPU are reported.
 * Options: --docs N (100000) --runs N (3) --consoles N (50) --writes N (100) --seed N (1)
 * --trace: print every server request of the first initial sync (start, duration) and the progress timeline.
 * --profile: an unminified console, and a CPU profile of the first initial sync's page (renderer main thread)
 *   in bench/results/ (summarize with `npx tsx bench/server/profile-summary.ts FILE`), and one of the
 *   in-process server during the writes.
 * --writer console|node (console): `node` writes each note with the console's push request (POST
 *   /notes/_bulk_docs as the writer officer) from this process instead of a second Chromium console, whose
 *   own initial sync of --docs requests would otherwise come first; the light clients then number --consoles - 1.
 * --initial-timeout S (1800): give up an initial sync after S seconds, printing how far it got.
 * The console is served by the sync server at `/_console/` when it can, else by a proxy in front of it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from 'node:inspector';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { generateDemoData } from '../../demo';
import { documentIdOf, type Note } from '../../shared/schemas';
import type { TestServer } from '../../test/sync-server/support/test-server';
import { startBenchServer } from '../support/bench-server';
import { startConsoleServer, type ConsoleServer } from '../../test/console/support/console-server';
import { buildBenchConsole } from './build-console';
import { createAccounts, OFFICERS, PASSWORD, seed as seedReference, UNIT } from '../../test/console/support/seed';
import { launchPersistentChromium } from '../../test/console/support/chromium';
import { median } from '../support/median';

const VISIBLE_TIMEOUT_MS = 15_000;

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    consoles: { type: 'string', default: '50' },
    writes: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    trace: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    writer: { type: 'string', default: 'console' },
    'initial-timeout': { type: 'string', default: '1800' },
  },
});
const positive = (name: string, value: string, min = 1): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
  return parsed;
};
const docs = positive('docs', args.docs);
const runs = positive('runs', args.runs);
const consoles = positive('consoles', args.consoles, 2);
const writes = positive('writes', args.writes);
const seed = positive('seed', args.seed);
const initialTimeoutMs = positive('initial-timeout', args['initial-timeout']) * 1000;
if (args.writer !== 'console' && args.writer !== 'node') throw new Error('--writer must be console or node');
const writerKind = args.writer;

const root = fileURLToPath(new URL('../..', import.meta.url));
const stamp = new Date().toISOString().replace(/[:.]/g, '-');

const cleanups: Array<() => Promise<void> | void> = [];
async function stopAll(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll().finally(() => process.exit(130)));

const seconds = (ms: number) => (ms / 1000).toFixed(1);
/** Nearest-rank percentile. */
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)]!;

/** The demo's requests, all moved into one unit and none secret, so that one officer reads every one. */
async function seedRequests(server: TestServer): Promise<string[]> {
  const data = generateDemoData({ seed, now: '2026-11-20T12:00:00.000Z', requests: docs, cards: 0 });
  const protocols: string[] = [];
  let batch: unknown[] = [];
  const flush = async () => {
    const response = await server.request('/requests/_bulk_docs', { method: 'POST', json: { docs: batch } });
    const rows = (await response.json()) as Array<{ ok?: boolean; id: string; error?: string }>;
    const failed = rows.find((row) => !row.ok);
    if (failed) throw new Error(`seeding refused ${failed.id}: ${failed.error}`);
    batch = [];
  };
  for (const request of data.requests) {
    protocols.push(request.protocol);
    batch.push({ ...request, unitId: UNIT, secret: false });
    if (batch.length === 1000) await flush();
  }
  if (batch.length > 0) await flush();
  return protocols;
}

interface Marks {
  timeline: Array<[number, string]>;
  click?: number;
  loggedIn?: number;
  progress?: number;
  done?: number;
}

/** Runs in every page before the console: in-page timestamps of the login click, the shell, and the progress bar. */
function recordMarks(): void {
  const marks: Marks = { timeline: [] };
  Object.assign(window, { benchMarks: marks });
  document.addEventListener(
    'click',
    (event) => {
      if (marks.click === undefined && (event.target as Element | null)?.closest('button')?.textContent?.includes('Entrar')) marks.click = performance.now();
    },
    true,
  );
  new MutationObserver(() => {
    if (marks.loggedIn === undefined && document.querySelector('[data-testid="user-name"]')) marks.loggedIn = performance.now();
    const value = document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-initial-progress');
    if (value && value !== marks.timeline[marks.timeline.length - 1]?.[1]) marks.timeline.push([performance.now(), value]);
    if (value && value !== 'done' && marks.progress === undefined) marks.progress = performance.now();
    if (value === 'done' && marks.progress !== undefined && marks.done === undefined) marks.done = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-initial-progress', 'data-testid'] });
}

type TestWindow = Window & {
  benchMarks: Marks;
  plantaoTest: { database: Record<string, { count(): { exec(): Promise<number> }; insert(doc: object): Promise<unknown> }> };
};

/** Every server request a page makes after the login click: start (ms after the first request) and duration. */
function traceRequests(page: Page): () => string[] {
  const lines: string[] = [];
  let origin: number | undefined;
  page.on('requestfinished', (request) => {
    const timing = request.timing();
    origin ??= timing.startTime;
    const path = new URL(request.url()).pathname + new URL(request.url()).search;
    if (!path.startsWith('/assets/')) lines.push(`${(timing.startTime - origin).toFixed(0).padStart(7)} ms +${timing.responseEnd.toFixed(0).padStart(5)} ms ${request.method()} ${decodeURIComponent(path).slice(0, 110)}`);
  });
  return () => lines;
}

/**
 * A console in its own browser with a fresh profile on disk. Not `browser.newContext()`: those contexts are
 * off the record and keep IndexedDB in memory, where Chromium stores records several times slower than in
 * files (20,000 puts: 14 s against 2 s on this machine), so the download measured the wrong storage.
 */
async function openConsole(url: string, officer: (typeof OFFICERS)[number], trace = false): Promise<{ context: BrowserContext; page: Page; requests: () => string[] }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'plantao-bench-profile-'));
  const context = await launchPersistentChromium(userDataDir, { viewport: { width: 1280, height: 800 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  cleanups.push(async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript(recordMarks);
  const requests = trace ? traceRequests(page) : () => [];
  await page.goto(url);
  await page.getByLabel('Usuário').fill(officer.userId);
  await page.getByLabel('Senha').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  return { context, page, requests };
}

/** V8 CPU profile of the page's main thread over CDP; the returned function stops it and writes the file. */
async function startProfiler(page: Page): Promise<() => Promise<string>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const file = join(root, 'bench', 'results', `sync-page-${stamp}.cpuprofile`);
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    await cdp.detach();
    return file;
  };
}

interface InitialSample {
  totalMs: number;
  /** Main-thread task time of the page (CDP TaskDuration) and CPU of this process (the in-process server, plus the light Playwright driver). */
  pageCpuMs: number;
  serverCpuMs: number;
  /** In-page milliseconds since the click, and the percentage the progress bar showed from then on. */
  timeline: Array<[number, string]>;
  loginMs: number;
  /** From the progress bar's done to every request counted in the local store. */
  storeLagMs: number;
}

/** V8 CPU profile of this process (the in-process server) until the returned function writes it. */
async function startServerProfiler(): Promise<() => Promise<string>> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    session.disconnect();
    const file = join(root, 'bench', 'results', `sync-server-${stamp}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return file;
  };
}

/** Milliseconds of main-thread tasks the page has run so far. */
async function pageTaskMs(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;
  };
}

const processCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Waits for the initial sync of a console that just clicked "Entrar" and reads its in-page timestamps. */
async function initialSync(page: Page): Promise<InitialSample> {
  const pageTask = await pageTaskMs(page);
  const pageCpuBefore = await pageTask();
  const serverCpuBefore = processCpuMs();
  try {
    await page.waitForFunction(() => (window as unknown as TestWindow).benchMarks.done !== undefined, undefined, { timeout: initialTimeoutMs, polling: 250 });
  } catch (error) {
    const stored = await page.evaluate(() => (window as unknown as TestWindow).plantaoTest.database.requests!.count().exec()).catch(() => -1);
    const marks = await page.evaluate(() => (window as unknown as TestWindow).benchMarks);
    const since = marks.click ?? 0;
    throw new Error(
      `initial sync unfinished after ${initialTimeoutMs / 1000} s: ${stored} of ${docs} requests stored; progress (ms after click, %): ${JSON.stringify(marks.timeline.map(([at, value]) => [Math.round(at - since), value]))}`,
      { cause: error },
    );
  }
  const settled = await page.waitForFunction(
    async (expected) => {
      const count = await (window as unknown as TestWindow).plantaoTest.database.requests!.count().exec();
      return count === expected ? performance.now() : false;
    },
    docs,
    { timeout: 60_000, polling: 100 },
  );
  const stored = (await settled.jsonValue()) as number;
  const marks = await page.evaluate(() => (window as unknown as TestWindow).benchMarks);
  const { click, loggedIn, done } = marks;
  if (click === undefined || loggedIn === undefined || done === undefined) throw new Error(`missing marks: ${JSON.stringify(marks)}`);
  const timeline = marks.timeline.map(([at, value]): [number, string] => [Math.round(at - click), value]);
  return {
    timeline,
    totalMs: Math.max(done, stored) - click,
    pageCpuMs: Math.round((await pageTask()) - pageCpuBefore),
    serverCpuMs: Math.round(processCpuMs() - serverCpuBefore),
    loginMs: loggedIn - click,
    storeLagMs: Math.max(0, stored - done),
  };
}

/** The page's JavaScript heap after a full garbage collection, in MiB. */
async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return Math.round(usedSize / 2 ** 20);
  } finally {
    await cdp.detach();
  }
}

/**
 * Signs out and in again on the same desk, as after the idle lock: the store is reopened from disk (the paged
 * requests read back into memory). Timed from the click on "Entrar" until every request counts in the store.
 */
async function reopenMs(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Sair' }).click();
  await page.getByLabel('Usuário').fill(OFFICERS[0].userId);
  await page.getByLabel('Senha').fill(PASSWORD);
  // The test hook still holds the store closed at sign-out until the new session replaces it.
  await page.evaluate(() => Object.assign(window, { closedStore: (window as unknown as TestWindow).plantaoTest.database }));
  const started = Date.now();
  await page.getByRole('button', { name: 'Entrar' }).click();
  const reopened = () =>
    page.evaluate(async (expected) => {
      const test = window as unknown as TestWindow & { closedStore: unknown };
      if (test.plantaoTest.database === test.closedStore) return false;
      return (await test.plantaoTest.database.requests!.count().exec()) === expected;
    }, docs);
  while (!(await reopened())) {
    if (Date.now() - started > 120_000) throw new Error('the store did not reopen within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await page.evaluate(() => Object.assign(window, { closedStore: undefined }));
  return Date.now() - started;
}

function noteOn(protocol: string, index: number, at: Date): Note & { id: string } {
  const author = OFFICERS[1];
  const note: Note = {
    type: 'note',
    schemaVersion: 1,
    subject: { kind: 'request', id: protocol, unitId: UNIT },
    authorId: author.userId,
    authorName: author.displayName,
    createdAt: at.toISOString(),
    text: `Nota de benchmark número ${index + 1}.`,
  };
  return { ...note, id: documentIdOf(note) };
}

async function startLightClients(url: string, count: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/sync/light-clients.ts'), JSON.stringify({ url, name: OFFICERS[0].userId, password: PASSWORD, count })], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`light clients exited with ${code}`)));
  });
  return child;
}

async function stopLightClients(child: ChildProcess): Promise<string> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
  return output.trim();
}

/**
 * Waits until the page's main thread is idle (five 0-ms timers in a row each run within 50 ms), so that
 * write→visible does not time the workspace loading the unit's queue after the first download; returns
 * how long that took.
 */
async function untilIdle(page: Page): Promise<number> {
  const started = Date.now();
  await page.waitForFunction(
    async () => {
      for (let quiet = 0; quiet < 5; quiet += 1) {
        const before = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (performance.now() - before > 50) return false;
      }
      return true;
    },
    undefined,
    { timeout: 600_000, polling: 200 },
  );
  return Date.now() - started;
}

/** Observer page: the time each note of the writer first shows in an RxDB query. */
async function watchNotes(page: Page, authorId: string): Promise<void> {
  await page.evaluate((author) => {
    // Resource timings of the watcher's long-polls and the notes pulls: where each write's time went.
    performance.setResourceTimingBufferSize(1_000_000);
    performance.clearResourceTimings();
    const seen: Record<string, number> = {};
    Object.assign(window, { notesSeen: seen });
    const db = (window as unknown as { plantaoTest: { database: { notes: { find(q: object): { $: { subscribe(f: (docs: Array<{ id: string }>) => void): unknown } } } } } })
      .plantaoTest.database;
    db.notes.find({ selector: { authorId: author } }).$.subscribe((found) => {
      const now = Date.now();
      for (const doc of found) seen[doc.id] ??= now;
    });
  }, authorId);
}

/** Writes a note and returns the Date.now() just before the write started. */
type WriteNote = (note: Note & { id: string }) => Promise<number>;

const consoleWriter =
  (page: Page): WriteNote =>
  (note) =>
    page.evaluate(async (doc) => {
      const at = Date.now();
      await (window as unknown as TestWindow).plantaoTest.database.notes!.insert(doc);
      return at;
    }, note);

/** The request the console's push handler sends, as the writer officer. */
async function nodeWriter(url: string): Promise<WriteNote> {
  const login = await fetch(`${url}/_session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: OFFICERS[1].userId, password: PASSWORD }) });
  const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  return async ({ id, ...note }) => {
    const at = Date.now();
    const response = await fetch(`${url}/notes/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ docs: [{ _id: id, ...note }] }),
    });
    const rows = (await response.json()) as Array<{ ok?: boolean; error?: string }>;
    if (!rows[0]?.ok) throw new Error(`note refused: ${JSON.stringify(rows)}`);
    return at;
  };
}

interface Visibility {
  writtenAt: number;
  seenAt: number;
}

/** Epoch-ms start and end of the observer's change long-polls (`watch`) and notes pulls since watchNotes. */
type Fetch = { kind: 'watch' | 'pull'; start: number; end: number };

/**
 * Splits each write's latency at the observer: until its change long-poll answered (server write and
 * notification), until the notes pull started (console reaction), the pull itself, until the query showed it.
 */
function breakdown(visibilities: Visibility[], fetches: Fetch[]): Record<'notified' | 'reacted' | 'pulled' | 'shown', number> | null {
  const parts = { notified: [] as number[], reacted: [] as number[], pulled: [] as number[], shown: [] as number[] };
  for (const { writtenAt, seenAt } of visibilities) {
    const watch = fetches.find((fetch) => fetch.kind === 'watch' && fetch.end >= writtenAt && fetch.end <= seenAt);
    const pull = watch && fetches.find((fetch) => fetch.kind === 'pull' && fetch.start >= watch.end && fetch.end <= seenAt);
    if (!watch || !pull) continue;
    parts.notified.push(watch.end - writtenAt);
    parts.reacted.push(pull.start - watch.end);
    parts.pulled.push(pull.end - pull.start);
    parts.shown.push(seenAt - pull.end);
  }
  if (parts.notified.length === 0) return null;
  return Object.fromEntries(Object.entries(parts).map(([name, values]) => [name, Math.round(median(values))])) as ReturnType<typeof breakdown>;
}

async function observerFetches(observer: Page): Promise<Fetch[]> {
  return observer.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/_plantao/changes') || entry.name.includes('/notes/_changes'))
      .map((entry) => ({
        kind: entry.name.includes('/_plantao/changes') ? ('watch' as const) : ('pull' as const),
        start: performance.timeOrigin + entry.startTime,
        end: performance.timeOrigin + (entry as PerformanceResourceTiming).responseEnd,
      })),
  );
}

async function writeToVisible(write: WriteNote, observer: Page, protocols: string[]): Promise<Visibility[]> {
  const latencies: Visibility[] = [];
  const base = Date.now();
  for (let index = 0; index < writes; index += 1) {
    const note = noteOn(protocols[index % protocols.length]!, index, new Date(base + index));
    const writtenAt = await write(note);
    const seen = await observer.waitForFunction((id) => (window as unknown as { notesSeen: Record<string, number> }).notesSeen[id] ?? false, note.id, {
      timeout: VISIBLE_TIMEOUT_MS,
      polling: 10,
    });
    latencies.push({ writtenAt, seenAt: (await seen.jsonValue()) as number });
  }
  return latencies;
}

async function main(): Promise<void> {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'sync-server', 'renderer', 'shared'], { cwd: root, encoding: 'utf8' }).trim() !== '';
  const loadBefore = loadavg();
  console.log(`bench:sync at ${commit}${dirty ? ' (uncommitted changes in sync-server/renderer/shared are measured too)' : ''}; load ${loadBefore.map((v) => v.toFixed(2)).join(' ')}`);

  const started = performance.now();
  const bundleDir = await buildBenchConsole(!args.profile);
  cleanups.push(() => rmSync(bundleDir, { recursive: true, force: true }));
  const server = await startBenchServer(bundleDir);
  cleanups.push(() => server.dispose());
  await createAccounts(server);
  await seedReference(server, 0);
  const protocols = await seedRequests(server);
  const multiplexed = (await server.request('/_plantao/changes?timeout=0')).status === 200;
  console.log(`console built, server seeded with ${docs} requests in ${seconds(performance.now() - started)} s; /_plantao/changes ${multiplexed ? 'present' : 'missing (consoles poll update_seq)'}`);
  const servedByServer = (await fetch(`${server.url}/_console/`)).status === 200;
  let consoleUrl = `${server.url}/_console/`;
  if (!servedByServer) {
    const proxy: ConsoleServer = await startConsoleServer(bundleDir, () => server.url);
    cleanups.push(() => proxy.close());
    consoleUrl = proxy.url;
  }
  console.log(`console at ${consoleUrl} (${servedByServer ? 'served by the sync server' : 'proxy in front of the sync server'})`);

  const initial: InitialSample[] = [];
  let reopen: { heapAfterSyncMiB: number; reopenMs: number; heapAfterReopenMiB: number } | undefined;
  let observer: Page | undefined;
  for (let run = 1; run <= runs; run += 1) {
    const { context, page, requests } = await openConsole(consoleUrl, OFFICERS[0], args.trace && run === 1);
    const profiler = args.profile && run === 1 ? await startProfiler(page) : undefined;
    const sample = await initialSync(page);
    if (profiler) console.log(`page CPU profile: ${await profiler()}`);
    if (args.trace && run === 1) console.log(`requests:\n${requests().join('\n')}\nprogress (ms after click, %): ${JSON.stringify(sample.timeline)}`);
    initial.push(sample);
    console.log(
      `initial sync run ${run}: ${seconds(sample.totalMs)} s (login ${sample.loginMs.toFixed(0)} ms, store lag ${sample.storeLagMs.toFixed(0)} ms; CPU page ${seconds(sample.pageCpuMs)} s, server ${seconds(sample.serverCpuMs)} s) load ${loadavg()[0]?.toFixed(2)}`,
    );
    if (run === 1) {
      reopen = { heapAfterSyncMiB: await heapMiB(page), reopenMs: await reopenMs(page), heapAfterReopenMiB: await heapMiB(page) };
      console.log(`run 1 page heap ${reopen.heapAfterSyncMiB} MiB after the sync; signed out and in again: store reopened in ${seconds(reopen.reopenMs)} s, heap ${reopen.heapAfterReopenMiB} MiB`);
    }
    if (run === runs) observer = page;
    else await context.close();
  }

  let write: WriteNote;
  let writerSync: InitialSample | null = null;
  if (writerKind === 'console') {
    const writer = await openConsole(consoleUrl, OFFICERS[1]);
    writerSync = await initialSync(writer.page);
    console.log(`writer console synced in ${seconds(writerSync.totalMs)} s`);
    write = consoleWriter(writer.page);
  } else write = await nodeWriter(server.url);
  const lightCount = writerKind === 'console' ? consoles - 2 : consoles - 1;
  const light = await startLightClients(server.url, lightCount);
  const writerText = writerKind === 'console' ? 'observer + writer in Chromium' : 'observer in Chromium (writer: push requests from Node)';
  console.log(`${consoles} consoles connected: ${writerText}, ${lightCount} light clients (pid ${light.pid})`);
  const observerSettleMs = await untilIdle(observer!);
  console.log(`observer idle ${seconds(observerSettleMs)} s after its initial sync (workspace loading the local data)`);
  await watchNotes(observer!, OFFICERS[1].userId);
  const serverProfiler = args.profile ? await startServerProfiler() : undefined;
  const serverCpuBefore = processCpuMs();
  const visibilities = await writeToVisible(write, observer!, protocols);
  const serverCpuMs = Math.round(processCpuMs() - serverCpuBefore);
  if (serverProfiler) console.log(`server CPU profile during the writes: ${await serverProfiler()}`);
  const latencies = visibilities.map(({ writtenAt, seenAt }) => seenAt - writtenAt);
  const parts = breakdown(visibilities, await observerFetches(observer!));
  const lightReport = await stopLightClients(light);
  const p50 = percentile(latencies, 50);
  const p95 = percentile(latencies, 95);
  console.log(`write→visible over ${writes} notes: p50 ${p50} ms p95 ${p95} ms max ${Math.max(...latencies)} ms; light clients: ${lightReport}; server CPU ${serverCpuMs} ms`);
  if (parts) console.log(`write→visible medians: notified ${parts.notified} ms, reacted ${parts.reacted} ms, pulled ${parts.pulled} ms, shown ${parts.shown} ms`);

  const loadAfter = loadavg();
  const chromiumVersion = /Chrome\/([\d.]+)/.exec(await observer!.evaluate(() => navigator.userAgent))?.[1] ?? 'unknown';
  const initialMedian = median(initial.map((sample) => sample.totalMs));
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const resultFile = join(resultsDir, `sync-${stamp}.json`);
  const result = {
    benchmark: 'bench:sync',
    date: new Date().toISOString(),
    options: { docs, runs, consoles, writes, seed, writer: writerKind },
    revision: { commit, dirty, multiplexedChanges: multiplexed },
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, chromium: chromiumVersion, loadBefore, loadAfter },
    initial,
    initialMedianMs: initialMedian,
    reopen,
    writerInitial: writerSync,
    writeToVisibleMs: latencies,
    writeToVisibleMedians: parts,
    observerSettleMs,
    writeServerCpuMs: serverCpuMs,
    p50,
    p95,
  };
  writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`results: ${resultFile}`);
  console.log(
    `bench:sync initial-sync ${docs} docs ${seconds(initialMedian)} s (median of ${runs}); write→visible p50 ${p50} ms p95 ${p95} ms (${consoles} consoles, ${writerKind} writer); reopen ${reopen ? seconds(reopen.reopenMs) : '?'} s, heap ${reopen?.heapAfterReopenMiB ?? '?'} MiB; load ${loadBefore[0]?.toFixed(1)}→${loadAfter[0]?.toFixed(1)}`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    // RxDB, undici and vite keep timers; the benchmark is over.
    process.exit();
  });
