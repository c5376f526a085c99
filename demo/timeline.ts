import { civilDateOfDays } from '../shared/rules/time';
import { indexAtCumulative } from './random';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Minas Gerais keeps UTC−03:00 all year (no DST since 2019). */
export const LOCAL_OFFSET_MS = -3 * HOUR_MS;

/** Relative volume of online requests per local hour: quiet nights, a morning and an afternoon peak. */
const HOURLY_WEIGHTS = [
  0.5, 0.3, 0.2, 0.15, 0.15, 0.3, 0.7, 1.4, 2.4, 3.1, 3.4, 3.3, 2.8, 2.9, 3.2, 3.1, 2.9, 2.6, 2.4, 2.3, 2.2, 1.9, 1.4, 0.9,
];
/** Sunday … Saturday: Mondays bring the weekend's losses, weekends are calmer. */
const WEEKDAY_WEIGHTS = [0.7, 1.2, 1.1, 1.05, 1.05, 1.0, 0.8];

export const localHourOf = (ms: number): number => new Date(ms + LOCAL_OFFSET_MS).getUTCHours();
const localWeekdayOf = (ms: number): number => new Date(ms + LOCAL_OFFSET_MS).getUTCDay();

/**
 * Submission instants over [start, end) following the daily and weekly pattern. `at(u)` is the inverse of
 * the cumulative volume, so increasing `u` gives increasing instants: request i gets u ≈ i / N and the
 * requests come out in submission order without ever being sorted.
 */
export class SubmissionTimeline {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly start: number,
    private readonly end: number,
  ) {
    let sum = 0;
    for (let bucketStart = start; bucketStart < end; bucketStart += HOUR_MS) {
      const span = Math.min(HOUR_MS, end - bucketStart) / HOUR_MS;
      const middle = bucketStart + (span * HOUR_MS) / 2;
      sum += span * (HOURLY_WEIGHTS[localHourOf(middle)] as number) * (WEEKDAY_WEIGHTS[localWeekdayOf(middle)] as number);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  /** The instant (ms) at quantile `u` ∈ [0, 1). */
  at(u: number): number {
    const target = u * this.total;
    const low = indexAtCumulative(this.cumulative, target);
    const before = low === 0 ? 0 : (this.cumulative[low - 1] as number);
    const bucketWeight = (this.cumulative[low] as number) - before;
    const bucketStart = this.start + low * HOUR_MS;
    const bucketSpan = Math.min(HOUR_MS, this.end - bucketStart);
    return Math.min(this.end - 1, Math.floor(bucketStart + ((target - before) / bucketWeight) * bucketSpan));
  }
}

const pad2 = (value: number): string => (value < 10 ? `0${value}` : `${value}`);

/**
 * YYYY-MM-DDTHH:MM:SS.mmm of an instant read in UTC. `Date#toISOString` costs microseconds and the demo
 * formats millions of instants, so this is Hinnant's days-to-civil algorithm (tested against Date).
 */
export function civilIso(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const { year, month, day } = civilDateOfDays(days);
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / MINUTE_MS);
  rest -= minutes * MINUTE_MS;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}`;
}

/** ISO instant in UTC, as servers stamp it. */
export const isoUtc = (ms: number): string => `${civilIso(ms)}Z`;

/** ISO instant with the local offset, as the citizen reports a fact's wall-clock time. */
export const isoLocal = (ms: number): string => `${civilIso(ms + LOCAL_OFFSET_MS).slice(0, 19)}-03:00`;

/** YYYY-MM-DD of the local calendar day. */
export const localDate = (ms: number): string => civilIso(ms + LOCAL_OFFSET_MS).slice(0, 10);

export const localYear = (ms: number): number => Number(civilIso(ms + LOCAL_OFFSET_MS).slice(0, 4));

/** Start (ms) of the local day containing `ms`. */
export const localDayStart = (ms: number): number => {
  const shifted = ms + LOCAL_OFFSET_MS;
  return shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS) - LOCAL_OFFSET_MS;
};

/** 1-based day of the local year. */
export const localDayOfYear = (ms: number): number => {
  const year = localYear(ms);
  const yearStart = Date.UTC(year, 0, 1) - LOCAL_OFFSET_MS;
  return Math.floor((ms - yearStart) / DAY_MS) + 1;
};
