import { describe, expect, it } from 'vitest';
import { FeeSchema } from '../schemas';
import { cardFee, checkFeeExemption, type CardFeeConfig } from './card-fee';

const config: CardFeeConfig = { secondCopyFeeCents: 7_352, theftReportWindowDays: 30 };
const NOW = '2025-06-10T12:00:00-03:00';
const theft = { reason: 'theft_report' as const, evidence: '2025-000123456-001' };

describe('cardFee', () => {
  it('makes the first card free, even with an exemption claimed', () => {
    expect(cardFee({ issuance: 'first', now: NOW, config })).toEqual({ status: 'free' });
    expect(cardFee({ issuance: 'first', exemption: theft, now: NOW, config })).toEqual({ status: 'free' });
  });

  it('charges a second copy without exemption', () => {
    expect(cardFee({ issuance: 'second_copy', now: NOW, config })).toEqual({ status: 'due', amountCents: 7_352 });
  });

  it('exempts a second copy with a theft report within the window, counting calendar days', () => {
    expect(cardFee({ issuance: 'second_copy', exemption: theft, theftReportDate: '2025-05-11', now: NOW, config })).toEqual({ status: 'exempt', ...theft });
    expect(cardFee({ issuance: 'second_copy', exemption: theft, theftReportDate: '2025-05-10T23:00:00-03:00', now: NOW, config })).toEqual({ status: 'due', amountCents: 7_352 });
  });

  it('explains why a theft-report exemption does not hold', () => {
    expect(checkFeeExemption({ exemption: theft, theftReportDate: '2025-05-10', now: NOW, config })).toEqual({
      ok: false,
      error: 'O boletim de ocorrência tem 31 dias; a isenção vale para boletins de até 30 dias.',
    });
    expect(checkFeeExemption({ exemption: theft, now: NOW, config })).toEqual({ ok: false, error: 'Informe a data do boletim de ocorrência de furto ou roubo.' });
    expect(checkFeeExemption({ exemption: theft, theftReportDate: '2025-06-11', now: NOW, config }).ok).toBe(false);
    expect(checkFeeExemption({ exemption: { ...theft, evidence: '  ' }, theftReportDate: '2025-06-01', now: NOW, config }).ok).toBe(false);
  });

  it('exempts low income, natural disaster and court order with their evidence', () => {
    for (const reason of ['low_income', 'natural_disaster', 'court_order'] as const) {
      const fee = cardFee({ issuance: 'second_copy', exemption: { reason, evidence: 'CadÚnico 123456' }, now: NOW, config });
      expect(fee).toEqual({ status: 'exempt', reason, evidence: 'CadÚnico 123456' });
      expect(FeeSchema.safeParse(fee).success).toBe(true);
    }
  });
});
