import type { Nature, OccurrenceRequest, RequestSubmission } from '../schemas';
import { ADULT_AGE, ELDERLY_AGE, victimOf } from './request-parties';
import { ageOn, localDateOf } from './time';

/** Natures of the domestic-violence group: eligibility limits apply online and the victim is masked. */
export function isDomesticViolenceNature(nature: Nature): boolean {
  return nature.domesticViolenceOnly || nature.group === 'domestic_violence';
}

/**
 * Why a domestic-violence request cannot be taken online (pt-BR), or undefined when it can: a woman
 * (trans women included), a child or adolescent through a legal representative, or someone aged 60+ at
 * the fact date — and only in the domestic or family context (Lei Maria da Penha; DOMAIN.md).
 */
export function domesticViolenceIneligibility(request: OccurrenceRequest | RequestSubmission): string | undefined {
  if (!request.fact.domesticContext) return 'Natureza de violência doméstica exige fato no contexto doméstico ou familiar.';
  const victim = victimOf(request);
  if (!victim) return undefined;
  if (victim.kind === 'company') return 'Empresa não pode ser vítima de violência doméstica.';
  const isWoman = victim.sex === 'female' || victim.genderIdentity === 'woman' || victim.genderIdentity === 'trans_woman';
  if (isWoman) return undefined;
  const age = ageOn(victim.birthDate, localDateOf(request.fact.startedAt));
  if (age >= ELDERLY_AGE) return undefined;
  const representedMinor = age < ADULT_AGE && request.requester.kind !== 'company' && request.requester.capacity === 'legal_representative';
  if (representedMinor) return undefined;
  if (age < ADULT_AGE) return 'Vítima criança ou adolescente só pode ser registrada on-line por seu representante legal.';
  return 'Violência doméstica on-line só para vítima mulher, criança ou adolescente (por representante legal) ou pessoa com 60 anos ou mais.';
}
