import { describe, expect, it } from 'vitest';
import { makeBrazilianRequester, makeRequest, VALID_CNPJ } from '../test-fixtures';
import { isLookupComplete, matchesLookup } from './lookup';

describe('service-desk look-up', () => {
  const requester = makeBrazilianRequester();
  const request = makeRequest({ requester });
  const full = { kind: 'person_br' as const, name: requester.fullName.toLowerCase(), cpf: requester.cpf, rg: requester.rg.number, rgUf: requester.rg.uf, birthDate: requester.birthDate };

  it('finds a Brazilian requester by name, CPF, RG, UF and birth date, whatever the case or punctuation', () => {
    expect(matchesLookup(request, full)).toBe(true);
    expect(matchesLookup(request, { ...full, cpf: `${requester.cpf.slice(0, 3)}.${requester.cpf.slice(3, 6)}.${requester.cpf.slice(6, 9)}-${requester.cpf.slice(9)}` })).toBe(true);
  });

  it('reveals nothing on a partial match', () => {
    expect(matchesLookup(request, { ...full, birthDate: '1999-01-01' })).toBe(false);
    expect(matchesLookup(request, { ...full, rgUf: 'SP' })).toBe(false);
    expect(isLookupComplete({ ...full, rg: ' ' })).toBe(false);
  });

  it('finds a foreigner by document and a company by CNPJ', () => {
    const foreign = makeRequest({
      requester: { ...requester, kind: 'person_foreign', nationality: 'AR', document: { kind: 'rne', number: 'V123456-7' } } as never,
    });
    expect(matchesLookup(foreign, { kind: 'person_foreign', name: requester.fullName, document: 'v1234567', birthDate: requester.birthDate })).toBe(true);
    const company = makeRequest({
      requester: { kind: 'company', corporateName: 'Padaria Pão de Açúcar Ltda', cnpj: VALID_CNPJ, address: requester.address, contactPerson: 'Maria Souza', email: 'a@b.com', mobile: '31999990000' },
    });
    expect(matchesLookup(company, { kind: 'company', corporateName: 'padaria pao de acucar ltda', cnpj: '11.222.333/0001-81' })).toBe(true);
    expect(matchesLookup(company, full)).toBe(false);
  });
});
