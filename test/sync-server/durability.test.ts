import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { STORAGE_KINDS, testBackend, type TestBackend } from './support/storage-kinds';
import { ADMIN, ADMIN_AUTH } from './support/test-server';

const children: ChildProcess[] = [];
const backends: TestBackend[] = [];

/** `npm run server` as a child process (tsx, not npm, so that SIGKILL reaches the server itself). */
async function startChild(backend: TestBackend): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const database = backend.config.databaseUrl ? ['--database-url', backend.config.databaseUrl] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/cli.ts', '--host', '127.0.0.1', '--port', '0', '--data', backend.dataDir, ...database], {
    env: { ...process.env, PLANTAO_ADMIN_PASSWORD: ADMIN.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const look = (): void => {
      const match = /plantao sync server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', look);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const backend of backends) backend.dispose();
});

const call = (url: string, path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${url}${path}`, { ...init, headers: { authorization: ADMIN_AUTH, 'content-type': 'application/json', connection: 'close' } });

describe.each(STORAGE_KINDS)('durability (%s storage)', (kind) => {
  it('keeps every acknowledged write, with its revision tree, across kill -9', async () => {
    const backend = await testBackend(kind);
    backends.push(backend);
    const first = await startChild(backend);
    expect((await call(first.url, '/durable', { method: 'PUT' })).status).toBe(201);
    expect(first.output().match(/listening on/g)).toHaveLength(1);

    /** id → rev acknowledged by the server. */
    const acked = new Map<string, string>();
    let batch = 0;
    const writer = async (lane: number): Promise<void> => {
      for (;;) {
        const number = batch++;
        const previous = [...acked.entries()].filter(([id]) => id.startsWith(`l${lane}-`)).slice(-5);
        const docs = [
          ...Array.from({ length: 5 }, (_, index) => ({ _id: `l${lane}-b${number}-${index}`, number, index })),
          ...previous.map(([id, rev]) => ({ _id: id, _rev: rev, updatedBy: number })),
        ];
        const response = await call(first.url, '/durable/_bulk_docs', { method: 'POST', body: JSON.stringify({ docs }) });
        const rows = (await response.json()) as { id: string; rev?: string; ok?: boolean }[];
        for (const row of rows) if (row.ok && row.rev) acked.set(row.id, row.rev);
      }
    };
    const lanes = [0, 1, 2, 3].map((lane) => writer(lane).catch(() => undefined));
    while (acked.size < 400) await new Promise((resolve) => setTimeout(resolve, 10));
    first.child.kill('SIGKILL');
    await Promise.all(lanes);
    const snapshot = new Map(acked);

    const second = await startChild(backend);
    const ids = [...snapshot.keys()];
    const found = (await (
      await call(second.url, '/durable/_all_docs', { method: 'POST', body: JSON.stringify({ keys: ids }) })
    ).json()) as { rows: { key: string; value?: { rev: string } }[] };
    expect(found.rows.filter((row) => !row.value).map((row) => row.key)).toEqual([]);
    let updated = 0;
    for (const [id, rev] of snapshot) {
      const doc = (await (await call(second.url, `/durable/${id}?revs=true`)).json()) as {
        _rev: string;
        _revisions: { start: number; ids: string[] };
      };
      const [pos, hash] = rev.split('-') as [string, string];
      // The acknowledged revision is the winner, or an ancestor of a later write that landed unacknowledged.
      expect(doc._revisions.start).toBeGreaterThanOrEqual(Number(pos));
      expect(doc._revisions.ids[doc._revisions.start - Number(pos)]).toBe(hash);
      expect(doc._revisions.ids).toHaveLength(doc._revisions.start);
      if (Number(pos) > 1) {
        updated += 1;
        const ancestor = `1-${doc._revisions.ids.at(-1)}`;
        expect((await call(second.url, `/durable/${id}?rev=${ancestor}`)).status).toBe(200);
      }
    }
    expect(updated).toBeGreaterThan(0);
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
    expect(second.child.exitCode).toBe(0);
  }, 90_000);
});
