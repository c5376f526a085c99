/**
 * Calendar and instant helpers for the rules. No time-zone library: the fact's own ISO offset says which
 * calendar day it happened on, and America/Sao_Paulo has kept a fixed −03:00 offset since 2019.
 */

/** A moment as rules accept it: a `Date` or an ISO 8601 string with offset. */
export type Instant = Date | string;

export const SAO_PAULO_OFFSET_MINUTES = -180;
export const MS_PER_DAY = 86_400_000;

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):[\d:.]+(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function toMillis(instant: Instant): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`invalid instant: ${String(instant)}`);
  return ms;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's civil-date algorithms):
 * plain integer arithmetic, many times faster than going through `Date` objects in bulk look-ups.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The proleptic Gregorian date of a day count since 1970-01-01. */
export function civilDateOfDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function civilFromDays(days: number): string {
  const { year, month, day } = civilDateOfDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** YYYY-MM-DD of an instant shifted by an offset in minutes. */
function dateAtOffset(ms: number, offsetMinutes: number): string {
  return civilFromDays(Math.floor((ms + offsetMinutes * 60_000) / MS_PER_DAY));
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
    if (match) {
      const [, year, month, day, hour, offset] = match as unknown as [string, string, string, string, string, string];
      const written = `${year}-${month}-${day}`;
      if (offset !== 'Z' && offset !== '+00:00' && offset !== '-00:00') return written;
      // UTC wall clock read at São Paulo's −03:00: the hours before 03:00 belong to the day before.
      return Number(hour) < -SAO_PAULO_OFFSET_MINUTES / 60 ? addDays(written, -1) : written;
    }
  }
  return dateAtOffset(toMillis(instant), SAO_PAULO_OFFSET_MINUTES);
}

function dateParts(date: string): [number, number, number] {
  if (!ISO_DATE.test(date)) throw new RangeError(`invalid calendar date: ${date}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

/** Calendar day arithmetic: no clock, so no DST surprises. */
export function addDays(date: string, days: number): string {
  return civilFromDays(daysFromCivil(...dateParts(date)) + days);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return daysFromCivil(...dateParts(to)) - daysFromCivil(...dateParts(from));
}

/**
 * Adds whole years to a calendar day. 29 February lands on 28 February in a common year: a validity
 * must never end later than its whole number of years.
 */
export function addYears(date: string, years: number): string {
  const [year, month, day] = dateParts(date);
  const target = year + years;
  const lastDay = daysFromCivil(month === 12 ? target + 1 : target, month === 12 ? 1 : month + 1, 1) - daysFromCivil(target, month, 1);
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
