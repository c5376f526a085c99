import { afterAll, describe, expect, it } from 'vitest';
import type { AccessPolicy, WriteCheck } from '../../sync-server/policy/access-policy';
import { SqliteStorage } from '../../sync-server/storage/sqlite/sqlite-storage';
import { type PolicyApp, startPolicyApp } from './support/policy-app';

/** Holds every write at the policy check until released, so the test knows a write is in flight. */
function holdingPolicy(): { policy: AccessPolicy; held: Promise<void>; release: () => void } {
  let markHeld = (): void => undefined;
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (markHeld = resolve));
  const released = new Promise<WriteCheck>((resolve) => (release = () => resolve({ ok: true })));
  return {
    held,
    release,
    policy: {
      scopeOf: () => [],
      readableScopes: async () => 'all',
      checkWrite: async () => {
        markHeld();
        return released;
      },
      canAccessDatabase: () => true,
    },
  };
}

let server: PolicyApp | undefined;
afterAll(() => server?.dispose());

describe('graceful shutdown', () => {
  it('finishes an in-flight write before closing, and ends live feeds', async () => {
    const { policy, held, release } = holdingPolicy();
    server = await startPolicyApp(policy, [{ name: 'admin', roles: ['admin'] }]);
    const admin = server.as('admin');
    expect((await admin('/shutdown', { method: 'PUT' })).status).toBe(201);
    const feed = admin('/shutdown/_changes?feed=longpoll&heartbeat=1000&since=now');
    const write = admin('/shutdown/_bulk_docs', { method: 'POST', json: { docs: [{ _id: 'in-flight', v: 1 }] } });
    await held;
    const closing = server.close();
    release();
    const response = await write;
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject([{ ok: true, id: 'in-flight' }]);
    expect((await feed).status).toBe(200);
    await closing;

    const reopened = SqliteStorage.open(server.dataDir);
    try {
      expect(await reopened.getBody('shutdown', 'in-flight')).toEqual({ v: 1 });
    } finally {
      await reopened.close();
    }
  });
});
