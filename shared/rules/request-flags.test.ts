import { describe, expect, it } from 'vitest';
import { OccurrenceRequestSchema, type OccurrenceRequest } from '../schemas';
import { NATURES } from '../reference/natures';
import { REQUEST_FLAG_CODES, RequestFlagSchema, hasBlockingFlag, requestFlags, type RequestFlagCode, type RequestFlagContext } from './request-flags';
import { FIXTURE_NOW, VALID_CNPJ, makeBrazilianRequester, makeRequest, makeUnit } from './test-fixtures';

const ctx: RequestFlagContext = { now: FIXTURE_NOW, unit: makeUnit(), natures: NATURES };
const flagsOf = (request: OccurrenceRequest, context = ctx) => requestFlags(request, context);
const codes = (request: OccurrenceRequest, context = ctx) => flagsOf(request, context).map((item) => item.code);

/** Exactly one flag, with its code, severity and field: a test breaks exactly one thing. */
function expectOnly(request: OccurrenceRequest, code: RequestFlagCode, severity: 'blocking' | 'warning', field?: string, context = ctx) {
  OccurrenceRequestSchema.parse(request);
  const flags = flagsOf(request, context);
  expect(flags.map((item) => item.code)).toEqual([code]);
  expect(flags[0]?.severity).toBe(severity);
  if (field) expect(flags[0]?.field).toBe(field);
  expect(RequestFlagSchema.safeParse(flags[0]).success).toBe(true);
  return flags[0]!;
}

const domesticRequest = (overrides: Partial<OccurrenceRequest> = {}) =>
  makeRequest({ natureCode: 'VD_AMEACA', fact: { ...makeRequest().fact, domesticContext: true, place: { ...makeRequest().fact.place, placeKind: 'residence' } }, ...overrides });

const man = makeBrazilianRequester({ fullName: 'Carlos Alberto Lima', sex: 'male', genderIdentity: 'man', birthDate: '1980-01-01' });

