/** Exponential backoff with jitter, so hundreds of consoles coming back online do not retry in step. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };

/** Delay before retry number `attempt` (0 = first retry): between half and all of min(max, base·2^attempt). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Counts consecutive failures of one channel; a success starts over. */
export class Backoff {
  private failures = 0;
  constructor(private readonly policy: BackoffPolicy = DEFAULT_BACKOFF, private readonly random: () => number = Math.random) {}

  /** Records a failure and returns how long to wait before the next try. */
  fail(): number {
    return backoffDelay(this.failures++, this.policy, this.random);
  }

  succeed(): void {
    this.failures = 0;
  }
}
