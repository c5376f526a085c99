/**
 * `npm run bench:server`: Plantão's sync server against pouchdb-server on the same machine, one server
 * running at a time, each run on fresh processes and data directories. Options:
 * --docs N (100000) --runs N (3) --batch N (1000) --peer leveldb|memory (leveldb) --seed N (1) --profile
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
  startPlantao,
  startPouchdbServer,
} from './servers';
import { bulkLoad, createDatabase, readChanges, rxdbPull } from './workloads';

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
async function stopAll(): Promise<void> {
  await Promise.allSettled([...running].map((server) => server.stop()));
  running.clear();
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

async function timed(what: () => Promise<number>, expected: number, label: string): Promise<number> {
  const started = performance.now();
  const count = await what();
  const seconds = (performance.now() - started) / 1000;
  if (count !== expected) throw new Error(`${label}: expected ${expected} documents, got ${count}`);
  return seconds;
}

async function measure(target: Target, peerDir: string, bodies: string[], run: number): Promise<Timings> {
  const server =
    target === 'plantao' ? await startPlantao({ cpuProfDir: profileDir }) : await startPouchdbServer(peerDir, peerBackend);
  running.add(server);
  try {
    await createDatabase(server);
    const label = `${server.name} run ${run}`;
    const timings: Timings = {
      bulk: await timed(() => bulkLoad(server, bodies), docs, `${label} bulk`),
      changes: await timed(() => readChanges(server, batch), docs, `${label} changes`),
      'rxdb-pull': await timed(() => rxdbPull(server, batch, `bench-${target}-${run}`), docs, `${label} rxdb-pull`),
    };
    console.log(
      `run ${run} ${server.name.padEnd(24)} ${PHASES.map((phase) => `${phase} ${timings[phase].toFixed(2)}s`).join('  ')}  load ${loadavg()[0]?.toFixed(1)}`,
    );
    return timings;
  } finally {
    running.delete(server);
    await server.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (index: number): number => sorted[index] ?? Number.NaN;
  return sorted.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

async function main(): Promise<void> {
  const peerDir = ensurePouchdbServer();
  const generation = performance.now();
  const bodies = batchBodies();
  const megabytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0) / 1e6;
  console.log(
    `${docs} request documents (${megabytes.toFixed(1)} MB JSON) in ${bodies.length} batches of ${batch}, generated in ${((performance.now() - generation) / 1000).toFixed(1)}s`,
  );
  const loadBefore = loadavg();
  const samples: Record<Target, Timings[]> = { plantao: [], peer: [] };
  for (let run = 1; run <= runs; run += 1) {
    // Alternating the order spreads the drift of a shared machine's load over both servers.
    const order: Target[] = run % 2 === 1 ? ['plantao', 'peer'] : ['peer', 'plantao'];
    for (const target of order) samples[target].push(await measure(target, peerDir, bodies, run));
  }
  const loadAfter = loadavg();

  const medians = (target: Target) => Object.fromEntries(PHASES.map((phase) => [phase, median(samples[target].map((t) => t[phase]))])) as Timings;
  const plantao = medians('plantao');
  const peer = medians('peer');
  const ratios = Object.fromEntries(PHASES.map((phase) => [phase, peer[phase] / plantao[phase]])) as Timings;
  const peerName = `pouchdb-server ${peerBackend}`;

  console.log(`\nmedians of ${runs} run(s), ${docs} docs, batch/limit ${batch}:`);
  console.log(`${'phase'.padEnd(10)} ${'plantao'.padStart(10)} ${peerName.padStart(24)} ${'ratio'.padStart(8)}`);
  for (const phase of PHASES) {
    console.log(`${phase.padEnd(10)} ${`${plantao[phase].toFixed(2)}s`.padStart(10)} ${`${peer[phase].toFixed(2)}s`.padStart(24)} ${`${ratios[phase].toFixed(1)}x`.padStart(8)}`);
  }

  mkdirSync(resultsDir, { recursive: true });
  const resultFile = join(resultsDir, `server-${stamp}.json`);
  const result = {
    benchmark: 'bench:server',
    date: new Date().toISOString(),
    options: { docs, runs, batch, seed, peer: peerBackend, profile: profileDir ?? null },
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadBefore, loadAfter },
    versions: {
      'pouchdb-server': POUCHDB_SERVER_VERSION,
      'pouchdb-core (peer)': installedVersion(peerDir, 'pouchdb-core'),
      'leveldown (peer)': installedVersion(peerDir, 'leveldown'),
      rxdb: installedVersion(root, 'rxdb'),
      fastify: installedVersion(root, 'fastify'),
      'better-sqlite3': installedVersion(root, 'better-sqlite3'),
    },
    samples,
    medians: { plantao, peer },
    ratios,
  };
  writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`results: ${resultFile}${profileDir ? `\nplantao CPU profiles: ${profileDir}` : ''}`);
  console.log(
    `bench:server docs=${docs} ${PHASES.map((phase) => `${phase} ${plantao[phase].toFixed(1)}s vs ${peer[phase].toFixed(1)}s (${ratios[phase].toFixed(1)}x)`).join(' ')}`,
  );
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
