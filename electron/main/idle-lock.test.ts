import { describe, expect, it } from 'vitest';
import { createIdleLock } from './idle-lock';

function setup(idleLimitSeconds = 600) {
  const clock = { nowMs: 0, systemIdleSeconds: 0 };
  const locks: string[] = [];
  const lock = createIdleLock({
    idleLimitSeconds,
    getSystemIdleSeconds: () => clock.systemIdleSeconds,
    nowMs: () => clock.nowMs,
    onLock: (reason) => locks.push(reason),
  });
  return { clock, locks, lock };
}

describe('createIdleLock', () => {
  it('locks once when both the system and the renderer have been idle for the limit', () => {
    const { clock, locks, lock } = setup();
    clock.nowMs = 599_000;
    clock.systemIdleSeconds = 599;
    lock.check();
    expect(locks).toEqual([]);
    clock.nowMs = 600_000;
    clock.systemIdleSeconds = 600;
    lock.check();
    lock.check();
    expect(locks).toEqual(['idle']);
    expect(lock.isLocked()).toBe(true);
  });

  it('does not lock while the user types elsewhere on the workstation', () => {
    const { clock, locks, lock } = setup();
    clock.nowMs = 3_600_000;
    clock.systemIdleSeconds = 2;
    lock.check();
    expect(locks).toEqual([]);
  });

  it('does not lock while the renderer reports activity the system clock missed', () => {
    const { clock, locks, lock } = setup();
    clock.systemIdleSeconds = 900;
    clock.nowMs = 500_000;
    lock.recordActivity();
    clock.nowMs = 900_000;
    lock.check();
    expect(locks).toEqual([]);
    clock.nowMs = 1_100_000;
    lock.check();
    expect(locks).toEqual(['idle']);
  });

  it('locks at once on request and re-arms after the next activity', () => {
    const { clock, locks, lock } = setup();
    lock.lockNow('system-lock');
    lock.lockNow('suspend');
    expect(locks).toEqual(['system-lock']);
    clock.nowMs = 10_000;
    lock.recordActivity();
    expect(lock.isLocked()).toBe(false);
    lock.lockNow('menu');
    expect(locks).toEqual(['system-lock', 'menu']);
  });
});
