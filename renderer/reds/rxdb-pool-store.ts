import type { RxCollection, RxDatabase } from 'rxdb';
import { RedsPoolStateSchema, type RedsPoolState } from '../../shared/reds';
import { PoolStoreConflictError, type PoolStore } from './ports';

/** Local documents never replicate: the pool stays on this console. Needs the local-documents plugin. */
type LocalDocumentHost = Pick<RxDatabase | RxCollection, 'getLocal' | 'insertLocal'>;

export const redsPoolDocumentId = (workstationId: string, userId: string): string => `reds-pool:${workstationId}:${userId}`;

export function rxdbPoolStore(host: LocalDocumentHost, documentId: string): PoolStore {
  return {
    async load() {
      const doc = await host.getLocal<RedsPoolState>(documentId);
      return doc ? RedsPoolStateSchema.parse(doc.toJSON().data) : null;
    },
    async save(state) {
      const expected = state.revision - 1;
      const doc = await host.getLocal<RedsPoolState>(documentId);
      if (!doc) {
        if (expected !== 0) throw new PoolStoreConflictError(expected, 0);
        await host.insertLocal(documentId, state); // rejects when another writer inserted first
        return;
      }
      await doc.incrementalModify((current) => {
        if (current.revision !== expected) throw new PoolStoreConflictError(expected, current.revision);
        return state;
      });
    },
  };
}
