import { AccessLogEntrySchema, type AccessAction, type AccessLogEntry, type Role } from '../../../../shared/schemas';
import type { ConsoleSession } from '../../../auth/login';
import { workstationId } from './workstation';

/** Every view or look-up of personal data leaves an append-only entry (who, when, what). */
export async function logAccess(session: ConsoleSession, action: AccessAction, recordId: string, fields: string[], role: Role): Promise<void> {
  const { profile, database } = session;
  const entry: AccessLogEntry = AccessLogEntrySchema.parse({
    type: 'access_entry',
    schemaVersion: 1,
    entryId: crypto.randomUUID(),
    userId: profile.userId,
    userName: profile.displayName,
    role,
    scopeId: profile.unitId ?? profile.postId,
    workstationId: workstationId(),
    at: new Date().toISOString(),
    action,
    record: { kind: 'request', id: recordId },
    fields,
  });
  await database.access_log.insert({ ...entry, id: entry.entryId });
}
