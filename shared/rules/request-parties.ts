import type { OccurrenceRequest, RequestSubmission, Victim } from '../schemas';

/** The person a request is about, with what the eligibility rules need. */
export type VictimView =
  | { kind: 'person'; sex: Victim['sex']; genderIdentity: Victim['genderIdentity']; birthDate: string }
  | { kind: 'company' };

/**
 * The victim is `request.victim` when a legal representative files, otherwise the requester themself.
 * Undefined: a representative filed without victim data (a flag of its own).
 */
export function victimOf(request: OccurrenceRequest | RequestSubmission): VictimView | undefined {
  const { requester } = request;
  if (requester.kind === 'company') return { kind: 'company' };
  const person = requester.capacity === 'legal_representative' ? request.victim : requester;
  if (!person) return undefined;
  return { kind: 'person', sex: person.sex, genderIdentity: person.genderIdentity, birthDate: person.birthDate };
}

export const ADULT_AGE = 18;
export const ELDERLY_AGE = 60;
