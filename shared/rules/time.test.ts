import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addYears, ageOn, daysBetween, localDateOf, toMillis } from './time';

const calendarDay = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));

describe('time helpers', () => {
  it('keeps the calendar day written with an explicit offset', () => {
    expect(localDateOf('2025-06-09T23:30:00-03:00')).toBe('2025-06-09');
    expect(localDateOf('2025-06-09T23:30:00-05:00')).toBe('2025-06-09');
    expect(localDateOf('2025-06-10')).toBe('2025-06-10');
  });

  it('reads UTC strings and Dates in São Paulo time', () => {
    expect(localDateOf('2025-06-10T02:30:00Z')).toBe('2025-06-09');
    expect(localDateOf('2025-06-10T03:00:00.000Z')).toBe('2025-06-10');
    expect(localDateOf(new Date('2025-06-10T02:59:59Z'))).toBe('2025-06-09');
    expect(localDateOf('1969-12-31T23:00:00Z')).toBe('1969-12-31');
    expect(localDateOf('2000-03-01T02:00:00Z')).toBe('2000-02-29');
  });

  it('reads a UTC string and the same instant as a Date alike (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (date) => {
        expect(localDateOf(date.toISOString())).toBe(localDateOf(date));
        expect(localDateOf(date)).toBe(new Date(date.getTime() - 3 * 3_600_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('refuses an unreadable instant', () => {
    expect(() => toMillis('ontem')).toThrow(RangeError);
  });

  it('counts calendar days across months and leap years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    fc.assert(fc.property(calendarDay, fc.integer({ min: -4000, max: 4000 }), (day, n) => daysBetween(day, addDays(day, n)) === n));
    // Agrees with the platform's calendar.
    fc.assert(
      fc.property(calendarDay, fc.integer({ min: -40_000, max: 40_000 }), (day, n) => {
        expect(addDays(day, n)).toBe(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('adds years, landing 29 February on the 28th', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2025-06-10', 10)).toBe('2035-06-10');
    expect(addYears('2025-12-31', 5)).toBe('2030-12-31');
    expect(addYears('2023-04-30', 1)).toBe('2024-04-30');
  });

  it('computes ages in whole years, a 29 February birthday counting from 1 March in common years', () => {
    expect(ageOn('2007-06-10', '2025-06-10')).toBe(18);
    expect(ageOn('2007-06-11', '2025-06-10')).toBe(17);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
    fc.assert(fc.property(calendarDay, fc.integer({ min: 0, max: 100 }), (birth, years) => ageOn(birth, addYears(birth, years)) >= years - (birth.endsWith('02-29') ? 1 : 0)));
  });
});
