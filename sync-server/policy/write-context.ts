import type { DocumentOfType, DocumentType, Role } from '../../shared/schemas';
import type { Principal } from '../auth/principal';
import type { ScopeLookup, WriteCheck } from './access-policy';

/** What a per-type write rule sees: the validated new body and the validated current one. */
export interface WriteContext<T extends DocumentType> {
  principal: Principal;
  doc: DocumentOfType<T>;
  /** Null when the document is new (or was deleted). */
  current: DocumentOfType<T> | null;
  storage: ScopeLookup;
  now: Date;
}

export type WriteRule<T extends DocumentType> = (context: WriteContext<T>) => WriteCheck | Promise<WriteCheck>;

export const ALLOWED: WriteCheck = { ok: true };
export const refuse = (reason: string): WriteCheck => ({ ok: false, error: { error: 'forbidden', reason } });

export const hasRole = (principal: Principal, ...roles: Role[]): boolean => principal.roles.some((role) => roles.includes(role));

/** Runs checks in order and stops at the first refusal. */
export async function firstRefusal(...checks: (() => WriteCheck | Promise<WriteCheck>)[]): Promise<WriteCheck> {
  for (const check of checks) {
    const result = await check();
    if (!result.ok) return result;
  }
  return ALLOWED;
}

export const when = (refused: boolean, reason: string): WriteCheck => (refused ? refuse(reason) : ALLOWED);
