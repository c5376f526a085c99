import { PageLogRequestSchema, type PageLogEntry, type PageLogReply } from '../../shared/schemas';
import { PageLog } from './page-log';

/** The worker's own scope (the renderer's type library describes a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: PageLogReply): void;
}
const scope = self as unknown as WorkerScope;

/** Entries handed back per message while a collection loads. */
const ENTRIES_PER_MESSAGE = 8;

let log: PageLog | null = null;
/** Requests run one after another, in the order the window sent them (appends must commit in sequence order). */
let queue: Promise<void> = Promise.resolve();

const opened = (): PageLog => {
  if (!log) throw new Error('page log not open');
  return log;
};

async function handle(message: unknown): Promise<void> {
  const parsed = PageLogRequestSchema.safeParse(message);
  if (!parsed.success) {
    // A malformed request is a bug in the window's client: say so there rather than answer nothing.
    const id = (message as { id?: unknown } | null)?.id;
    if (typeof id === 'number') scope.postMessage({ id, kind: 'failed', message: parsed.error.message });
    return;
  }
  const request = parsed.data;
  const { id } = request;
  try {
    switch (request.op) {
      case 'open':
        if (!(request.key instanceof CryptoKey)) throw new Error('page log key is not a CryptoKey');
        log = await PageLog.open(request.name, request.key);
        break;
      case 'read': {
        const entries: PageLogEntry[] = [];
        for await (const entry of opened().read(request.collection)) {
          entries.push(entry);
          if (entries.length === ENTRIES_PER_MESSAGE) scope.postMessage({ id, kind: 'entries', entries: entries.splice(0) });
        }
        if (entries.length > 0) scope.postMessage({ id, kind: 'entries', entries });
        break;
      }
      case 'append':
        await opened().append(request.collection, request.seq, request.json);
        break;
      case 'replace':
        await opened().replace(request.collection, request.seq, request.pages);
        break;
      case 'clear':
        await opened().clear(request.collection);
        break;
      case 'close':
        log?.close();
        log = null;
        break;
    }
    scope.postMessage({ id, kind: 'done' });
  } catch (error) {
    scope.postMessage({ id, kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

scope.onmessage = (event) => {
  queue = queue.then(() => handle(event.data));
};
