import { PageLog, type PageLogPort } from './page-log';
import { openPageLogInWorker } from './page-log-client';

export const STORE_OPEN_ELSEWHERE = 'este usuário já está com o console aberto em outra janela deste computador. Feche-a e entre de novo.';

/**
 * One window per store: two would both append to one page log, under the same sequence numbers. Held with
 * the Web Locks API until the log closes; unit tests under Node have no `navigator.locks` and one window.
 */
function lockStore(name: string): Promise<() => void> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!locks) return Promise.resolve(() => undefined);
  return new Promise((resolve, reject) => {
    locks
      .request(`plantao-pages:${name}`, { ifAvailable: true }, (lock) => {
        if (!lock) return reject(new Error(STORE_OPEN_ELSEWHERE));
        return new Promise<void>((release) => resolve(release));
      })
      .catch(reject);
  });
}

/** The log in a worker, off the window's thread; on this thread where no worker can start (slower, still correct). */
async function openUnlocked(name: string, key: CryptoKey): Promise<PageLogPort> {
  if (typeof Worker === 'undefined') return PageLog.open(name, key);
  try {
    return await openPageLogInWorker(name, key);
  } catch (error) {
    console.warn('page log worker unavailable; the log runs on the window thread', error);
    return PageLog.open(name, key);
  }
}

/** A store's page log (renderer/data/page-log.ts), for this window alone. */
export async function openPageLog(name: string, key: CryptoKey): Promise<PageLogPort> {
  const release = await lockStore(name);
  let log: PageLogPort;
  try {
    log = await openUnlocked(name, key);
  } catch (error) {
    release();
    throw error;
  }
  return {
    read: (collection) => log.read(collection),
    append: (collection, seq, json) => log.append(collection, seq, json),
    replace: (collection, seq, pages) => log.replace(collection, seq, pages),
    clear: (collection) => log.clear(collection),
    close: () => {
      log.close();
      release();
    },
  };
}
