import { useMemo, useSyncExternalStore } from 'react';
import type { PlantaoDatabase } from '../../../data/open-store';
import { supervisorSource, type SupervisorData } from './supervisor-source';

export type { SupervisorData } from './supervisor-source';

/** The session's supervisor data of this unit and post (see supervisorSource): read once, then kept current. */
export function useSupervisorData(database: PlantaoDatabase, unitId: string | undefined, postId: string | undefined): SupervisorData {
  const source = useMemo(() => {
    // User Timing mark: bench:dashboards times the phases of an open from here.
    performance.mark('supervisor:open');
    return supervisorSource(database, unitId, postId);
  }, [database, unitId, postId]);
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}
