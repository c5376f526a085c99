import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster on 127.0.0.1 and a free port, in a temporary directory. */
export interface PostgresCluster {
  /** A fresh, empty database; resolves its connection string. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the postmaster (by its PID) and removes the directory. */
  stop(): Promise<void>;
}

/** `PLANTAO_PG_BIN`, or the newest Debian install (`.ci/run` installs the `postgresql` package). */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const newest = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  const dir = process.env.PLANTAO_PG_BIN ?? (newest ? join(root, newest, 'bin') : undefined);
  if (!dir || !existsSync(join(dir, 'initdb'))) throw new Error('PostgreSQL server binaries not found: install the postgresql package or set PLANTAO_PG_BIN');
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user. */
async function asOwner(command: string, args: string[]): Promise<void> {
  if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', command, ...args]);
  else await run(command, args);
}

async function ownerIds(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'plantao-pg-'));
  const owner = await ownerIds();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  await asOwner(join(bin, 'initdb'), ['-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '-D', data]);
  const port = await freePort();
  // fsync off: the tests kill the sync server, never PostgreSQL, and this cluster is thrown away.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  await asOwner(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', 'start']);
  const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  // A worker that dies before `stop` (a timed-out test) must not leave the postmaster behind.
  const stopOnExit = () => isAlive(pid) && process.kill(pid, 'SIGQUIT');
  process.once('exit', stopOnExit);
  const base = `postgres://postgres@127.0.0.1:${port}`;
  let count = 0;
  return {
    async createDatabase(name = `plantao_${process.pid}_${++count}`) {
      const admin = new pg.Client({ connectionString: `${base}/postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `${base}/${name}`;
    },
    async stop() {
      process.off('exit', stopOnExit);
      try {
        process.kill(pid, 'SIGQUIT');
        while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
