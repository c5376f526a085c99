/**
 * `npm run bench:load`: load and fault suite of the sync server, loopback only, bounded in time and count.
 *  1. 200 simulated consoles long-polling `_changes` while a writer adds documents at a steady rate, on one
 *     process (SQLite) and on two processes over PostgreSQL: write latency, write→visible latency, peak RSS.
 *  2. Two processes over PostgreSQL behind a TCP proxy (round-robin, like a load balancer) that cuts, delays and
 *     resets connections while PouchDB consoles sync live and a writer writes; then `kill -9` of one process
 *     under load: every console converges, no acknowledged write is lost.
 *  3. 10,000 malformed requests (fuzzed JSON, IDs, query strings, headers, raw garbage): only clean 4xx, the
 *     server stays up, memory bounded.
 * Options: --consoles N (200) --seconds N (20) --rate N writes/s (10) --fuzz N (10000) --seed N (1)
 *   --only faults: scenario 2 alone (about a minute; its JSON is written, the summary line is that scenario's)
 */
import { setMaxListeners } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import HttpAdapter from 'pouchdb-adapter-http';
import MemoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import Replication from 'pouchdb-replication';
import { startPostgres, type PostgresCluster } from '../../test/support/postgres';
import { liveReplication } from '../../test/sync-server/support/live-replication';
import { startServerProcess, type ServerProcess } from '../../test/sync-server/support/server-process';
import { fuzz, type FuzzTally } from './fuzz';
import { FaultProxy, NO_FAULTS } from './proxy';
import { rssMiB, round, sampleRss, summary } from './stats';

PouchDB.plugin(HttpAdapter).plugin(MemoryAdapter).plugin(Replication);

const { values: args } = parseArgs({
  options: {
    consoles: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    rate: { type: 'string', default: '10' },
    fuzz: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
  },
});
const CONSOLES = Number(args.consoles);
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const FUZZ = Number(args.fuzz);
const PASSWORD = 'senha-do-bench-de-carga';
const AUTH = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(Number(args.seed));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Servers {
  processes: ServerProcess[];
  dataDir: string;
  stop(): Promise<void>;
}

