import { AccessLogEntrySchema, type AccessLogEntry, type Role } from '../../schemas';
import { maskCpf } from '../masking';
import { toMillis, type Instant } from '../time';
import type { CardLookupQuery } from './search';

export interface LookupActor {
  userId: string;
  userName: string;
  role: Role;
  scopeId: string;
  workstationId: string;
}

/** What the service desk is shown of a card found by a look-up (the holder's name masked). */
export const CARD_LOOKUP_FIELDS = ['stage', 'since', 'postId', 'holder.fullName:masked'] as const;

/**
 * The access-log entries of one service-desk card look-up: one per card shown, or, when nothing matched, one
 * for the attempt itself (a CPF search tells whether a person has a card process). The log never stores the
 * CPF searched for, only its masked form.
 */
export function cardLookupAccessEntries(query: CardLookupQuery, found: readonly string[], actor: LookupActor, now: Instant, newId: () => string): AccessLogEntry[] {
  const byCpf = !('protocol' in query);
  const asked = byCpf ? ['holder.cpf', 'holder.birthDate'] : ['protocol'];
  const attempt = byCpf ? `cpf:${maskCpf(query.cpf)}` : `protocolo:${query.protocol.trim().toUpperCase().slice(0, 40)}`;
  const records = found.length > 0 ? found.map((protocol) => ({ id: protocol, fields: [...asked, ...CARD_LOOKUP_FIELDS] })) : [{ id: attempt, fields: asked }];
  return records.map((record) =>
    AccessLogEntrySchema.parse({
      type: 'access_entry',
      schemaVersion: 1,
      entryId: newId(),
      userId: actor.userId,
      userName: actor.userName,
      role: actor.role,
      scopeId: actor.scopeId,
      workstationId: actor.workstationId,
      at: new Date(toMillis(now)).toISOString(),
      action: 'lookup',
      record: { kind: 'card', id: record.id },
      fields: record.fields,
    }),
  );
}
