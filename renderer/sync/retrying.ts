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
      await Promise.race([new Promise((resolve) => setTimeout(resolve, delay)), context.serverBack()]);
    }
  }
}
