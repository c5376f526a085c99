import { RedsPoolStateSchema, type RedsPoolState } from '../../shared/reds';
import { PoolStoreConflictError, type PoolStore } from './ports';

/** A pool store in memory, for tests and the simulation: kept as JSON so no caller shares its objects. */
export class MemoryPoolStore implements PoolStore {
  private json: string | null = null;

  async load(): Promise<RedsPoolState | null> {
    return this.json === null ? null : RedsPoolStateSchema.parse(JSON.parse(this.json));
  }

  async save(state: RedsPoolState): Promise<void> {
    const stored = this.json === null ? 0 : (JSON.parse(this.json) as RedsPoolState).revision;
    if (stored !== state.revision - 1) throw new PoolStoreConflictError(state.revision - 1, stored);
    this.json = JSON.stringify(state);
  }
}
