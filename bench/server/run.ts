/**
 * `npm run bench:server`: Plantão's sync server against pouchdb-server on the same machine, one server
 * running at a time, each run on fresh processes and data directories. Options:
 * --docs N (100000) --runs N (3) --batch N (1000) --peer leveldb|memory (leveldb) --seed N (1) --profile
 * --ref REF (HEAD: the committed server code; `worktree` measures the checkout as it is, uncommitted edits included)
 * --only plantao|peer (both): measure one server only, for quick iterations; ratios then read n/a
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDemoData } from '../../demo';
import {
  type BenchServer,
  ensurePouchdbServer,
  installedVersion,
  type PeerBackend,
  POUCHDB_SERVER_VERSION,
  snapshotServer,
  startPlantao,
  startPouchdbServer,
} from './servers';
import { bulkLoad, createDatabase, readChanges, rxdbPull } from './workloads';
import { median } from '../support/median';

const PHASES = ['bulk', 'changes', 'rxdb-pull'] as const;
type Phase = (typeof PHASES)[number];
type Target = 'plantao' | 'peer';
type Timings = Record<Phase, number>;

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    batch: { type: 'string', default: '1000' },
    peer: { type: 'string', default: 'leveldb' },
    seed: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
    ref: { type: 'string', default: 'HEAD' },
    only: { type: 'string' },
  },
});
const positive = (name: string, value: string): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive integer`);
  return parsed;
};
const docs = positive('docs', args.docs);
const runs = positive('runs', args.runs);
const batch = positive('batch', args.batch);
const seed = positive('seed', args.seed);
if (args.peer !== 'leveldb' && args.peer !== 'memory') throw new Error('--peer must be leveldb or memory');
const peerBackend: PeerBackend = args.peer;
if (args.only !== undefined && args.only !== 'plantao' && args.only !== 'peer') throw new Error('--only must be plantao or peer');
const targets: Target[] = args.only === undefined ? ['plantao', 'peer'] : [args.only];

const root = fileURLToPath(new URL('../..', import.meta.url));
const resultsDir = join(root, 'bench', 'results');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const profileDir = args.profile ? join(resultsDir, `server-profile-${stamp}`) : undefined;

/** Fixed `now` so every run and every machine loads the same bodies. */
function batchBodies(): string[] {
  const data = generateDemoData({ seed, now: '2026-11-20T12:00:00.000Z', requests: docs, cards: 0 });
  const bodies: string[] = [];
  let pending: unknown[] = [];
  for (const doc of data.requests) {
    pending.push(doc);
    if (pending.length === batch) {
      bodies.push(JSON.stringify({ docs: pending }));
      pending = [];
    }
  }
  if (pending.length > 0) bodies.push(JSON.stringify({ docs: pending }));
  return bodies;
}

