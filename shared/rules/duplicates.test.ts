import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OccurrenceRequest } from '../schemas';
import { buildDuplicateIndex, duplicateKeys, duplicateProbeKeys, findDuplicateCandidates, requesterDocumentKeys } from './duplicates';
import { VALID_CNPJ, VALID_CPF, makeBrazilianRequester, makeRequest } from './test-fixtures';
import { daysBetween, localDateOf } from './time';

const OTHER_CPF = '11144477735';

function requestAt(protocolNumber: number, startedAt: string, overrides: Partial<OccurrenceRequest> = {}): OccurrenceRequest {
  const base = makeRequest();
  return makeRequest({
    protocol: `DV-2025-${String(protocolNumber).padStart(8, '0')}`,
    portalSubmissionId: `portal-${protocolNumber}`,
    fact: { ...base.fact, startedAt, endedAt: undefined },
    ...overrides,
  });
}

describe('duplicate detection', () => {
  it('keys a request by document, nature and the fact day at its own offset', () => {
    const request = requestAt(1, '2025-06-09T23:30:00-03:00');
    expect(duplicateKeys(request)).toEqual([`cpf:${VALID_CPF}|FURTO_CELULAR|2025-06-09`]);
    expect(duplicateProbeKeys(request)).toEqual([
      `cpf:${VALID_CPF}|FURTO_CELULAR|2025-06-08`,
      `cpf:${VALID_CPF}|FURTO_CELULAR|2025-06-09`,
      `cpf:${VALID_CPF}|FURTO_CELULAR|2025-06-10`,
    ]);
  });

  it('keys foreigners by document kind and number (and CPF when given), companies by CNPJ', () => {
    const { rg: _rg, cpf: _cpf, ...person } = makeBrazilianRequester();
    const foreigner = { ...person, kind: 'person_foreign' as const, nationality: 'AR', document: { kind: 'rnm' as const, number: 'v123-456' } };
    expect(requesterDocumentKeys(makeRequest({ requester: foreigner }))).toEqual(['rnm:V123456']);
    expect(requesterDocumentKeys(makeRequest({ requester: { ...foreigner, cpf: VALID_CPF } }))).toEqual(['rnm:V123456', `cpf:${VALID_CPF}`]);
    const company = { kind: 'company' as const, corporateName: 'Padaria Pão de Mel Ltda', cnpj: VALID_CNPJ, address: person.address, contactPerson: 'Maria', email: 'a@b.com.br', mobile: '31987654321' };
    expect(requesterDocumentKeys(makeRequest({ requester: company }))).toEqual([`cnpj:${VALID_CNPJ}`]);
  });

  it('finds the same document + nature within ±1 calendar day, and nothing else', () => {
    const request = requestAt(1, '2025-06-09T10:00:00-03:00');
    const dayBefore = requestAt(2, '2025-06-08T00:01:00-03:00');
    const dayAfter = requestAt(3, '2025-06-10T23:59:00-03:00');
    const twoDaysLater = requestAt(4, '2025-06-11T00:00:00-03:00');
    const otherNature = requestAt(5, '2025-06-09T10:00:00-03:00', { natureCode: 'FURTO' });
    const otherPerson = requestAt(6, '2025-06-09T10:00:00-03:00', { requester: makeBrazilianRequester({ cpf: OTHER_CPF }) });
    const candidates = [request, dayBefore, dayAfter, twoDaysLater, otherNature, otherPerson];
    expect(findDuplicateCandidates(request, candidates)).toEqual([dayBefore, dayAfter]);
    expect(buildDuplicateIndex(candidates).find(request)).toEqual([dayBefore, dayAfter]);
  });

  it('uses the calendar day of the recorded offset, not the UTC day', () => {
    // 23:30 in Belo Horizonte on the 9th is 02:30 UTC on the 10th: still the 9th, two days from the 11th.
    const late = requestAt(1, '2025-06-09T23:30:00-03:00');
    const twoDaysLater = requestAt(2, '2025-06-11T08:00:00-03:00');
    expect(findDuplicateCandidates(late, [twoDaysLater])).toEqual([]);
    // A UTC string is read in São Paulo time: 2025-06-10T01:00Z is 22:00 on the 9th.
    expect(findDuplicateCandidates(requestAt(3, '2025-06-10T01:00:00Z'), [requestAt(4, '2025-06-08T12:00:00-03:00')])).toHaveLength(1);
  });

  it('does not call a submission a duplicate of its own stored request', () => {
    const stored = requestAt(1, '2025-06-09T10:00:00-03:00');
    const { type: _t, schemaVersion: _v, protocol: _p, unitId: _u, receivedAt: _r, secret: _s, ...submission } = stored;
    expect(findDuplicateCandidates(submission, [stored])).toEqual([]);
    expect(findDuplicateCandidates({ ...submission, portalSubmissionId: 'portal-other' }, [stored])).toEqual([stored]);
  });

  it('agrees with the plain definition for any set of requests (index and linear scan)', () => {
    const startedAt = fc.integer({ min: 0, max: 6 * 24 }).map((hours) => new Date(Date.UTC(2025, 5, 1, 3) + hours * 3_600_000 - 3 * 3_600_000).toISOString().replace('.000Z', '-03:00'));
    const arbRequest = fc.record({ cpf: fc.constantFrom(VALID_CPF, OTHER_CPF), nature: fc.constantFrom('FURTO', 'DANO'), startedAt, offset: fc.constantFrom('-03:00', '-04:00') });
    fc.assert(
      fc.property(fc.array(arbRequest, { minLength: 1, maxLength: 30 }), (rows) => {
        const requests = rows.map((row, index) =>
          requestAt(index + 1, row.startedAt.replace('-03:00', row.offset), { natureCode: row.nature, requester: makeBrazilianRequester({ cpf: row.cpf }) }));
        const index = buildDuplicateIndex(requests);
        for (const request of requests) {
          const expected = requests.filter(
            (other) =>
              other.protocol !== request.protocol &&
              other.natureCode === request.natureCode &&
              (other.requester as { cpf: string }).cpf === (request.requester as { cpf: string }).cpf &&
              Math.abs(daysBetween(localDateOf(other.fact.startedAt), localDateOf(request.fact.startedAt))) <= 1,
          );
          expect(findDuplicateCandidates(request, requests)).toEqual(expected);
          expect(index.find(request)).toEqual(expected);
        }
      }),
    );
  });

  it('handles a list of 100 000 requests through the index', () => {
    const base = makeRequest();
    const many: OccurrenceRequest[] = Array.from({ length: 100_000 }, (_, n) => ({
      ...base,
      protocol: `DV-2025-${String(n + 10).padStart(8, '0')}`,
      natureCode: n % 2 === 0 ? 'FURTO' : 'DANO',
      requester: { ...makeBrazilianRequester(), cpf: String(n).padStart(11, '0') },
    }));
    const target = many[4242]!;
    const index = buildDuplicateIndex(many);
    expect(index.find({ ...target, protocol: 'DV-2025-00000001' })).toEqual([target]);
    expect(findDuplicateCandidates({ ...target, protocol: 'DV-2025-00000001' }, many)).toEqual([target]);
  });
});
