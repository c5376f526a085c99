import { DecisionSchema } from '../../shared/schemas';
import { decisionEmailsCitizen } from '../../shared/rules/citizen-email';
import { MissingDatabaseError } from '../storage/errors';
import type { Storage } from '../storage/storage';
import type { OutboxEntry } from './outbox-store';
import type { OutboxStorePort } from './outbox-store-port';

export const DECISIONS_DB = 'decisions';
const PAGE = 500;

/**
 * Follows the `decisions` changes feed from the outbox's stored cursor and enqueues one message per
 * decision that e-mails the citizen. Enqueueing is idempotent by decision id and moves the cursor in the
 * same transaction: a restart resumes where the last committed page ended, neither losing nor doubling one.
 */
export class OutboxFeed {
  private running: Promise<void> | null = null;
  private again = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly store: OutboxStorePort,
    private readonly onEnqueued: () => void,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Catches up with decisions written while the server was down, then follows new ones. */
  async start(): Promise<void> {
    this.unsubscribe = this.storage.subscribe(DECISIONS_DB, () => void this.poke().catch(this.onError));
    await this.poke();
  }

  /** Reads the feed until its end; calls during a read make it read once more after. */
  poke(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        while (await this.readPage());
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.running;
  }

  /** True when a full page was read (there may be more). */
  private async readPage(): Promise<boolean> {
    const since = Number((await this.store.cursor(DECISIONS_DB)) ?? 0);
    let page;
    try {
      page = await this.storage.changes(DECISIONS_DB, { since, limit: PAGE, descending: false, scope: 'all', docIds: null, includeDocs: true });
    } catch (error) {
      if (error instanceof MissingDatabaseError) return false;
      throw error;
    }
    const entries: OutboxEntry[] = [];
    for (const row of page.rows) {
      if (!row.doc || row.doc.deleted) continue;
      const decision = DecisionSchema.safeParse(row.doc.body);
      if (!decision.success || !decisionEmailsCitizen(decision.data.outcome)) continue;
      const { requestId, unitId, outcome } = decision.data;
      entries.push({ decisionId: row.doc.id, requestId, unitId, outcome });
    }
    if (page.lastSeq === since && entries.length === 0) return false;
    if ((await this.store.enqueue(DECISIONS_DB, String(page.lastSeq), entries, this.now())) > 0) this.onEnqueued();
    return page.rows.length === PAGE;
  }
}
