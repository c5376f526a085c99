import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'plantao-npm-start-'));
let child: ChildProcess | null = null;
let output = '';

/** Resolves the first capture of `pattern` in the child's output. */
const waitFor = (pattern: RegExp): Promise<string> =>
  new Promise((resolve, reject) => {
    const check = () => {
      const match = output.match(pattern);
      if (match) resolve(match[1] ?? match[0]);
    };
    child?.stdout?.on('data', check);
    child?.on('exit', (code) => reject(new Error(`npm start ended (${code}):\n${output}`)));
    check();
  });

/** SIGTERM to the whole group (npm does not pass it on; tsx does, to the script); resolves npm's exit code. */
const stop = (): Promise<number | null> =>
  new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve(child?.exitCode ?? null);
    child.once('exit', (code) => resolve(code));
    process.kill(-child.pid!, 'SIGTERM');
  });

afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('seeds demo data, serves the console and the API, and stops on SIGTERM', { timeout: 300_000 }, async () => {
    child = spawn('npm', ['start'], {
      cwd: join(import.meta.dirname, '../..'),
      env: { ...process.env, PLANTAO_DATA_DIR: dataDir, PLANTAO_DEMO_REQUESTS: '40', PLANTAO_DEMO_CARDS: '20', PLANTAO_PORT: '0', PLANTAO_LOG_LEVEL: 'warn' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const consoleUrl = await waitFor(/Console no navegador: (http\S+)/);
    await waitFor(/Electron/);
    expect(output).toMatch(/triage_officer\s+ana\.ferreira/);

    const page = await fetch(consoleUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/<div id="root"|<script/);

    const origin = new URL(consoleUrl).origin;
    const login = await fetch(`${origin}/_session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ana.ferreira', password: 'plantao-demo' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const all = (await (await fetch(`${origin}/requests/_all_docs`, { headers: { authorization: `Bearer ${token}` } })).json()) as { rows: unknown[] };
    expect(all.rows.length).toBeGreaterThan(0);

    await stop();
    // The script closes the server (npm itself ends by the signal).
    await expect.poll(() => fetch(origin).then(() => 'up', () => 'down'), { timeout: 10_000 }).toBe('down');
    // Imported decisions are history: nothing was queued to mail their citizens.
    const db = new BetterSqlite3(join(dataDir, 'plantao.sqlite'), { readonly: true });
    try {
      const decisions = db.prepare("SELECT update_seq AS n FROM databases WHERE name = 'decisions'").get() as { n: number };
      expect(decisions.n).toBeGreaterThan(0);
      expect(db.prepare('SELECT COUNT(*) AS n FROM mail_outbox').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
