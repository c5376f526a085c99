import type { DocumentType, Role } from '../../shared/schemas';
import type { Principal } from '../auth/principal';

/**
 * Which roles may write each document type at all (scope and state rules come after). Server admins pass
 * this table; REDS leases are then refused to them too by their rule: only the server reserves blocks.
 */
const WRITERS: Record<DocumentType, readonly Role[]> = {
  request: ['intake'],
  claim: ['triage_officer', 'supervisor'],
  decision: ['triage_officer', 'supervisor'],
  note: ['triage_officer', 'identification_clerk', 'service_desk', 'supervisor'],
  reds_entry: ['triage_officer', 'supervisor'],
  reds_lease: [],
  card_process: ['identification_clerk', 'supervisor'],
  card_event: ['identification_clerk', 'supervisor'],
  access_entry: ['triage_officer', 'identification_clerk', 'service_desk', 'supervisor', 'admin'],
  nature: ['admin'],
  unit: ['admin'],
  post: ['admin'],
  user: ['admin'],
  reason_template: ['admin', 'supervisor'],
  notice: ['admin'],
};

export function mayWriteType(principal: Principal, type: DocumentType): boolean {
  return principal.serverAdmin || principal.roles.some((role) => WRITERS[type].includes(role));
}
