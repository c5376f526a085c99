import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerClient } from '../../renderer/sync/server-client';
import { endSession } from '../../renderer/auth/session-api';

describe('endSession', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // Accepts the request and never answers, like a server stuck behind a dead proxy.
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('gives up on a server that does not answer, so signing out does not hang', async () => {
    const started = performance.now();
    await expect(endSession(new ServerClient(url), 200)).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