const running = new Set<BenchServer>();
const cleanups: (() => void)[] = [];
async function stopAll(): Promise<void> {
  await Promise.allSettled([...running].map((server) => server.stop()));
  running.clear();
  for (const cleanup of cleanups.splice(0)) cleanup();
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

type Metric = 'wall' | 'cpu';
/** One phase on one server: wall-clock seconds as the client saw them, CPU seconds the server process spent. */
type Sample = Record<Metric, Timings>;

async function timed(server: BenchServer, what: () => Promise<number>, expected: number, label: string): Promise<Record<Metric, number>> {
  const cpuBefore = server.cpuSeconds();
  const started = performance.now();
  const count = await what();
  const wall = (performance.now() - started) / 1000;
  const cpu = server.cpuSeconds() - cpuBefore;
  if (count !== expected) throw new Error(`${label}: expected ${expected} documents, got ${count}`);
  return { wall, cpu };
}

async function measure(target: Target, trees: { plantao: string; peer: string }, bodies: string[], run: number): Promise<Sample> {
  const server =
    target === 'plantao' ? await startPlantao({ tree: trees.plantao, cpuProfDir: profileDir }) : await startPouchdbServer(trees.peer, peerBackend);
  running.add(server);
  try {
    await createDatabase(server);
    const label = `${server.name} run ${run}`;
    const phases: Record<Phase, () => Promise<number>> = {
      bulk: () => bulkLoad(server, bodies),
      changes: () => readChanges(server, batch),
      'rxdb-pull': () => rxdbPull(server, batch, `bench-${target}-${run}`),
    };
    const sample: Sample = { wall: { bulk: 0, changes: 0, 'rxdb-pull': 0 }, cpu: { bulk: 0, changes: 0, 'rxdb-pull': 0 } };
    for (const phase of PHASES) {
      const { wall, cpu } = await timed(server, phases[phase], docs, `${label} ${phase}`);
      sample.wall[phase] = wall;
      sample.cpu[phase] = cpu;
    }
    const shown = PHASES.map((phase) => `${phase} ${sample.wall[phase].toFixed(2)}s (cpu ${sample.cpu[phase].toFixed(2)}s)`);
    console.log(`run ${run} ${server.name.padEnd(24)} ${shown.join('  ')}  load ${loadavg()[0]?.toFixed(1)}`);
    return sample;
  } finally {
    running.delete(server);
    await server.stop();
  }
}

interface Summary {
  plantao: Timings;
  peer: Timings;
  /** pouchdb-server time / Plantão time: above 1 means Plantão is faster. */
  ratio: Timings;
}

function summarize(samples: Record<Target, Sample[]>, metric: Metric): Summary {
  const medians = (target: Target): Timings =>
    Object.fromEntries(PHASES.map((phase) => [phase, median(samples[target].map((sample) => sample[metric][phase]))])) as Timings;
  const plantao = medians('plantao');
  const peer = medians('peer');
  return { plantao, peer, ratio: Object.fromEntries(PHASES.map((phase) => [phase, peer[phase] / plantao[phase]])) as Timings };
}

function printTable(title: string, summary: Summary): void {
  const peerName = `pouchdb-server ${peerBackend}`;
  console.log(`\n${title}`);
  console.log(`${'phase'.padEnd(10)} ${'plantao'.padStart(10)} ${peerName.padStart(24)} ${'ratio'.padStart(8)}`);
  for (const phase of PHASES) {
    const cells = [`${seconds(summary.plantao[phase], 2)}`.padStart(10), `${seconds(summary.peer[phase], 2)}`.padStart(24), ratioText(summary.ratio[phase]).padStart(8)];
    console.log(`${phase.padEnd(10)} ${cells.join(' ')}`);
  }
}

/** A server left out with `--only` has no median (NaN). */
const seconds = (value: number, digits: number): string => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(digits)}s`);
const ratioText = (value: number): string => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(1)}x`);
const summaryText = (summary: Summary): string =>
  PHASES.map((phase) => `${phase} ${seconds(summary.plantao[phase], 1)} vs ${seconds(summary.peer[phase], 1)} (${ratioText(summary.ratio[phase])})`).join(' ');

async function main(): Promise<void> {
  const peerDir = targets.includes('peer') ? ensurePouchdbServer() : '';
  const snapshot = args.ref === 'worktree' ? null : snapshotServer(args.ref);
  const revision = { commit: snapshot?.commit ?? 'worktree' };
  const trees = { plantao: snapshot?.tree ?? root, peer: peerDir };
  cleanups.push(() => snapshot?.dispose());
  const generation = performance.now();
  const bodies = batchBodies();
  const megabytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0) / 1e6;
  console.log(
    `plantao at ${revision.commit}, ${docs} request documents (${megabytes.toFixed(1)} MB JSON) in ${bodies.length} batches of ${batch}, generated in ${((performance.now() - generation) / 1000).toFixed(1)}s`,
  );
  const loadBefore = loadavg();
  const samples: Record<Target, Sample[]> = { plantao: [], peer: [] };
  for (let run = 1; run <= runs; run += 1) {
    // Alternating the order spreads the drift of a shared machine's load over both servers.
    const order = run % 2 === 1 ? targets : [...targets].reverse();
    for (const target of order) samples[target].push(await measure(target, trees, bodies, run));
  }
  const loadAfter = loadavg();
  const wall = summarize(samples, 'wall');
  const cpu = summarize(samples, 'cpu');
  printTable(`wall-clock medians of ${runs} run(s), ${docs} docs, batch/limit ${batch}:`, wall);
  printTable('server-process CPU medians (user + system):', cpu);

  mkdirSync(resultsDir, { recursive: true });
  const resultFile = join(resultsDir, `server-${stamp}.json`);
  const result = {
    benchmark: 'bench:server',
    date: new Date().toISOString(),
    options: { docs, runs, batch, seed, peer: peerBackend, ref: args.ref, only: args.only ?? null, profile: profileDir ?? null },
    revision,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadBefore, loadAfter },
    versions: {
      'pouchdb-server': POUCHDB_SERVER_VERSION,
      'pouchdb-core (peer)': peerDir ? installedVersion(peerDir, 'pouchdb-core') : 'not run',
      'leveldown (peer)': peerDir ? installedVersion(peerDir, 'leveldown') : 'not run',
      rxdb: installedVersion(root, 'rxdb'),
      fastify: installedVersion(root, 'fastify'),
      'better-sqlite3': installedVersion(root, 'better-sqlite3'),
    },
    samples,
    wall,
    cpu,
  };
  writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`results: ${resultFile}${profileDir ? `\nplantao CPU profiles: ${profileDir}` : ''}`);
  console.log(`bench:server docs=${docs} ${summaryText(wall)} | server-cpu ${summaryText(cpu)}`);
}

main()
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    // RxDB and undici keep timers; the benchmark is over.
    process.exit();
  });
