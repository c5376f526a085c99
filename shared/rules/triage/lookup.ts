import type { OccurrenceRequest } from '../../schemas';

/** The identifier sets a citizen can give the service desk (the same the public tracking page asks). */
export type LookupQuery =
  | { kind: 'person_br'; name: string; cpf: string; rg: string; rgUf: string; birthDate: string }
  | { kind: 'person_foreign'; name: string; document: string; birthDate: string }
  | { kind: 'company'; corporateName: string; cnpj: string };

/** Case, accents and spacing do not matter in a name told over the phone. */
export const normalizeName = (value: string): string =>
  value.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/\s+/g, ' ').trim().toUpperCase();

const normalizeDocument = (value: string): string => value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

/** Every identifier of the set must match; a partial match reveals nothing. */
export function matchesLookup(request: OccurrenceRequest, query: LookupQuery): boolean {
  const { requester } = request;
  switch (query.kind) {
    case 'person_br':
      return (
        requester.kind === 'person_br' &&
        normalizeName(requester.fullName) === normalizeName(query.name) &&
        normalizeDocument(requester.cpf) === normalizeDocument(query.cpf) &&
        normalizeDocument(requester.rg.number) === normalizeDocument(query.rg) &&
        requester.rg.uf === query.rgUf.toUpperCase() &&
        requester.birthDate === query.birthDate
      );
    case 'person_foreign':
      return (
        requester.kind === 'person_foreign' &&
        normalizeName(requester.fullName) === normalizeName(query.name) &&
        normalizeDocument(requester.document.number) === normalizeDocument(query.document) &&
        requester.birthDate === query.birthDate
      );
    case 'company':
      return requester.kind === 'company' && normalizeName(requester.corporateName) === normalizeName(query.corporateName) && normalizeDocument(requester.cnpj) === normalizeDocument(query.cnpj);
  }
}

/** Whether the query names every identifier of its set (the form stays disabled until then). */
export function isLookupComplete(query: LookupQuery): boolean {
  return Object.values(query).every((value) => value.trim().length > 0);
}
