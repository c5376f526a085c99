import type { Address, FactPlace, Nature, OccurrenceRequest, Requester } from '../schemas';
import { findNature } from '../reference/natures';
import { isDomesticViolenceNature } from './domestic-violence';

/** Keeps the first letter of each word: "Maria Silva de Souza" → "M**** S**** d* S****". */
export function maskName(fullName: string): string {
  return fullName
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => {
      const [first = '', ...rest] = Array.from(word);
      return first + '*'.repeat(rest.length);
    })
    .join(' ');
}

/** Only the municipality and state stay readable: street and district masked, number, complement and CEP dropped. */
export function maskAddress(address: Address): Address {
  const masked: Address = { street: maskName(address.street), district: maskName(address.district), municipality: address.municipality, uf: address.uf };
  return address.municipalityCode === undefined ? masked : { ...masked, municipalityCode: address.municipalityCode };
}

/** The usual public form: the middle six digits only, "***.982.247-**". */
export function maskCpf(cpf: string): string {
  const digits = cpf.replace(/\D/g, '');
  return digits.length === 11 ? `***.${digits.slice(3, 6)}.${digits.slice(6, 9)}-**` : '***';
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** The last four digits only. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? `*****-${digits.slice(-4)}` : '***';
}

const maskDocumentNumber = (value: string): string => `${'*'.repeat(Math.max(0, value.length - 2))}${value.slice(-2)}`;

/**
 * Domestic-violence victims' names are confidential by law (seed 004): masked in lists, exports and
 * dashboards for a domestic-violence nature, and for any fact told as domestic, whatever its nature.
 */
export function shouldMaskVictim(request: OccurrenceRequest, natures: readonly Nature[]): boolean {
  const nature = findNature(natures, request.natureCode, request.natureTableVersion);
  return request.fact.domesticContext || (nature !== undefined && isDomesticViolenceNature(nature));
}

export const MASKED_NARRATIVE = '[histórico sigiloso: violência doméstica]';

function maskRequester(requester: Requester): Requester {
  const contact = {
    ...(requester.email === undefined ? {} : { email: maskEmail(requester.email) }),
    ...(requester.mobile === undefined ? {} : { mobile: maskPhone(requester.mobile) }),
  };
  const { email: _email, mobile: _mobile, ...rest } = requester;
  switch (rest.kind) {
    case 'company':
      return { ...rest, ...contact, contactPerson: maskName(rest.contactPerson), address: maskAddress(rest.address) };
    case 'person_br': {
      const { socialName, ...person } = rest;
      const masked = { ...person, ...contact, fullName: maskName(person.fullName), address: maskAddress(person.address), cpf: maskCpf(person.cpf), rg: { ...person.rg, number: maskDocumentNumber(person.rg.number) } };
      return socialName === undefined ? masked : { ...masked, socialName: maskName(socialName) };
    }
    case 'person_foreign': {
      const { socialName, cpf, ...person } = rest;
      const masked = { ...person, ...contact, fullName: maskName(person.fullName), address: maskAddress(person.address), document: { ...person.document, number: maskDocumentNumber(person.document.number) } };
      const withCpf = cpf === undefined ? masked : { ...masked, cpf: maskCpf(cpf) };
      return socialName === undefined ? withCpf : { ...withCpf, socialName: maskName(socialName) };
    }
  }
}

function maskFactPlace(place: FactPlace): FactPlace {
  return { ...maskAddress(place), placeKind: place.placeKind };
}

/**
 * A copy for lists, exports and dashboards. For domestic violence every person who could point to the
 * victim is masked (requester, victim, authors, witnesses; authors' descriptions dropped), as are addresses,
 * the fact's street, the narrative and the medical record. Masked copies are for display only: they no
 * longer pass the schema.
 */
export function maskRequestForList(request: OccurrenceRequest, natures: readonly Nature[]): OccurrenceRequest {
  if (!shouldMaskVictim(request, natures)) return { ...request };
  const { victim, medicalCare, ...rest } = request;
  const masked: OccurrenceRequest = {
    ...rest,
    requester: maskRequester(request.requester),
    authors: request.authors.map(({ name, nickname, cpf, address, description: _description, ...author }) => ({
      ...author,
      ...(name === undefined ? {} : { name: maskName(name) }),
      ...(nickname === undefined ? {} : { nickname: maskName(nickname) }),
      ...(cpf === undefined ? {} : { cpf: maskCpf(cpf) }),
      ...(address === undefined ? {} : { address: maskAddress(address) }),
    })),
    witnesses: request.witnesses.map(({ fullName, phone, address }) => ({
      fullName: maskName(fullName),
      ...(phone === undefined ? {} : { phone: maskPhone(phone) }),
      ...(address === undefined ? {} : { address: maskAddress(address) }),
    })),
    narrative: MASKED_NARRATIVE,
    fact: { ...request.fact, place: maskFactPlace(request.fact.place) },
  };
  if (victim) {
    const { socialName, cpf, ...person } = victim;
    masked.victim = { ...person, fullName: maskName(person.fullName), ...(socialName === undefined ? {} : { socialName: maskName(socialName) }), ...(cpf === undefined ? {} : { cpf: maskCpf(cpf) }) };
  }
  if (medicalCare) masked.medicalCare = { unitName: medicalCare.unitName, recordNumber: '***' };
  return masked;
}
