import { join } from 'node:path';
import { PlantaoDocumentSchema, databaseOf, documentIdOf, type PlantaoDocument } from '../../shared/schemas';
import { DECISIONS_DB } from '../mail/outbox-feed';
import { OutboxStore } from '../mail/outbox-store';
import type { AccessPolicy, DocumentBody, WriteCheck } from '../policy/access-policy';
import { secretChildTags } from '../policy/secret-scope';
import type { Storage } from '../storage/storage';

export interface ImportSummary {
  written: number;
  /** `_id` → why the document was not imported. */
  refused: Map<string, string>;
}

const BATCH_SIZE = 1000;

/**
 * An operator's import (demo data, a restore): every document must pass its schema and sit under its own
 * `_id` in its own database, but the role rules of live writes do not apply — historical decisions were made
 * by officers who are not the one importing. Scope tags come from the policy — a claim, decision or note of
 * a secret request takes the request's narrower tags, as a live write would — so reads stay filtered.
 */
export async function importDocuments(storage: Storage, policy: AccessPolicy, docs: Iterable<Record<string, unknown>>): Promise<ImportSummary> {
  const summary: ImportSummary = { written: 0, refused: new Map() };
  const batches = new Map<string, { id: string; body: DocumentBody }[]>();
  // Children are tagged from their request, so pending requests are stored before any other batch.
  const checkChild = async (body: DocumentBody): Promise<WriteCheck> => {
    const tags = await secretChildTags(body as unknown as PlantaoDocument, null, storage);
    return tags ? { ok: true, tags } : { ok: true };
  };
  const flush = async (db: string): Promise<void> => {
    if (db !== 'requests') await flush('requests');
    const batch = batches.get(db) ?? [];
    batches.set(db, []);
    if (batch.length === 0) return;
    if (!(await storage.listDatabases()).includes(db)) await storage.createDatabase(db);
    const results = await storage.bulkWrite(
      db,
      batch.map(({ id, body }) => ({ id, deleted: false, body, attachments: {} })),
      { newEdits: true, scopeOf: (id, body) => policy.scopeOf(db, id, body), check: (write) => checkChild(write.body) },
    );
    for (const result of results) {
      if ('error' in result) summary.refused.set(result.id, result.reason);
      else summary.written += 1;
    }
  };
  for (const raw of docs) {
    const { _id, _rev: _ignoredRev, ...body } = raw;
    const parsed = PlantaoDocumentSchema.safeParse(body);
    if (!parsed.success) {
      summary.refused.set(String(_id), parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      continue;
    }
    const id = documentIdOf(parsed.data);
    if (_id !== undefined && _id !== id) {
      summary.refused.set(String(_id), `o _id deveria ser ${id}`);
      continue;
    }
    const db = databaseOf(parsed.data.type);
    const batch = batches.get(db) ?? [];
    batch.push({ id, body: body as DocumentBody });
    batches.set(db, batch);
    if (batch.length >= BATCH_SIZE) await flush(db);
  }
  for (const db of batches.keys()) await flush(db);
  return summary;
}

/**
 * Imported decisions are history: their citizens were told when they were made. The e-mail outbox follows
 * `decisions` from here on, so it enqueues nothing for them. Call with the server stopped, after the import.
 */
export async function skipMailForImportedDecisions(storage: Storage, dataDir: string, now: Date): Promise<void> {
  const seq = (await storage.databaseInfo(DECISIONS_DB, 'all'))?.updateSeq ?? 0;
  const outbox = OutboxStore.open(join(dataDir, 'plantao.sqlite'));
  try {
    if (Number(outbox.cursor(DECISIONS_DB) ?? 0) < seq) outbox.enqueue(DECISIONS_DB, String(seq), [], now);
  } finally {
    outbox.close();
  }
}
