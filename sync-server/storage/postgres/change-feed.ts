import pg from 'pg';
import type { ChangeBus } from '../change-bus';

export const CHANGES_CHANNEL = 'plantao_changes';
/** NOTIFY payloads must stay under 8000 bytes; beyond this the listeners read the tags themselves. */
const MAX_PAYLOAD = 7000;

/** What a committed write announces to the other processes. */
interface ChangeNotice {
  /** The process that wrote: it has already woken its own feeds. */
  o: string;
  d: string;
  /** The update sequence before the write and after it. */
  f: number;
  s: number;
  /** Scope tags written; null when too many for one payload. */
  t: readonly string[] | null;
}

export function changePayload(origin: string, db: string, from: number, seq: number, tags: readonly string[]): string {
  const payload = JSON.stringify({ o: origin, d: db, f: from, s: seq, t: tags } satisfies ChangeNotice);
  return payload.length <= MAX_PAYLOAD ? payload : JSON.stringify({ o: origin, d: db, f: from, s: seq, t: null } satisfies ChangeNotice);
}

const RETRY_MS = 1000;

/**
 * One LISTEN connection per process: writes committed by other processes wake this process's live feeds.
 * PostgreSQL delivers notifications at commit, so a woken feed always finds the write. After a lost
 * connection it listens again and wakes the feeds of every database that moved meanwhile.
 */
export class PgChangeFeed {
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly connectionString: string,
    private readonly origin: string,
    private readonly bus: ChangeBus,
    private readonly pool: pg.Pool,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  /** Records a sequence this process wrote, so a reconnection does not wake feeds for it. */
  wrote(db: string, seq: number): void {
    if (seq > (this.seen.get(db) ?? 0)) this.seen.set(db, seq);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      if (message.payload) void this.deliver(JSON.parse(message.payload) as ChangeNotice).catch(() => undefined);
    });
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    this.client = client;
  }

  private reconnect(client: pg.Client): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    this.retry = setTimeout(() => {
      this.connect()
        .then(() => this.catchUp())
        .catch(() => this.closed || this.reconnect(this.client ?? client));
    }, RETRY_MS);
  }

  /** After a gap in listening: every database that moved wakes its feeds with the tags written since. */
  private async catchUp(): Promise<void> {
    const { rows } = await this.pool.query<{ name: string; update_seq: number }>('SELECT name, update_seq FROM databases');
    for (const row of rows) {
      const known = this.seen.get(row.name);
      if (known !== undefined && row.update_seq > known) await this.deliver({ o: '', d: row.name, f: known, s: row.update_seq, t: null });
    }
  }

  private async deliver(notice: ChangeNotice): Promise<void> {
    if (notice.s > (this.seen.get(notice.d) ?? 0)) this.seen.set(notice.d, notice.s);
    if (notice.o === this.origin) return;
    const tags =
      notice.t ??
      (
        await this.pool.query<{ tag: string }>(
          'SELECT DISTINCT t.tag FROM doc_tags t JOIN databases d ON d.id = t.db_id WHERE d.name = $1 AND t.seq > $2 AND t.seq <= $3',
          [notice.d, notice.f, notice.s],
        )
      ).rows.map((row) => row.tag);
    this.bus.notify(notice.d, notice.s, tags);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