describe('requestFlags', () => {
  it('gives a valid request no flag at all', () => {
    OccurrenceRequestSchema.parse(makeRequest());
    expect(flagsOf(makeRequest())).toEqual([]);
  });

  it('accepts the Date form of now', () => {
    expect(flagsOf(makeRequest(), { ...ctx, now: new Date(FIXTURE_NOW) })).toEqual([]);
  });

  describe('domestic violence eligibility', () => {
    it('accepts a woman in the domestic context', () => {
      expect(flagsOf(domesticRequest())).toEqual([]);
    });

    it('accepts a trans woman whatever the recorded sex', () => {
      expect(codes(domesticRequest({ requester: { ...man, genderIdentity: 'trans_woman' } }))).toEqual([]);
    });

    it('refuses a man aged 18–59', () => {
      const found = expectOnly(domesticRequest({ requester: man }), 'domestic_violence_not_eligible', 'blocking', 'requester');
      expect(found.message).toMatch(/mulher/);
    });

    it('accepts a man aged 60 or more at the fact date, and refuses him the day before his 60th birthday', () => {
      expect(codes(domesticRequest({ requester: { ...man, birthDate: '1965-06-09' } }))).toEqual([]);
      expectOnly(domesticRequest({ requester: { ...man, birthDate: '1965-06-10' } }), 'domestic_violence_not_eligible', 'blocking');
    });

    it('accepts a boy through a legal representative', () => {
      const request = domesticRequest({
        requester: { ...makeBrazilianRequester(), capacity: 'legal_representative' },
        victim: { fullName: 'Pedro da Silva', birthDate: '2015-03-01', sex: 'male', genderIdentity: 'man', relationshipToRequester: 'parent' },
      });
      expect(codes(request)).toEqual([]);
    });

    it('refuses an adult man represented by someone else', () => {
      const request = domesticRequest({
        requester: { ...makeBrazilianRequester(), capacity: 'legal_representative' },
        victim: { fullName: 'Pedro da Silva', birthDate: '1990-03-01', sex: 'male', genderIdentity: 'man', relationshipToRequester: 'curator' },
      });
      expectOnly(request, 'domestic_violence_not_eligible', 'blocking', 'victim');
    });

    it('refuses a woman outside the domestic or family context', () => {
      expectOnly(makeRequest({ natureCode: 'VD_AMEACA' }), 'domestic_violence_not_eligible', 'blocking', 'fact.domesticContext');
    });

    it('never accepts a company', () => {
      const company = { kind: 'company' as const, corporateName: 'Padaria Pão de Mel Ltda', cnpj: VALID_CNPJ, address: makeBrazilianRequester().address, contactPerson: 'Maria Aparecida', email: 'contato@paodemel.com.br', mobile: '31987654321' };
      expectOnly(domesticRequest({ requester: company }), 'domestic_violence_not_eligible', 'blocking');
    });

    it('does not apply to natures outside the domestic-violence group', () => {
      expect(codes(makeRequest({ natureCode: 'AMEACA', requester: man }))).toEqual([]);
    });
  });

  it('blocks more than three authors and lets three through', () => {
    const author = makeRequest().authors[0]!;
    expect(codes(makeRequest({ authors: [author, author, author] }))).toEqual([]);
    expectOnly(makeRequest({ authors: [author, author, author, author] }), 'too_many_authors', 'blocking', 'authors');
  });

  it('blocks a fact outside the unit state', () => {
    const request = makeRequest();
    const found = expectOnly(makeRequest({ fact: { ...request.fact, place: { ...request.fact.place, uf: 'SP', municipality: 'São Paulo' } } }), 'fact_outside_state', 'blocking', 'fact.place.uf');
    expect(found.message).toContain('SP');
  });

  it('warns about a fact older than the unit allows, counting calendar days', () => {
    const fact = makeRequest().fact;
    const oldFact = (startedAt: string) => makeRequest({ fact: { ...fact, startedAt, endedAt: undefined } });
    // 180 days before 2025-06-10 is 2024-12-12.
    expect(codes(oldFact('2024-12-12T23:59:00-03:00'))).toEqual([]);
    expectOnly(oldFact('2024-12-11T23:59:00-03:00'), 'fact_too_old', 'warning', 'fact.startedAt');
  });

  it('blocks a fact in the future, beyond a small clock tolerance', () => {
    const fact = makeRequest().fact;
    expect(codes(makeRequest({ fact: { ...fact, startedAt: '2025-06-10T12:04:00-03:00', endedAt: undefined } }))).toEqual([]);
    expectOnly(makeRequest({ fact: { ...fact, startedAt: '2025-06-11T08:00:00-03:00', endedAt: undefined } }), 'fact_in_future', 'blocking', 'fact.startedAt');
    expectOnly(makeRequest({ fact: { ...fact, endedAt: '2025-06-10T13:00:00-03:00' } }), 'fact_in_future', 'blocking', 'fact.endedAt');
  });

  it('blocks a minor filing for themself, from the filing date', () => {
    // 18 on 2025-06-10, the submission day: may file.
    expect(codes(makeRequest({ requester: makeBrazilianRequester({ birthDate: '2007-06-10' }) }))).toEqual([]);
    const found = expectOnly(makeRequest({ requester: makeBrazilianRequester({ birthDate: '2007-06-11' }) }), 'requester_minor', 'blocking', 'requester.birthDate');
    expect(found.message).toContain('17 anos');
  });

  it('blocks a nature unknown in the table version', () => {
    expectOnly(makeRequest({ natureCode: 'SEQUESTRO' }), 'nature_unknown', 'blocking', 'natureCode');
    expectOnly(makeRequest({ natureTableVersion: 2 }), 'nature_unknown', 'blocking', 'natureCode');
  });

  it('blocks a nature not accepted online, or inactive', () => {
    expectOnly(makeRequest({ natureCode: 'ROUBO' }), 'nature_not_accepted_online', 'blocking', 'natureCode');
    const natures = NATURES.map((nature) => (nature.code === 'FURTO_CELULAR' ? { ...nature, active: false } : nature));
    expectOnly(makeRequest(), 'nature_not_accepted_online', 'blocking', 'natureCode', { ...ctx, natures });
  });

  it('blocks a missing e-mail', () => {
    expectOnly(makeRequest({ requester: makeBrazilianRequester({ email: undefined }) }), 'contact_missing', 'blocking', 'requester.email');
    expectOnly(makeRequest({ requester: makeBrazilianRequester({ email: '  ' }) }), 'contact_missing', 'blocking', 'requester.email');
  });

  it('blocks a missing mobile', () => {
    expectOnly(makeRequest({ requester: makeBrazilianRequester({ mobile: undefined }) }), 'contact_missing', 'blocking', 'requester.mobile');
  });

  it('blocks an invalid e-mail', () => {
    expectOnly(makeRequest({ requester: makeBrazilianRequester({ email: 'maria.silva@' }) }), 'email_invalid', 'blocking', 'requester.email');
  });

  it('blocks an invalid mobile', () => {
    const found = expectOnly(makeRequest({ requester: makeBrazilianRequester({ mobile: '(31) 3456-7890' }) }), 'mobile_invalid', 'blocking', 'requester.mobile');
    expect(found.message).toMatch(/^Celular inválido/);
  });

  it('blocks an invalid requester CPF', () => {
    expectOnly(makeRequest({ requester: makeBrazilianRequester({ cpf: '52998224726' }) }), 'cpf_invalid', 'blocking', 'requester.cpf');
  });

  it('blocks an invalid CPF of a foreign requester only when given', () => {
    const { rg: _rg, ...person } = makeBrazilianRequester();
    const foreigner = { ...person, kind: 'person_foreign' as const, nationality: 'AR', document: { kind: 'passport' as const, number: 'AAB123456' } };
    expect(codes(makeRequest({ requester: foreigner }))).toEqual([]);
    expectOnly(makeRequest({ requester: { ...foreigner, cpf: '11111111111' } }), 'cpf_invalid', 'blocking', 'requester.cpf');
  });

  it('blocks an invalid victim CPF', () => {
    const request = makeRequest({
      requester: { ...makeBrazilianRequester(), capacity: 'legal_representative' },
      victim: { fullName: 'Pedro da Silva', birthDate: '2015-03-01', sex: 'male', genderIdentity: 'man', relationshipToRequester: 'parent', cpf: '12345678900' },
    });
    expectOnly(request, 'cpf_invalid', 'blocking', 'victim.cpf');
  });

  it('blocks an invalid CNPJ', () => {
    const company = { kind: 'company' as const, corporateName: 'Padaria Pão de Mel Ltda', cnpj: VALID_CNPJ, address: makeBrazilianRequester().address, contactPerson: 'Maria Aparecida', email: 'contato@paodemel.com.br', mobile: '31987654321' };
    expect(codes(makeRequest({ requester: company }))).toEqual([]);
    expectOnly(makeRequest({ requester: { ...company, cnpj: '11222333000182' } }), 'cnpj_invalid', 'blocking', 'requester.cnpj');
  });

  it('blocks an invalid SP RG check digit', () => {
    expect(codes(makeRequest({ requester: makeBrazilianRequester({ rg: { number: '123456782', uf: 'SP' } }) }))).toEqual([]);
    expectOnly(makeRequest({ requester: makeBrazilianRequester({ rg: { number: '123456789', uf: 'SP' } }) }), 'rg_invalid', 'blocking', 'requester.rg');
  });

  it('warns about an invalid author CPF', () => {
    const author = { ...makeRequest().authors[0]!, cpf: '52998224700' };
    expectOnly(makeRequest({ authors: [author] }), 'author_cpf_invalid', 'warning', 'authors.0.cpf');
  });

  it('blocks a legal representative without victim data', () => {
    expectOnly(makeRequest({ requester: { ...makeBrazilianRequester(), capacity: 'legal_representative' } }), 'representative_without_victim', 'blocking', 'victim');
  });

  it('reports several problems together, in a stable order', () => {
    const request = makeRequest({ natureCode: 'ROUBO', requester: makeBrazilianRequester({ email: undefined, cpf: '52998224726' }) });
    expect(codes(request)).toEqual(['nature_not_accepted_online', 'cpf_invalid', 'contact_missing']);
    expect(hasBlockingFlag(flagsOf(request))).toBe(true);
    expect(hasBlockingFlag([])).toBe(false);
  });

  it('has a test above for every flag code', () => {
    // Guard: a new code must come with its own test (this list mirrors the tests above).
    expect([...REQUEST_FLAG_CODES].sort()).toEqual([
      'author_cpf_invalid', 'cnpj_invalid', 'contact_missing', 'cpf_invalid', 'domestic_violence_not_eligible', 'email_invalid',
      'fact_in_future', 'fact_outside_state', 'fact_too_old', 'mobile_invalid', 'nature_not_accepted_online', 'nature_unknown',
      'representative_without_victim', 'requester_minor', 'rg_invalid', 'too_many_authors',
    ]);
  });
});
