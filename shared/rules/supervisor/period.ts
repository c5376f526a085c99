import { localDateOf, MS_PER_DAY, SAO_PAULO_OFFSET_MINUTES, toMillis, type Instant } from '../time';

/** A reporting window [from, to) as ISO instants. */
export interface Period {
  from: string;
  to: string;
}

/** The window of the last `days` days up to `now`. */
export function periodEndingAt(now: Instant, days: number): Period {
  const end = toMillis(now);
  return { from: new Date(end - days * MS_PER_DAY).toISOString(), to: new Date(end).toISOString() };
}

/** A test of epoch milliseconds against the period, its bounds parsed once: statistics test every row. */
export function withinPeriod(period: Period): (ms: number) => boolean {
  const from = toMillis(period.from);
  const to = toMillis(period.to);
  return (ms) => ms >= from && ms < to;
}

export const inPeriod = (instant: Instant, period: Period): boolean => withinPeriod(period)(toMillis(instant));

/** Four six-hour shifts of a 24-hour duty, in São Paulo time. */
export const SHIFTS = ['madrugada', 'manha', 'tarde', 'noite'] as const;
export type Shift = (typeof SHIFTS)[number];
export const SHIFT_LABELS: Record<Shift, string> = { madrugada: 'Madrugada (0h–6h)', manha: 'Manhã (6h–12h)', tarde: 'Tarde (12h–18h)', noite: 'Noite (18h–24h)' };

/** Local (São Paulo) hour 0–23 of an instant. */
export function localHourOf(instant: Instant): number {
  const shifted = toMillis(instant) + SAO_PAULO_OFFSET_MINUTES * 60_000;
  return Math.floor((((shifted % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 3_600_000);
}

/** Local (São Paulo) calendar day, read the same way as the hour so day and hour always agree. */
export const localDayOf = (instant: Instant): string => localDateOf(new Date(toMillis(instant)));

export const shiftOf = (instant: Instant): Shift => SHIFTS[Math.floor(localHourOf(instant) / 6)] as Shift;
