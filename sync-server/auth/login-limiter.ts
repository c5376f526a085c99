/**
 * Failed logins per name+IP in a sliding window, in memory: enough for one server process, and a
 * restart only forgives an attacker a few guesses against a memory-hard hash.
 */
export interface LoginLimiter {
  /** Seconds to wait when the key is blocked, else 0. */
  retryAfter(key: string, nowMs: number): number;
  recordFailure(key: string, nowMs: number): void;
  reset(key: string): void;
}

export interface LoginLimitConfig {
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimitConfig = { maxFailures: 5, windowMs: 15 * 60_000 };

/** Keys kept at most; the oldest are forgotten first, so a flood of names cannot exhaust memory. */
const MAX_KEYS = 10_000;

export function createLoginLimiter(config: LoginLimitConfig = DEFAULT_LOGIN_LIMIT): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, nowMs: number): number[] => {
    const times = (failures.get(key) ?? []).filter((at) => nowMs - at < config.windowMs);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  };
  return {
    retryAfter(key, nowMs) {
      const times = recent(key, nowMs);
      if (times.length < config.maxFailures) return 0;
      const oldest = times[times.length - config.maxFailures] ?? nowMs;
      return Math.max(1, Math.ceil((oldest + config.windowMs - nowMs) / 1000));
    },
    recordFailure(key, nowMs) {
      const times = recent(key, nowMs);
      failures.delete(key); // re-insert: Map order is the eviction order
      failures.set(key, [...times, nowMs]);
      if (failures.size > MAX_KEYS) {
        const oldestKey = failures.keys().next().value;
        if (oldestKey !== undefined) failures.delete(oldestKey);
      }
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
