/** A `_changes` reply prepared ahead of its request, with what the handler needs to continue from it. */
export interface PreparedPage {
  bytes: Buffer;
  lastSeq: number;
  full: boolean;
}

const MAX_PAGES = 16;
const MAX_AGE_MS = 30_000;

/**
 * Replies to the page a replicator will ask for next, prepared while it is still reading the last one.
 * A key names everything the reply depends on: the database (by name and creation time), its update
 * sequence when the page was read, the reader's scope and every query option. A page is read after its
 * key is made, so it never shows less than its key's sequence; a later write moves the sequence on and no
 * request makes that key again. Entries are taken once and expire, so the memory held stays small.
 */
export class ChangesReadAhead {
  private readonly pages = new Map<string, { page: Promise<PreparedPage | null>; at: number }>();

  /** The prepared reply for this key, once. */
  take(key: string): Promise<PreparedPage | null> | null {
    const entry = this.pages.get(key);
    if (!entry) return null;
    this.pages.delete(key);
    return Date.now() - entry.at <= MAX_AGE_MS ? entry.page : null;
  }

  /** Starts preparing a reply for this key (after the current reply is on its way). */
  prepare(key: string, read: () => Promise<PreparedPage>): void {
    if (this.pages.has(key)) return;
    while (this.pages.size >= MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
    const page = new Promise<PreparedPage | null>((resolve) => setImmediate(() => read().then(resolve, () => resolve(null))));
    this.pages.set(key, { page, at: Date.now() });
  }
}
