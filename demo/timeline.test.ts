import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilIso, isoLocal, localDate, SubmissionTimeline } from './timeline';

describe('civilIso', () => {
  it('formats like Date#toISOString from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        expect(`${civilIso(ms)}Z`).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
  });

  it('reads local wall-clock time at UTC−03:00', () => {
    expect(isoLocal(Date.UTC(2026, 0, 1, 2, 30))).toBe('2025-12-31T23:30:00-03:00');
    expect(localDate(Date.UTC(2026, 0, 1, 2, 30))).toBe('2025-12-31');
  });
});

describe('SubmissionTimeline', () => {
  const start = Date.UTC(2026, 10, 1, 3);
  const end = start + 14 * 86_400_000;
  const timeline = new SubmissionTimeline(start, end);

  it('maps increasing quantiles to increasing instants inside the window', () => {
    let previous = -Infinity;
    for (let index = 0; index < 10_000; index++) {
      const at = timeline.at(index / 10_000);
      expect(at).toBeGreaterThanOrEqual(previous);
      expect(at).toBeGreaterThanOrEqual(start);
      expect(at).toBeLessThan(end);
      previous = at;
    }
  });

  it('puts more submissions at 10h than at 3h local', () => {
    const perHour = new Array<number>(24).fill(0);
    for (let index = 0; index < 20_000; index++) {
      const hour = Number(isoLocal(timeline.at((index + 0.5) / 20_000)).slice(11, 13));
      perHour[hour] = (perHour[hour] ?? 0) + 1;
    }
    expect(perHour[10]).toBeGreaterThan(5 * (perHour[3] ?? 0));
  });
});
