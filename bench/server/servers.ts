import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The peer is pinned: its transitive PouchDB 7 packages are recorded in the results. */
export const POUCHDB_SERVER_VERSION = '4.2.0';
export const ADMIN_PASSWORD = 'bench-admin-password';
export const PLANTAO_AUTH = `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`;

const HOST = '127.0.0.1';
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type PeerBackend = 'leveldb' | 'memory';

export interface BenchServer {
  name: string;
  url: string;
  pid: number;
  /** Authorization header for every request (none: pouchdb-server runs in admin party). */
  authorization?: string;
  /** CPU seconds (user + system, all threads) the server process has used so far. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** utime + stime from /proc/PID/stat (fields 14 and 15, counted after the parenthesized command name). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Installed once into a cache outside the project: the peer is never a project dependency. */
export function ensurePouchdbServer(): string {
  const dir = join(tmpdir(), 'plantao-bench-peers', `pouchdb-server-${POUCHDB_SERVER_VERSION}`);
  const bin = join(dir, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');
  if (existsSync(bin)) return dir;
  mkdirSync(dir, { recursive: true });
  console.log(`installing pouchdb-server@${POUCHDB_SERVER_VERSION} into ${dir} (a few minutes, once)…`);
  execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', `pouchdb-server@${POUCHDB_SERVER_VERSION}`], {
    cwd: dir,
    stdio: 'inherit',
  });
  if (!existsSync(bin)) throw new Error(`pouchdb-server install left no ${bin}`);
  return dir;
}

export function installedVersion(dir: string, pkg: string): string {
  const file = join(dir, 'node_modules', pkg, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : 'missing';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server at ${url} exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server at ${url} did not answer within ${STARTUP_TIMEOUT_MS} ms:\n${output()}`);
}

/** SIGTERM (lets Plantão write its CPU profile), SIGKILL if it does not exit in time; by PID only. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

interface Launch {
  name: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  authorization?: string;
  dataDir: string;
  port: number;
}

async function launch({ name, args, cwd, env, authorization, dataDir, port }: Launch): Promise<BenchServer> {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://${HOST}:${port}`;
  const server: BenchServer = {
    name,
    url,
    pid: child.pid ?? -1,
    authorization,
    cpuSeconds: () => processCpuSeconds(child.pid ?? -1),
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitUntilUp(url, child, () => stderr);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/**
 * The server code of a commit, exported beside the checkout (sharing its node_modules): other engineers
 * edit sync-server/ while a long benchmark runs, and every run must measure the same code.
 */
export function snapshotServer(ref: string): { tree: string; commit: string; dispose(): void } {
  const commit = execFileSync('git', ['rev-parse', '--short', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const tree = mkdtempSync(join(tmpdir(), `plantao-bench-tree-${commit}-`));
  const archive = execFileSync('git', ['archive', '--format=tar', commit, 'sync-server', 'shared', 'package.json', 'tsconfig.base.json'], {
    cwd: ROOT,
    maxBuffer: 512 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', tree], { input: archive });
  symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
  return { tree, commit, dispose: () => rmSync(tree, { recursive: true, force: true }) };
}

export interface PlantaoOptions {
  /** The checkout (or a snapshot of it) whose sync-server/ runs. */
  tree: string;
  /** Directory for a V8 CPU profile of the server process (written when it exits). */
  cpuProfDir?: string;
}

/** The real CLI on a fresh data directory, production log level, the bootstrap admin. */
export async function startPlantao(options: PlantaoOptions): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plantao-bench-data-'));
  const port = await freePort();
  const profile = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];
  const cli = join(options.tree, 'sync-server', 'cli.ts');
  return launch({
    name: 'plantao',
    args: [...profile, '--import', 'tsx', cli, '--host', HOST, '--port', String(port), '--data', dataDir],
    cwd: options.tree,
    env: { PLANTAO_ADMIN_PASSWORD: ADMIN_PASSWORD },
    authorization: PLANTAO_AUTH,
    dataDir,
    port,
  });
}

/** pouchdb-server in admin party (no auth), LevelDB in a fresh directory or in memory, no stdout logs. */
export async function startPouchdbServer(installDir: string, backend: PeerBackend): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plantao-bench-pouchdb-'));
  const port = await freePort();
  const bin = join(installDir, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');
  const storage = backend === 'memory' ? ['--in-memory'] : ['--dir', dataDir];
  return launch({
    name: `pouchdb-server-${backend}`,
    args: [bin, '--host', HOST, '--port', String(port), ...storage, '--config', join(dataDir, 'config.json'), '--no-stdout-logs', '--no-color'],
    cwd: dataDir,
    dataDir,
    port,
  });
}