async function startServers(count: number, databaseUrl?: string): Promise<Servers> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plantao-load-'));
  const argv = ['--data', dataDir, ...(databaseUrl ? ['--database-url', databaseUrl] : [])];
  const processes: ServerProcess[] = [];
  // One after the other: the first creates the schema and the admin.
  for (let index = 0; index < count; index += 1) processes.push(await startServerProcess(argv, { PLANTAO_ADMIN_PASSWORD: PASSWORD }));
  return {
    processes,
    dataDir,
    async stop() {
      await Promise.all(processes.map((server) => server.stop()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function session(url: string): Promise<string> {
  const reply = await fetch(`${url}/_session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password: PASSWORD }) });
  return (reply.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const json = (cookie: string) => ({ cookie, 'content-type': 'application/json' });

/** Scenario 1: long-polling consoles and a steady writer; latencies in ms, RSS in MiB. */
async function longPollLoad(servers: Servers) {
  const urls = servers.processes.map((server) => server.url);
  const cookie = await session(urls[0]!);
  await fetch(`${urls[0]}/load`, { method: 'PUT', headers: json(cookie) });
  const writeMs: number[] = [];
  const visibleMs: number[] = [];
  const sentAt = new Map<string, number>();
  let pollErrors = 0;
  let writeErrors = 0;
  let polls = 0;
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // one listener per console request in flight
  const rss = sampleRss(() => servers.processes.map((server) => server.child.pid!));
  const consoles = Array.from({ length: CONSOLES }, async (_, index) => {
    const url = urls[index % urls.length]!;
    let since = 'now';
    while (!stop.signal.aborted) {
      try {
        const reply = await fetch(`${url}/load/_changes?feed=longpoll&timeout=10000&since=${encodeURIComponent(since)}`, { headers: json(cookie), signal: stop.signal });
        const body = (await reply.json()) as { results: { id: string }[]; last_seq: string };
        polls += 1;
        const now = performance.now();
        for (const row of body.results) {
          const sent = sentAt.get(row.id);
          if (sent !== undefined) visibleMs.push(now - sent);
        }
        since = body.last_seq;
      } catch {
        if (stop.signal.aborted) break;
        pollErrors += 1;
        await sleep(200);
      }
    }
  });
  await sleep(1000); // consoles in their first long-poll
  const started = performance.now();
  let written = 0;
  while (performance.now() - started < SECONDS * 1000) {
    const id = `doc-${written}`;
    const url = urls[written % urls.length]!;
    written += 1;
    const sent = performance.now();
    sentAt.set(id, sent);
    try {
      const reply = await fetch(`${url}/load/${id}`, { method: 'PUT', headers: json(cookie), body: JSON.stringify({ n: written, text: 'x'.repeat(200) }) });
      await reply.arrayBuffer();
      if (reply.status === 201) writeMs.push(performance.now() - sent);
      else writeErrors += 1;
    } catch {
      writeErrors += 1;
    }
    await sleep(Math.max(0, sent + 1000 / RATE - performance.now()));
  }
  await sleep(2000); // the last writes reach the consoles
  stop.abort();
  await Promise.allSettled(consoles);
  const peak = rss.stop();
  return {
    processes: urls.length,
    consoles: CONSOLES,
    writes: written,
    write: summary(writeMs),
    visible: { ...summary(visibleMs), expected: written * CONSOLES },
    polls,
    pollErrors,
    writeErrors,
    peakRssMiB: Object.values(peak),
  };
}

/** Scenario 2: consoles through a faulty proxy to two processes, then kill -9 of one of them. */
async function faultsAndKill(servers: Servers) {
  const [a, b] = servers.processes as [ServerProcess, ServerProcess];
  const alive = new Set([a, b]);
  const proxy = new FaultProxy(() => [...alive].map((server) => Number(new URL(server.url).port)), random);
  const proxyUrl = `http://127.0.0.1:${await proxy.listen()}`;
  const cookie = await session(a.url);
  await fetch(`${a.url}/faults`, { method: 'PUT', headers: json(cookie) });
  const consoles = Array.from({ length: 20 }, (_, index) => new PouchDB(`console-${index}`, { adapter: 'memory' }));
  const remote = () => new PouchDB(`${proxyUrl}/faults`, { auth: { username: 'admin', password: PASSWORD }, skip_setup: true });
  // Not PouchDB's own `retry`: it lets a failed run's last batch skip changes (see liveReplication).
  const syncs = consoles.flatMap((local) => [
    liveReplication((options) => local.replicate.to(remote(), options), 250),
    liveReplication((options) => local.replicate.from(remote(), options), 250),
  ]);
  const acknowledged = new Set<string>();
  let refusedOrFailed = 0;
  let writing = true;
  const writer = (async () => {
    for (let n = 0; writing; n += 1) {
      const id = `w-${n}`;
      try {
        const reply = await fetch(`${proxyUrl}/faults/${id}`, { method: 'PUT', headers: json(cookie), body: JSON.stringify({ n }), signal: AbortSignal.timeout(5000) });
        if (reply.status === 201) acknowledged.add(id);
        else refusedOrFailed += 1;
      } catch {
        refusedOrFailed += 1; // cut or reset: not acknowledged, may or may not be written
      }
      await sleep(1000 / RATE);
    }
  })();
  // Consoles write too: their documents must reach every other console.
  let consoleWrites = 0;
  const consoleWriter = (async () => {
    while (writing) {
      const local = consoles[Math.floor(random() * consoles.length)]!;
      await local.put({ _id: `c-${consoleWrites++}`, by: local.name });
      await sleep(300);
    }
  })();
  proxy.plan = { resetRate: 0.15, cutRate: 0.15, delayRate: 0.05 };
  await sleep(SECONDS * 1000 * 0.6);
  const killedAt = performance.now();
  a.child.kill('SIGKILL');
  alive.delete(a);
  await sleep(SECONDS * 1000 * 0.4);
  proxy.plan = NO_FAULTS;
  writing = false;
  await Promise.all([writer, consoleWriter]);
  // Convergence: every console holds every acknowledged write and every console's write.
  const expected = [...acknowledged, ...Array.from({ length: consoleWrites }, (_, index) => `c-${index}`)];
  const deadline = performance.now() + 120_000;
  let converged = 0;
  while (performance.now() < deadline) {
    const counts = await Promise.all(consoles.map(async (local) => {
      const rows = await local.allDocs({ keys: expected });
      return (rows.rows as { value?: unknown }[]).filter((row) => row.value).length;
    }));
    converged = counts.filter((count) => count === expected.length).length;
    if (converged === consoles.length) break;
    await sleep(500);
  }
  const convergedMs = performance.now() - killedAt;
  const onServer = await fetch(`${b.url}/faults/_all_docs`, { method: 'POST', headers: json(cookie), body: JSON.stringify({ keys: [...acknowledged] }) });
  const lost = ((await onServer.json()) as { rows: { value?: unknown }[] }).rows.filter((row) => !row.value).length;
  for (const sync of syncs) sync.cancel();
  await Promise.all(consoles.map((local) => local.destroy()));
  await proxy.close();
  return {
    consoles: consoles.length,
    acknowledged: acknowledged.size,
    unacknowledged: refusedOrFailed,
    consoleWrites,
    faults: proxy.faults,
    lostAcknowledged: lost,
    converged,
    secondsFromKillToConverged: round(convergedMs / 1000),
    survivorAlive: (await fetch(`${b.url}/`)).status === 200,
    escapedRejections,
  };
}

async function fuzzRun(servers: Servers): Promise<FuzzTally & { alive: boolean; rssBeforeMiB: number; rssAfterMiB: number }> {
  const server = servers.processes[0]!;
  await fetch(`${server.url}/fuzz`, { method: 'PUT', headers: { authorization: AUTH } });
  const rssBeforeMiB = rssMiB(server.child.pid!);
  const tally = await fuzz(server.url, AUTH, FUZZ, random);
  return { ...tally, alive: (await fetch(`${server.url}/`)).status === 200, rssBeforeMiB, rssAfterMiB: rssMiB(server.child.pid!) };
}

/** PouchDB's live replication through a faulty proxy lets some socket errors escape as rejections; counted, not fatal. */
let escapedRejections = 0;
process.on('unhandledRejection', () => (escapedRejections += 1));

async function main(): Promise<void> {
  if (args.only !== undefined && args.only !== 'faults') throw new Error(`--only: unknown scenario ${args.only} (faults)`);
  const onlyFaults = args.only === 'faults';
  const started = Date.now();
  const results: Record<string, unknown> = { date: new Date().toISOString(), cpus: cpus().length, loadavg: loadavg().map((value) => round(value, 2)), options: args };
  let cluster: PostgresCluster | null = null;
  try {
    if (!onlyFaults) {
      const sqlite = await startServers(1);
      try {
        results.sqliteOne = await longPollLoad(sqlite);
        console.log('sqlite, 1 process:', JSON.stringify(results.sqliteOne));
        results.fuzz = await fuzzRun(sqlite);
        console.log('fuzz:', JSON.stringify(results.fuzz));
      } finally {
        await sqlite.stop();
      }
    }
    cluster = await startPostgres();
    if (!onlyFaults) {
      const pgTwo = await startServers(2, await cluster.createDatabase());
      try {
        results.postgresTwo = await longPollLoad(pgTwo);
        console.log('postgres, 2 processes:', JSON.stringify(results.postgresTwo));
      } finally {
        await pgTwo.stop();
      }
    }
    const pgFaults = await startServers(2, await cluster.createDatabase());
    try {
      results.faults = await faultsAndKill(pgFaults);
      console.log('faults + kill -9:', JSON.stringify(results.faults));
    } finally {
      await pgFaults.stop();
    }
  } finally {
    await cluster?.stop();
  }
  mkdirSync('bench/results', { recursive: true });
  const file = join('bench/results', `load-${new Date().toISOString().replaceAll(':', '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const faults = results.faults as Awaited<ReturnType<typeof faultsAndKill>>;
  const faultLine = `faults+kill -9: ${faults.converged}/${faults.consoles} consoles converged, ${faults.lostAcknowledged}/${faults.acknowledged} acknowledged lost`;
  if (onlyFaults) {
    console.log(`bench:load --only faults ${Math.round((Date.now() - started) / 1000)}s — ${faultLine} (${file})`);
    return;
  }
  const one = results.sqliteOne as Awaited<ReturnType<typeof longPollLoad>>;
  const two = results.postgresTwo as Awaited<ReturnType<typeof longPollLoad>>;
  const fuzzed = results.fuzz as Awaited<ReturnType<typeof fuzzRun>>;
  console.log(
    `bench:load ${Math.round((Date.now() - started) / 1000)}s — ${CONSOLES} consoles: sqlite×1 write p50/p95/p99 ${one.write.p50}/${one.write.p95}/${one.write.p99} ms, visible ${one.visible.p50}/${one.visible.p95}/${one.visible.p99} ms, RSS ${one.peakRssMiB.join('+')} MiB; ` +
      `postgres×2 write ${two.write.p50}/${two.write.p95}/${two.write.p99} ms, visible ${two.visible.p50}/${two.visible.p95}/${two.visible.p99} ms, RSS ${two.peakRssMiB.join('+')} MiB; ` +
      `${faultLine}; ` +
      `fuzz: ${fuzzed.clean4xx}/${fuzzed.sent} clean 4xx + ${fuzzed.bare4xx} 4xx without a JSON body, alive ${fuzzed.alive}, RSS ${fuzzed.rssBeforeMiB}→${fuzzed.rssAfterMiB} MiB (${file})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
