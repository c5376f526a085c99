import { EventEmitter } from 'node:events';
import type { ChangeListener } from './storage';

/**
 * Wakes live change feeds when a database is written. In-process only; a storage shared by several
 * processes (PostgreSQL) feeds it from its own notifications.
 */
export class ChangeBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open longpoll/continuous feed: thousands are expected.
    this.emitter.setMaxListeners(0);
  }

  notify(db: string, seq: number, tags: readonly string[]): void {
    this.emitter.emit(db, seq, tags);
  }

  subscribe(db: string, listener: ChangeListener): () => void {
    this.emitter.on(db, listener);
    return () => this.emitter.off(db, listener);
  }
}
