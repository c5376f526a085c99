import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from './backoff';

const policy = { baseMs: 1_000, maxMs: 30_000 };

describe('backoffDelay', () => {
  it('doubles per attempt within [ceiling/2, ceiling]', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(500);
    expect(backoffDelay(0, policy, () => 1)).toBe(1_000);
    expect(backoffDelay(3, policy, () => 1)).toBe(8_000);
    expect(backoffDelay(3, policy, () => 0)).toBe(4_000);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelay(50, policy, () => 1)).toBe(30_000);
  });
});

describe('Backoff', () => {
  it('grows with consecutive failures and starts over after a success', () => {
    const backoff = new Backoff(policy, () => 1);
    expect([backoff.fail(), backoff.fail(), backoff.fail()]).toEqual([1_000, 2_000, 4_000]);
    backoff.succeed();
    expect(backoff.fail()).toBe(1_000);
  });
});
