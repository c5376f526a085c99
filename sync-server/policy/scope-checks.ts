import { ClaimSchema, OccurrenceRequestSchema } from '../../shared/schemas';
import type { Principal } from '../auth/principal';
import type { ScopeLookup, WriteCheck } from './access-policy';
import { REASONS } from './reasons';
import { ALLOWED, hasRole, refuse } from './write-context';

/** Server admins act in every unit and post; everyone else only in their own. */
export const inUnit = (principal: Principal, unitId: string): boolean => principal.serverAdmin || principal.unitId === unitId;
export const inPost = (principal: Principal, postId: string): boolean => principal.serverAdmin || principal.postId === postId;
export const supervises = (principal: Principal): boolean => principal.serverAdmin || hasRole(principal, 'supervisor');

/**
 * The request a claim or decision is about must exist in that unit, and a secret one is only for the
 * unit's supervisors and the officer holding its claim. Missing and secret answer alike, so a refusal
 * does not reveal that a secret request exists.
 */
export async function requestInScope(principal: Principal, requestId: string, unitId: string, storage: ScopeLookup): Promise<WriteCheck> {
  const request = OccurrenceRequestSchema.safeParse(await storage.getBody('requests', requestId));
  if (!request.success || request.data.unitId !== unitId) return refuse(REASONS.requestNotFound);
  if (!request.data.secret || supervises(principal)) return ALLOWED;
  const claim = ClaimSchema.safeParse(await storage.getBody('claims', requestId));
  return claim.success && claim.data.officerId === principal.name ? ALLOWED : refuse(REASONS.requestNotFound);
}
