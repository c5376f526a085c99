/**
 * `npx tsx bench/server/storage-floor.ts [--docs 100000] [--runs 3]`: the floor under bench:server's bulk
 * phase. The same batches of 1000 request documents, with none of the server around them (no HTTP, no
 * authentication, no validation, no revision trees, no policy): per batch, parse the JSON body, serialize each
 * document's body and hash it (md5, as a revision id), and insert the three rows the SQLite storage writes per
 * document (revision, document, scope tag) into its own schema (sync-server's migrations), in one transaction
 * with WAL and `synchronous=FULL`, as the server does. Prints the median wall time and µs per document.
 */
import BetterSqlite3 from 'better-sqlite3';
import { hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDemoData } from '../../demo';
import { migrate } from '../../sync-server/storage/sqlite/migrate';
import { median } from '../support/median';

const { values: args } = parseArgs({ options: { docs: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' } } });
const docs = Number(args.docs);
const runs = Number(args.runs);

// The bodies bench:server sends (its `_id` is the protocol).
const requests = [...generateDemoData({ seed: 1, now: '2026-11-20T12:00:00.000Z', requests: docs, cards: 0 }).requests];
const bodies: string[] = [];
for (let first = 0; first < requests.length; first += 1000) bodies.push(JSON.stringify({ docs: requests.slice(first, first + 1000) }));

function run(): number {
  const dir = mkdtempSync(join(tmpdir(), 'plantao-storage-floor-'));
  const db = new BetterSqlite3(join(dir, 'floor.sqlite'));
  try {
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrate(db);
    db.prepare('INSERT INTO databases (name, created_at) VALUES (?, ?)').run('requests', Date.now());
    const insertRevision = db.prepare('INSERT INTO revisions (db_id, doc_id, rev, deleted, body, attachments) VALUES (1, ?, ?, 0, ?, ?)');
    const insertDocument = db.prepare('INSERT INTO documents (db_id, doc_id, seq, deleted, rev_tree, tags) VALUES (1, ?, ?, 0, ?, ?)');
    const insertTag = db.prepare('INSERT INTO doc_tags (db_id, doc_id, tag, seq, deleted) VALUES (1, ?, ?, ?, 0)');
    let seq = 0;
    const started = performance.now();
    for (const batch of bodies) {
      const parsed = JSON.parse(batch) as { docs: Array<Record<string, unknown> & { _id: string; unitId: string }> };
      db.transaction(() => {
        for (const { _id: id, ...body } of parsed.docs) {
          const json = JSON.stringify(body);
          const rev = `1-${hash('md5', json)}`;
          seq += 1;
          const tag = `unit:${body.unitId as string}`;
          insertRevision.run(id, rev, json, '{}');
          insertDocument.run(id, seq, JSON.stringify([[rev, null, 0, 1]]), JSON.stringify([tag]));
          insertTag.run(id, tag, seq);
        }
      })();
    }
    return performance.now() - started;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const times = Array.from({ length: runs }, () => run());
const middle = median(times);
console.log(`runs: ${times.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}`);
console.log(`storage floor docs=${docs} median ${(middle / 1000).toFixed(2)} s (${((middle * 1000) / docs).toFixed(1)} µs per document); load ${loadavg()[0]?.toFixed(2)}`);
