import type { RxCollection } from 'rxdb';
import { combineLatest, map, type Observable } from 'rxjs';
import type { DatabaseName } from '../../shared/schemas';
import { syncMetaId, type SyncMeta } from '../data/sync-meta-schema';

export interface Ack {
  docId: string;
  /** The writeSeq the push carried: an older revision's answer never settles a newer local write. */
  writeSeq: number | undefined;
}

export type Settlement = Ack & { state: SyncMeta['state']; reason?: string; rev?: string };

/**
 * Keeps one `sync_meta` record per locally written document. All writes go through one queue, so a
 * "pending" mark is always stored before the answer to the push it triggered.
 */
export class SyncMetaTracker {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly collection: RxCollection<SyncMeta>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async existing(db: DatabaseName, docIds: string[]): Promise<Map<string, SyncMeta>> {
    const found = await this.collection.findByIds(docIds.map((docId) => syncMetaId(db, docId))).exec();
    return new Map([...found.values()].map((doc) => [doc.docId, doc.toJSON() as SyncMeta]));
  }

  markPending(db: DatabaseName, docIds: string[]): Promise<void> {
    return this.enqueue(async () => {
      const current = await this.existing(db, docIds);
      const at = this.now().toISOString();
      await this.collection.bulkUpsert(
        [...new Set(docIds)].map((docId) => ({
          id: syncMetaId(db, docId),
          db,
          docId,
          state: 'pending' as const,
          writeSeq: (current.get(docId)?.writeSeq ?? 0) + 1,
          at,
        })),
      );
    });
  }

  /** The writeSeq of each document as it is being pushed. */
  snapshot(db: DatabaseName, docIds: string[]): Promise<Map<string, number>> {
    return this.enqueue(async () => new Map([...(await this.existing(db, docIds))].map(([docId, meta]) => [docId, meta.writeSeq])));
  }

  /** Settles records whose local write is still the one that was pushed. */
  settle(db: DatabaseName, acks: Settlement[]): Promise<void> {
    if (acks.length === 0) return Promise.resolve();
    return this.enqueue(async () => {
      const current = await this.existing(db, acks.map((ack) => ack.docId));
      const at = this.now().toISOString();
      const writes = acks.flatMap((ack) => {
        const meta = current.get(ack.docId);
        if (!meta || meta.writeSeq !== ack.writeSeq) return [];
        const { reason: _reason, rev: _rev, ...rest } = meta;
        return [{ ...rest, state: ack.state, at, ...(ack.reason ? { reason: ack.reason } : {}), ...(ack.rev ? { rev: ack.rev } : {}) }];
      });
      if (writes.length > 0) await this.collection.bulkUpsert(writes);
    });
  }

  /** A newer server revision arrived: a refusal of an older local change no longer describes the document. */
  supersedeRefused(db: DatabaseName, pulled: Array<{ docId: string; rev: string }>): Promise<void> {
    if (pulled.length === 0) return Promise.resolve();
    return this.enqueue(async () => {
      // Refusals are few (an index read) while a pulled batch is large: look the batch up in them, not the reverse.
      const refused = await this.collection.find({ selector: { state: 'refused', db } }).exec();
      if (refused.length === 0) return;
      const current = new Map(refused.map((doc) => [doc.docId, doc.toJSON() as SyncMeta]));
      const at = this.now().toISOString();
      const writes = pulled.flatMap(({ docId, rev }) => {
        const meta = current.get(docId);
        if (!meta) return [];
        return [{ ...meta, state: 'synced' as const, rev, at, reason: `Substituída pela versão do servidor. Recusa anterior: ${meta.reason ?? ''}`.trim() }];
      });
      if (writes.length > 0) await this.collection.bulkUpsert(writes);
    });
  }

  counts$(): Observable<{ pending: number; refused: number }> {
    return combineLatest([
      this.collection.count({ selector: { state: 'pending' } }).$,
      this.collection.count({ selector: { state: 'refused' } }).$,
    ]).pipe(map(([pending, refused]) => ({ pending, refused })));
  }
}
