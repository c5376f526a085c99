import type { SessionLocked } from '../../shared/ipc';

type LockReason = SessionLocked['reason'];

export type IdleLockOptions = {
  idleLimitSeconds: number;
  /** `powerMonitor.getSystemIdleTime()`: seconds since the last input anywhere on the workstation. */
  getSystemIdleSeconds: () => number;
  nowMs: () => number;
  onLock: (reason: LockReason) => void;
};

export type IdleLock = {
  /** Called by the poller; locks once when the workstation has been idle for the limit. */
  check(): void;
  /** Input seen by the renderer (`idle:activity`): re-arms the lock. */
  recordActivity(): void;
  /** Locks at once (OS screen lock, suspend, menu), whatever the idle time. */
  lockNow(reason: LockReason): void;
  isLocked(): boolean;
};

/**
 * Idle time is the smaller of the system's idle clock and the time since the renderer last reported input:
 * the renderer's report covers input the OS clock misses (remote-desktop sessions inject input it doesn't count).
 */
export function createIdleLock({ idleLimitSeconds, getSystemIdleSeconds, nowMs, onLock }: IdleLockOptions): IdleLock {
  let lastActivityMs = nowMs();
  let locked = false;

  const lockNow = (reason: LockReason) => {
    if (locked) return;
    locked = true;
    onLock(reason);
  };

  return {
    check() {
      const sinceRendererActivity = (nowMs() - lastActivityMs) / 1000;
      if (Math.min(getSystemIdleSeconds(), sinceRendererActivity) >= idleLimitSeconds) lockNow('idle');
    },
    recordActivity() {
      lastActivityMs = nowMs();
      locked = false;
    },
    lockNow,
    isLocked: () => locked,
  };
}
