/**
 * Calendar and instant helpers for the rules. No time-zone library: the fact's own ISO offset says which
 * calendar day it happened on, and America/Sao_Paulo has kept a fixed −03:00 offset since 2019.
 */

/** A moment as rules accept it: a `Date` or an ISO 8601 string with offset. */
export type Instant = Date | string;

export const SAO_PAULO_OFFSET_MINUTES = -180;
export const MS_PER_DAY = 86_400_000;

const ISO_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T[\d:.]+(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function toMillis(instant: Instant): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`invalid instant: ${String(instant)}`);
  return ms;
}

/** YYYY-MM-DD of an instant shifted by an offset in minutes. */
function dateAtOffset(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * The local calendar day of an instant. An ISO string with a numeric offset keeps the day written in it
 * (the wall clock where it happened); `Z`/UTC strings and `Date`s are read in São Paulo time. A bare
 * YYYY-MM-DD is already a calendar day.
 */
export function localDateOf(instant: Instant): string {
  if (typeof instant === 'string') {
    if (ISO_DATE.test(instant)) return instant;
    const match = ISO_WITH_OFFSET.exec(instant);
    if (match && match[2] !== 'Z' && match[2] !== '+00:00' && match[2] !== '-00:00') return match[1] as string;
  }
  return dateAtOffset(toMillis(instant), SAO_PAULO_OFFSET_MINUTES);
}

function dateParts(date: string): [number, number, number] {
  if (!ISO_DATE.test(date)) throw new RangeError(`invalid calendar date: ${date}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

/** Calendar day arithmetic (UTC-based, so no DST surprises). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = dateParts(date);
  return new Date(Date.UTC(year, month - 1, day) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = dateParts(from);
  const [y2, m2, d2] = dateParts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / MS_PER_DAY);
}

/**
 * Adds whole years to a calendar day. 29 February lands on 28 February in a common year: a validity
 * must never end later than its whole number of years.
 */
export function addYears(date: string, years: number): string {
  const [year, month, day] = dateParts(date);
  const target = year + years;
  const lastDay = new Date(Date.UTC(target, month, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/**
 * Age in whole years on a calendar day. Someone born on 29 February turns a year older on 1 March in a
 * common year (the birthday has not come on 28 February).
 */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = dateParts(birthDate);
  const [y, m, d] = dateParts(onDate);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}
