import { describe, expect, it } from 'vitest';
import { NATURES } from '../../reference/natures';
import { makeRequest } from '../test-fixtures';
import { STATISTICS_COLUMNS, statisticsCsv, statisticsRows } from './statistics-export';

describe('statistics export', () => {
  const period = { from: '2025-06-01T00:00:00-03:00', to: '2025-06-11T00:00:00-03:00' };
  const plain = makeRequest();
  const secret = makeRequest({ protocol: 'DV-2025-00000002', secret: true });
  const domestic = makeRequest({ protocol: 'DV-2025-00000003', natureCode: 'VD_AMEACA', fact: { ...plain.fact, domesticContext: true, place: { ...plain.fact.place, district: 'Savassi, "fundos"' } } });
  const outside = makeRequest({ protocol: 'DV-2025-00000004', submittedAt: '2025-05-01T10:00:00-03:00' });

  it('carries only nature, day, hour, place and unit; secret requests never, a domestic-violence district never', () => {
    const rows = statisticsRows([plain, secret, domestic, outside], NATURES, period);
    expect(rows).toEqual([
      { natureza: 'FURTO_CELULAR', dia: '2025-06-09', hora: '19', municipio: 'Belo Horizonte', bairro: 'Centro', unidade: 'dv-mg' },
      { natureza: 'VD_AMEACA', dia: '2025-06-09', hora: '19', municipio: 'Belo Horizonte', bairro: '', unidade: 'dv-mg' },
    ]);
    for (const row of rows) expect(Object.keys(row)).toEqual([...STATISTICS_COLUMNS]);
  });

  it('writes RFC 4180 CSV with the header line', () => {
    const csv = statisticsCsv([{ natureza: 'DANO', dia: '2025-06-09', hora: '07', municipio: 'Belo Horizonte', bairro: 'Savassi, "fundos"', unidade: 'dv-mg' }]);
    expect(csv).toBe('natureza,dia,hora,municipio,bairro,unidade\r\nDANO,2025-06-09,07,Belo Horizonte,"Savassi, ""fundos""",dv-mg\r\n');
  });
});
