import type { Nature, OccurrenceRequest } from '../../schemas';
import { shouldMaskVictim } from '../masking';
import { inPeriod, localDayOf, localHourOf, type Period } from './period';

/**
 * The only columns a statistics export may carry (seed 004: nature, day, hour and place of an occurrence,
 * plus the unit that registered it). Nothing that names or locates a person.
 */
export const STATISTICS_COLUMNS = ['natureza', 'dia', 'hora', 'municipio', 'bairro', 'unidade'] as const;
export type StatisticsRow = Record<(typeof STATISTICS_COLUMNS)[number], string>;

/**
 * One row per request submitted in the period. Requests under legal secrecy are never shared; for domestic
 * violence the district is left blank, since a district and a residence can point to the victim.
 */
export function statisticsRows(requests: readonly OccurrenceRequest[], natures: readonly Nature[], period: Period): StatisticsRow[] {
  return requests
    .filter((request) => !request.secret && inPeriod(request.submittedAt, period))
    .map((request) => ({
      natureza: request.natureCode,
      dia: localDayOf(request.fact.startedAt),
      hora: String(localHourOf(request.fact.startedAt)).padStart(2, '0'),
      municipio: request.fact.place.municipality,
      bairro: shouldMaskVictim(request, natures) ? '' : request.fact.place.district,
      unidade: request.unitId,
    }))
    .sort((a, b) => a.dia.localeCompare(b.dia) || a.hora.localeCompare(b.hora) || a.natureza.localeCompare(b.natureza));
}

const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** RFC 4180 CSV with a header line, CRLF line ends. */
export function statisticsCsv(rows: readonly StatisticsRow[]): string {
  const lines = [STATISTICS_COLUMNS.join(','), ...rows.map((row) => STATISTICS_COLUMNS.map((column) => csvField(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
