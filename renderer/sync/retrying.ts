import { Backoff } from './backoff';
import { ServerRequestError } from './server-client';

export class ReplicationStoppedError extends Error {
  constructor() {
    super('replication stopped');
    this.name = 'ReplicationStoppedError';
  }
}

export interface RetryContext {
  backoff: Backoff;
  /** Resolves on the next request that reached the server: retrying sooner than the backoff says is then worth it. */
  serverBack: () => Promise<void>;
  isStopped: () => boolean;
  /** Resolves when the replication stops: a sign-out must not wait out a backoff of up to a minute. */
  stopped: () => Promise<unknown>;
}

/**
 * Runs `attempt` until it gets an answer. Transient failures (network, 5xx, 429, expired session) wait with
 * backoff — or until the server is seen again — instead of handing the error to RxDB's fixed retry timer.
 */
export async function retrying<T>(attempt: () => Promise<T>, context: RetryContext): Promise<T> {
  for (;;) {
    if (context.isStopped()) throw new ReplicationStoppedError();
    try {
      const value = await attempt();
      context.backoff.succeed();
      return value;
    } catch (error) {
      if (!(error instanceof ServerRequestError) || error.kind === 'refused') throw error;
      const delay = context.backoff.fail();
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, delay))), context.serverBack(), context.stopped()]);
      clearTimeout(timer);
    }
  }
}
