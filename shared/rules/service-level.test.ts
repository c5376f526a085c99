import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceLevel, type HoldInterval } from './service-level';

const SUBMITTED = '2025-06-10T10:00:00-03:00';
const at = (minutes: number) => new Date(Date.parse(SUBMITTED) + minutes * 60_000);
const MIN = 60_000;

describe('serviceLevel', () => {
  it('counts from submission and warns from 75 % of the target', () => {
    expect(serviceLevel({ submittedAt: SUBMITTED, now: at(30), targetMinutes: 60, holds: [] })).toEqual({ elapsedMs: 30 * MIN, remainingMs: 30 * MIN, ratio: 0.5, status: 'ok', paused: false });
    expect(serviceLevel({ submittedAt: SUBMITTED, now: at(44), targetMinutes: 60, holds: [] }).status).toBe('ok');
    expect(serviceLevel({ submittedAt: SUBMITTED, now: at(45), targetMinutes: 60, holds: [] }).status).toBe('warning');
    expect(serviceLevel({ submittedAt: SUBMITTED, now: at(60), targetMinutes: 60, holds: [] }).status).toBe('breached');
    expect(serviceLevel({ submittedAt: SUBMITTED, now: at(75), targetMinutes: 60, holds: [] }).remainingMs).toBe(-15 * MIN);
  });

  it('excludes closed holds and pauses during an open one', () => {
    const holds: HoldInterval[] = [{ from: at(10), to: at(40) }];
    expect(serviceLevel({ submittedAt: SUBMITTED, now: at(50), targetMinutes: 60, holds })).toMatchObject({ elapsedMs: 20 * MIN, status: 'ok', paused: false });
    const open: HoldInterval[] = [{ from: at(10).toISOString() }];
    const during = serviceLevel({ submittedAt: SUBMITTED, now: at(500), targetMinutes: 60, holds: open });
    expect(during).toMatchObject({ elapsedMs: 10 * MIN, paused: true, status: 'ok' });
  });

  it('counts overlapping holds once and ignores hold time outside [submission, now]', () => {
    const holds: HoldInterval[] = [{ from: at(-30), to: at(5) }, { from: at(10), to: at(30) }, { from: at(20), to: at(40) }, { from: at(100), to: at(200) }];
    expect(serviceLevel({ submittedAt: SUBMITTED, now: at(60), targetMinutes: 60, holds }).elapsedMs).toBe((60 - 5 - 30) * MIN);
  });

  it('never counts before submission', () => {
    expect(serviceLevel({ submittedAt: SUBMITTED, now: at(-5), targetMinutes: 45, holds: [] })).toMatchObject({ elapsedMs: 0, status: 'ok' });
  });

  it('equals wall time minus hold time, is monotone in now and never negative (property)', () => {
    const arbHold = fc.tuple(fc.integer({ min: -60, max: 300 }), fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }));
    fc.assert(
      fc.property(fc.array(arbHold, { maxLength: 6 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 100 }), (rawHolds, t, dt) => {
        const holds = rawHolds.map(([from, length]) => ({ from: at(from), to: length === undefined ? undefined : at(from + length) }));
        const earlier = serviceLevel({ submittedAt: SUBMITTED, now: at(t), targetMinutes: 60, holds });
        const later = serviceLevel({ submittedAt: SUBMITTED, now: at(t + dt), targetMinutes: 60, holds });
        expect(earlier.elapsedMs).toBeGreaterThanOrEqual(0);
        expect(earlier.elapsedMs).toBeLessThanOrEqual(t * MIN);
        expect(later.elapsedMs).toBeGreaterThanOrEqual(earlier.elapsedMs);
        // Plain definition: the minutes since submission not inside any hold (all bounds are whole minutes).
        let counted = 0;
        for (let minute = 0; minute < t; minute += 1) {
          const onHold = rawHolds.some(([from, length]) => minute >= from && (length === undefined || minute < from + length));
          if (!onHold) counted += 1;
        }
        expect(earlier.elapsedMs).toBe(counted * MIN);
      }),
    );
  });
});
