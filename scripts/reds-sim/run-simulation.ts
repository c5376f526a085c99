import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedsGapReportSchema, type RedsGapReport } from '../../shared/reds';
import { SimHttp } from './http-client';
import { freePort, ServerProcess } from './server-process';
import { SimConsole } from './sim-console';
import { PASSWORD, seedUsers, UNIT } from './seed-users';

export interface SimulationOptions {
  consoles: number;
  numbers: number;
  /** Fractions of the run at which the server is killed with SIGKILL and restarted. */
  killAt: number[];
  blockSize: number;
  batchSize: number;
  seed: number;
  /** Per number: chance a console drops off the network for 0.2–1.7 s. */
  disconnectRate?: number;
  /** Per request: chance the reply is lost after the server acted. */
  lostReplyRate?: number;
  log?: (line: string) => void;
  /** PostgreSQL storage (`DATABASE_URL`) instead of SQLite in the temporary data directory. */
  databaseUrl?: string;
}

export interface SimulationResult {
  issued: number;
  duplicates: number;
  unaccounted: number;
  acknowledged: number;
  acknowledgedMissing: number;
  refused: number;
  restarts: number;
  report: RedsGapReport['totals'];
  overlaps: number;
  strays: number;
  seconds: number;
}


/** mulberry32: a small seeded generator, so a run can be repeated. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Keys the admin can find in the ledger, in chunks. */
async function presentInLedger(admin: SimHttp, numbers: string[]): Promise<Set<string>> {
  const present = new Set<string>();
  for (let start = 0; start < numbers.length; start += 5000) {
    const reply = await admin.json('/reds_ledger/_all_docs', { keys: numbers.slice(start, start + 5000) });
    const rows = (reply.body as { rows: { key: string; value?: { rev: string; deleted?: boolean } }[] }).rows;
    for (const row of rows) if (row.value && !row.value.deleted) present.add(row.key);
  }
  return present;
}

/**
 * Runs consoles against the real server while it is killed and restarted, then checks that no number was
 * issued twice and that every number of every block is accounted for.
 */
export async function runRedsSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const random = seeded(options.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'plantao-reds-sim-'));
  const server = new ServerProcess(dataDir, await freePort(), {
    PLANTAO_REDS_BLOCK_SIZE: String(options.blockSize),
    PLANTAO_REDS_MAX_BLOCK_SIZE: String(options.blockSize),
    PLANTAO_REDS_MAX_ACTIVE_LEASES: '4',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  try {
    await seedUsers(dataDir, options.consoles, options.databaseUrl);
    await server.start();
    const consoles = Array.from(
      { length: options.consoles },
      (_, i) =>
        new SimConsole({
          index: i + 1,
          baseUrl: server.url,
          password: PASSWORD,
          unitId: UNIT,
          pool: { blockSize: options.blockSize, refillThreshold: Math.ceil(options.blockSize / 2), expiryMarginMinutes: 30 },
          batchSize: options.batchSize,
          random,
          disconnectRate: options.disconnectRate ?? 0.004,
          restartRate: 0.0005,
          lostReplyRate: options.lostReplyRate ?? 0.01,
        }),
    );
    for (const simConsole of consoles) await simConsole.open();
    log(`${options.consoles} consoles signed in to ${server.url}`);

    let issued = 0;
    let restarts = 0;
    const kills = [...options.killAt].sort().map((fraction) => Math.floor(fraction * options.numbers));
    let killing: Promise<void> | null = null;
    const onIssued = () => {
      issued += 1;
      if (kills.length > 0 && issued >= (kills[0] ?? Infinity) && !killing) {
        kills.shift();
        killing = (async () => {
          await server.kill9();
          log(`server killed with SIGKILL after ${issued} numbers`);
          await new Promise((resolve) => setTimeout(resolve, 500));
          await server.start();
          restarts += 1;
          log('server restarted');
          killing = null;
        })();
      }
    };
    const quota = (index: number) => Math.floor(options.numbers / options.consoles) + (index < options.numbers % options.consoles ? 1 : 0);
    await Promise.all(consoles.map((simConsole, index) => simConsole.issue(quota(index), onIssued)));
    await killing;
    log(`${issued} numbers issued; pushing outboxes and returning blocks`);
    const deadline = Date.now() + 120_000;
    await Promise.all(consoles.map((simConsole) => simConsole.finish(deadline)));

    const admin = new SimHttp(server.url, random);
    await admin.login('admin', PASSWORD);
    const period = { from: new Date(started - 60_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    const reply = await admin.json(`/_reds/gap-report?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`);
    const report = RedsGapReportSchema.parse(reply.body);

    const handedOut = consoles.flatMap((simConsole) => simConsole.handedOut);
    const distinct = new Set(handedOut.map((entry) => entry.number));
    const acknowledged = consoles.flatMap((simConsole) => [...simConsole.acknowledged]);
    const present = await presentInLedger(admin, [...distinct]);
    const acknowledgedMissing = acknowledged.filter((number) => !present.has(number)).length;
    const notInLedger = [...distinct].filter((number) => !present.has(number)).length;
    const refused = consoles.reduce((sum, simConsole) => sum + simConsole.refused.length, 0);
    for (const simConsole of consoles) for (const refusal of simConsole.refused.slice(0, 3)) log(`refused ${refusal.number}: ${refusal.reason}`);

    const duplicates = handedOut.length - distinct.size + report.overlaps.length;
    const unaccounted = report.totals.missing + report.totals.outstanding + report.strays.length + notInLedger + acknowledgedMissing;
    return {
      issued: handedOut.length,
      duplicates,
      unaccounted,
      acknowledged: acknowledged.length,
      acknowledgedMissing,
      refused,
      restarts,
      report: report.totals,
      overlaps: report.overlaps.length,
      strays: report.strays.length,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    await server.stop().catch(() => server.kill9());
    rmSync(dataDir, { recursive: true, force: true });
  }
}
