import { addYears, ageOn, localDateOf, type Instant } from './time';

/** Validity by age at issuance (DOMAIN.md): under 12 → 5 years, 12–59 → 10 years, 60 and over → no expiry. */
export function cardValidityYears(ageAtIssuance: number): number | null {
  if (ageAtIssuance < 12) return 5;
  if (ageAtIssuance < 60) return 10;
  return null;
}

/** The card's last valid day (YYYY-MM-DD), or null when it never expires. */
export function cardValidUntil(birthDate: string, issuedAt: Instant): string | null {
  const issuedOn = localDateOf(issuedAt);
  const years = cardValidityYears(ageOn(birthDate, issuedOn));
  return years === null ? null : addYears(issuedOn, years);
}
