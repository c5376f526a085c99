/**
 * `npm run bench:indexeddb`: how fast this machine's Chromium stores records in IndexedDB, with nothing of
 * Plantão in between: the floor under the console's initial sync (bench:sync), which stores two records per
 * downloaded document (the document and RxDB's replication metadata of it).
 *
 * Each run opens a fresh database and puts `--records` records shaped like a stored request (a dozen clear
 * fields and a 2 KB sealed string of random base64) with the four indexes RxDB gives the requests collection,
 * 1000 records per read-write transaction, timed in the page from the first put to the last transaction's
 * `complete`. Profiles: `disk` (a browser profile in files, as a console's) and `memory` (an off-the-record
 * context, whose IndexedDB lives in memory). Options: --records N (40000: a 20,000-document download)
 * --runs N (3). Ends with one summary line of the medians.
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, launchPersistentChromium } from '../../test/console/support/chromium';
import { median } from '../support/median';

const { values: args } = parseArgs({ options: { records: { type: 'string', default: '40000' }, runs: { type: 'string', default: '3' } } });
const records = Number(args.records);
const runs = Number(args.runs);
if (!Number.isSafeInteger(records) || records < 1000 || !Number.isSafeInteger(runs) || runs < 1) throw new Error('--records ≥ 1000 and --runs ≥ 1');

/** Runs in the page: a fresh database, `count` puts, the milliseconds until the last transaction completed. */
async function putRecords(count: number): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(`floor-${crypto.randomUUID()}`, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore('docs', { keyPath: 'id' });
      store.createIndex('deleted-id', ['_deleted', 'id']);
      store.createIndex('deleted-unit-received-id', ['_deleted', 'unitId', 'receivedAt', 'id']);
      store.createIndex('lwt-id', ['lwt', 'id']);
      store.createIndex('lwt', 'lwt');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  // No named inner functions: the bundler would wrap them in a helper the page does not have.
  const random = new Uint8Array(1536);
  const started = performance.now();
  for (let first = 0; first < count; first += 1000) {
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction('docs', 'readwrite');
      const store = transaction.objectStore('docs');
      for (let index = first; index < Math.min(count, first + 1000); index += 1) {
        const at = 1_780_000_000_000 + index * 1000;
        store.put({
          id: `DV-2026-${String(index).padStart(7, '0')}`,
          type: 'request',
          unitId: 'dv-bh-01',
          nature: 'furto',
          status: 'received',
          receivedAt: new Date(at).toISOString(),
          city: 'Belo Horizonte',
          channel: 'web',
          couchRev: `1-${index.toString(16).padStart(32, '0')}`,
          _deleted: 0,
          _rev: '1-abc',
          lwt: at,
          _meta: { lwt: at },
          _attachments: {},
          sealed: btoa(String.fromCharCode(...crypto.getRandomValues(random))),
        });
      }
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
  }
  const elapsed = performance.now() - started;
  db.close();
  return elapsed;
}

async function main(): Promise<void> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>IndexedDB</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  console.log(`bench:indexeddb ${records} records per run, ${runs} runs per profile; load ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  const results: Record<string, number[]> = { disk: [], memory: [] };
  try {
    for (let run = 1; run <= runs; run += 1) {
      for (const profile of ['disk', 'memory'] as const) {
        const userDataDir = mkdtempSync(join(tmpdir(), 'plantao-bench-idb-'));
        let context: BrowserContext;
        let close: () => Promise<void>;
        if (profile === 'disk') {
          context = await launchPersistentChromium(userDataDir, {});
          close = () => context.close();
        } else {
          const browser = await launchChromium();
          context = await browser.newContext();
          close = () => browser.close();
        }
        try {
          const page: Page = context.pages()[0] ?? (await context.newPage());
          await page.goto(url);
          const ms = await page.evaluate(putRecords, records);
          results[profile]!.push(ms);
          console.log(`run ${run} ${profile.padEnd(6)} ${(ms / 1000).toFixed(2)} s, ${Math.round((records / ms) * 1000)} records/s`);
        } finally {
          await close();
          rmSync(userDataDir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    server.close();
  }
  const summary = (profile: string) => {
    const ms = median(results[profile]!);
    return `${profile} ${(ms / 1000).toFixed(2)} s (${Math.round((records / ms) * 1000)} records/s, ${((ms * 1000) / records).toFixed(0)} µs each)`;
  };
  console.log(`bench:indexeddb records=${records} median of ${runs}: ${summary('disk')}; ${summary('memory')}; load ${loadavg()[0]?.toFixed(2)}`);
}

await main();
