import {
  SessionCreatedSchema,
  SessionInfoSchema,
  UserProfileSchema,
  type SessionInfo,
} from '../../shared/schemas';
import { z } from 'zod';
import type { ServerClient } from '../sync/server-client';
import type { SessionProfile } from './store-registry';

export function createSession(client: ServerClient, name: string, password: string) {
  return client.request('_session', SessionCreatedSchema, { method: 'POST', json: { name, password } });
}

/** Signing out waits this long for the server at most: the desk is signed out locally either way. */
const END_SESSION_TIMEOUT_MS = 5_000;

export function endSession(client: ServerClient, timeoutMs = END_SESSION_TIMEOUT_MS) {
  return client.request('_session', z.looseObject({ ok: z.boolean() }), { method: 'DELETE', signal: AbortSignal.timeout(timeoutMs) });
}

export function sessionInfo(client: ServerClient): Promise<SessionInfo> {
  return client.request('_session', SessionInfoSchema);
}

/** Roles and unit/post from `_session`, completed by the user's profile document in `reference` when readable. */
export async function fetchProfile(client: ServerClient, name: string): Promise<SessionProfile> {
  const { userCtx } = await sessionInfo(client);
  const fallback: SessionProfile = {
    userId: name,
    displayName: userCtx.displayName ?? name,
    roles: userCtx.roles,
    ...(userCtx.unitId ? { unitId: userCtx.unitId } : {}),
    ...(userCtx.postId ? { postId: userCtx.postId } : {}),
  };
  try {
    const profile = await client.request(`reference/${encodeURIComponent(`user:${name}`)}`, UserProfileSchema);
    return {
      userId: profile.userId,
      displayName: profile.displayName,
      roles: profile.roles,
      ...(profile.unitId ? { unitId: profile.unitId } : {}),
      ...(profile.postId ? { postId: profile.postId } : {}),
    };
  } catch {
    return fallback;
  }
}
