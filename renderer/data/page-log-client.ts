import { PageLogReplySchema, type PageLogEntry, type PageLogRequest } from '../../shared/schemas';
import type { PageLogPort } from './page-log';

type Pending = { entries: (entries: PageLogEntry[]) => void; done: () => void; failed: (error: Error) => void };
type Request = PageLogRequest extends infer R ? (R extends PageLogRequest ? Omit<R, 'id'> : never) : never;

/**
 * The page log run in a worker: sealing, opening and IndexedDB's copying of hundreds of megabytes at a first
 * download stay off the window's thread, which only turns documents into JSON text and back.
 */
export async function openPageLogInWorker(name: string, key: CryptoKey): Promise<PageLogPort> {
  const worker = new Worker(new URL('./page-log.worker.ts', import.meta.url), { type: 'module', name: 'plantao-page-log' });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let broken: Error | null = null;
  worker.onmessage = (event: MessageEvent<unknown>) => {
    const reply = PageLogReplySchema.parse(event.data);
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    if (reply.kind === 'entries') return waiting.entries(reply.entries);
    pending.delete(reply.id);
    if (reply.kind === 'done') waiting.done();
    else waiting.failed(new Error(`page log: ${reply.message}`));
  };
  worker.onerror = (event) => {
    broken = new Error(`page log worker failed: ${event.message}`);
    for (const waiting of pending.values()) waiting.failed(broken);
    pending.clear();
  };

  const send = (request: Request, onEntries: (entries: PageLogEntry[]) => void = () => undefined): Promise<void> =>
    new Promise((resolve, reject) => {
      if (broken) return reject(broken);
      const id = nextId++;
      pending.set(id, { entries: onEntries, done: resolve, failed: reject });
      worker.postMessage({ ...request, id });
    });

  await send({ op: 'open', name, key });
  return {
    async *read(collection) {
      const arrived: PageLogEntry[] = [];
      let wake: (() => void) | null = null;
      let finished = false;
      let failure: Error | null = null;
      const reading = send({ op: 'read', collection }, (entries) => {
        arrived.push(...entries);
        wake?.();
      }).then(
        () => void (finished = true),
        (error: Error) => void (failure = error),
      );
      for (;;) {
        while (arrived.length > 0) yield arrived.shift()!;
        if (failure) throw failure;
        if (finished) return;
        await Promise.race([reading, new Promise<void>((resolve) => (wake = resolve))]);
        wake = null;
      }
    },
    append: (collection, seq, json) => send({ op: 'append', collection, seq, json }),
    replace: (collection, seq, pages) => send({ op: 'replace', collection, seq, pages }),
    clear: (collection) => send({ op: 'clear', collection }),
    close: () => {
      void send({ op: 'close' }).finally(() => worker.terminate());
    },
  };
}
