import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_NAMES, OccurrenceRequestSchema } from '../shared/schemas';

const ROOT = join(import.meta.dirname, '..');
const dirs: string[] = [];

function runCli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo-data.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
}

function generate(requests: number): string {
  const out = mkdtempSync(join(tmpdir(), 'plantao-demo-'));
  dirs.push(out);
  const result = runCli(['--requests', String(requests), '--cards', '500', '--seed', '2026', '--now', '2026-11-21T15:00:00Z', '--out', out]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(new RegExp(`requests ${requests}\\b`));
  return out;
}

const hashFile = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('npm run demo:data', () => {
  it('writes 100,000 valid requests, byte-identical for the same seed and now', async () => {
    const first = generate(100_000);
    let count = 0;
    const lines = createInterface({ input: createReadStream(join(first, 'requests.ndjson'), 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      const parsed = OccurrenceRequestSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`line ${count + 1}: ${parsed.error.message}`);
      count++;
    }
    expect(count).toBe(100_000);

    const second = generate(100_000);
    for (const db of DATABASE_NAMES) expect(hashFile(join(second, `${db}.ndjson`)), db).toBe(hashFile(join(first, `${db}.ndjson`)));
  }, 900_000);

  it('refuses bad flags with exit code 2 and a readable message', () => {
    const bad = runCli(['--requests', 'muitos']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--requests deve ser um inteiro');
    const unknown = runCli(['--bogus', '1']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('uso: npm run demo:data');
    const badNow = runCli(['--now', 'ontem']);
    expect(badNow.status).toBe(2);
    expect(badNow.stderr).toContain('--now deve ser um instante ISO 8601');
  });
});
