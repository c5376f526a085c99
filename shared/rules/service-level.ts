import { toMillis, type Instant } from './time';

export interface HoldInterval {
  from: Instant;
  /** Absent while the request is still on hold. */
  to?: Instant | undefined;
}

export interface ServiceLevelInput {
  submittedAt: Instant;
  now: Instant;
  targetMinutes: number;
  holds: readonly HoldInterval[];
}

export type ServiceLevelStatus = 'ok' | 'warning' | 'breached';

export interface ServiceLevel {
  /** Time counted against the target: since submission, minus time on hold. */
  elapsedMs: number;
  /** Negative once breached: how far past the target. */
  remainingMs: number;
  /** elapsed / target. */
  ratio: number;
  status: ServiceLevelStatus;
  /** On hold at `now`: the clock is stopped. */
  paused: boolean;
}

/** Warn from three quarters of the target on (DOMAIN.md: warn before a breach). */
export const SERVICE_LEVEL_WARNING_RATIO = 0.75;

/** The union length of intervals clipped to [start, end], so overlapping holds count once. */
function coveredMs(intervals: readonly [number, number][], start: number, end: number): number {
  const clipped = intervals
    .map(([from, to]): [number, number] => [Math.max(from, start), Math.min(to, end)])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cursor = start;
  for (const [from, to] of clipped) {
    const effectiveFrom = Math.max(from, cursor);
    if (to > effectiveFrom) total += to - effectiveFrom;
    cursor = Math.max(cursor, to);
  }
  return total;
}

/** The decision clock of a request (seed 001: 45–60 minutes), paused while the team waits on the citizen. */
export function serviceLevel({ submittedAt, now, targetMinutes, holds }: ServiceLevelInput): ServiceLevel {
  const start = toMillis(submittedAt);
  const end = Math.max(start, toMillis(now));
  const intervals = holds.map((hold): [number, number] => [toMillis(hold.from), hold.to === undefined ? Infinity : toMillis(hold.to)]);
  const elapsedMs = end - start - coveredMs(intervals, start, end);
  const targetMs = targetMinutes * 60_000;
  const ratio = targetMs > 0 ? elapsedMs / targetMs : Infinity;
  const status: ServiceLevelStatus = ratio >= 1 ? 'breached' : ratio >= SERVICE_LEVEL_WARNING_RATIO ? 'warning' : 'ok';
  const nowMs = toMillis(now);
  const paused = intervals.some(([from, to]) => from <= nowMs && nowMs < to);
  return { elapsedMs, remainingMs: targetMs - elapsedMs, ratio, status, paused };
}
