import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardValidUntil, cardValidityYears } from './card-validity';
import { addDays, ageOn } from './time';

describe('cardValidUntil', () => {
  it('gives 5 years under 12, 10 years from 12 to 59, no expiry from 60', () => {
    expect(cardValidUntil('2015-06-10', '2025-06-10T10:00:00-03:00')).toBe('2030-06-10');
    expect(cardValidUntil('2013-06-11', '2025-06-10')).toBe('2030-06-10');
    expect(cardValidUntil('2013-06-10', '2025-06-10')).toBe('2035-06-10');
    expect(cardValidUntil('1965-06-11', '2025-06-10')).toBe('2035-06-10');
    expect(cardValidUntil('1965-06-10', '2025-06-10')).toBeNull();
    expect(cardValidUntil('1940-01-01', '2025-06-10')).toBeNull();
  });

  it('counts the issuance day in the issuing offset and lands 29 February on the 28th', () => {
    // 23:30 on the 9th in Brasília time is the 10th in UTC: still issued on the 9th.
    expect(cardValidUntil('1990-01-01', '2025-06-09T23:30:00-03:00')).toBe('2035-06-09');
    expect(cardValidUntil('1990-01-01', '2024-02-29')).toBe('2034-02-28');
  });

  it('follows the age bands for any birth date (property)', () => {
    const day = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('1920-01-01', n));
    fc.assert(
      fc.property(day, day, (birth, issued) => {
        fc.pre(birth <= issued);
        const age = ageOn(birth, issued);
        const until = cardValidUntil(birth, issued);
        const years = cardValidityYears(age);
        expect(until === null).toBe(age >= 60);
        if (until !== null) expect(Number(until.slice(0, 4)) - Number(issued.slice(0, 4))).toBe(years);
      }),
    );
  });
});
