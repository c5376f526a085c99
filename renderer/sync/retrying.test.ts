import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';
import { ReplicationStoppedError, retrying } from './retrying';
import { ServerRequestError } from './server-client';

describe('retrying', () => {
  it('stops waiting out its backoff as soon as the replication stops', async () => {
    let stop: () => void = () => undefined;
    const stoppedSignal = new Promise<void>((resolve) => (stop = resolve));
    let stopped = false;
    const context = {
      // A minute before the first retry, as after a long time offline.
      backoff: new Backoff({ baseMs: 60_000, maxMs: 60_000 }, () => 1),
      serverBack: () => new Promise<void>(() => undefined),
      isStopped: () => stopped,
      stopped: () => stoppedSignal,
    };
    let attempts = 0;
    const started = Date.now();
    const result = retrying(async () => {
      attempts += 1;
      throw new ServerRequestError('network', 'servidor fora do ar');
    }, context);
    setTimeout(() => {
      stopped = true;
      stop();
    }, 50);
    await expect(result).rejects.toBeInstanceOf(ReplicationStoppedError);
    expect(attempts).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('retries a network failure and returns the answer', async () => {
    const context = { backoff: new Backoff({ baseMs: 1, maxMs: 1 }), serverBack: () => new Promise<void>(() => undefined), isStopped: () => false, stopped: () => new Promise(() => undefined) };
    let attempts = 0;
    const value = await retrying(async () => {
      attempts += 1;
      if (attempts < 3) throw new ServerRequestError('network', 'falhou');
      return 'ok';
    }, context);
    expect({ value, attempts }).toEqual({ value: 'ok', attempts: 3 });
  });
});
