import type { ConsoleSession } from '../../../auth/login';
import { supervisorSource } from './supervisor-source';

/** Long enough for the landing workspace to draw first; short next to a supervisor's way to "Supervisão". */
const WARM_UP_DELAY_MS = 2_000;

/**
 * A supervisor's console reads the unit's supervision data (and the post's card board) in the background once
 * the workspaces open, so the dashboards do not wait for the store read of a hundred thousand requests at
 * the first visit of the session. Returns the cancel of a warm-up not yet started.
 */
export function warmSupervisorData(session: ConsoleSession): () => void {
  if (!session.profile.roles.includes('supervisor')) return () => undefined;
  const timer = setTimeout(() => supervisorSource(session.database, session.profile.unitId, session.profile.postId), WARM_UP_DELAY_MS);
  return () => clearTimeout(timer);
}
