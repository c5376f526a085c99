import { describe, expect, it } from 'vitest';
import { CardProcessSchema, CardStageEventSchema, ClaimSchema, DecisionSchema, OccurrenceRequestSchema, UnitSchema } from '../schemas';
import { isValidCnpj } from './documents/cnpj';
import { isValidCpf } from './documents/cpf';
import { isValidRg } from './documents/rg';
import { VALID_ALPHANUMERIC_CNPJ, VALID_CNPJ, VALID_CPF, VALID_SP_RG, makeCardEvent, makeCardProcess, makeClaim, makeDecision, makeRequest, makeUnit } from './test-fixtures';

describe('test fixtures', () => {
  it('build documents that pass their schemas', () => {
    expect(OccurrenceRequestSchema.safeParse(makeRequest()).success).toBe(true);
    expect(CardProcessSchema.safeParse(makeCardProcess()).success).toBe(true);
    expect(CardStageEventSchema.safeParse(makeCardEvent()).success).toBe(true);
    expect(ClaimSchema.safeParse(makeClaim()).success).toBe(true);
    expect(DecisionSchema.safeParse(makeDecision()).success).toBe(true);
    expect(UnitSchema.safeParse(makeUnit()).success).toBe(true);
  });

  it('use identifiers with valid check digits', () => {
    expect(isValidCpf(VALID_CPF)).toBe(true);
    expect(isValidCnpj(VALID_CNPJ)).toBe(true);
    expect(isValidCnpj(VALID_ALPHANUMERIC_CNPJ)).toBe(true);
    expect(isValidRg({ number: VALID_SP_RG, uf: 'SP' })).toBe(true);
  });

  it('return fresh objects', () => {
    const a = makeRequest();
    a.authors.push(a.authors[0]!);
    expect(makeRequest().authors).toHaveLength(1);
  });
});
