import { z } from 'zod';
import { err, ok, type CardProcess, type Fee, type Result } from '../schemas';
import { daysBetween, localDateOf, type Instant } from './time';

export const CardFeeConfigSchema = z.object({
  /** The second-copy fee, in cents. */
  secondCopyFeeCents: z.number().int().min(0),
  /** A theft report at most this many days old exempts the second copy. */
  theftReportWindowDays: z.number().int().min(1).max(365),
});
export type CardFeeConfig = z.infer<typeof CardFeeConfigSchema>;

type ExemptFee = Extract<Fee, { status: 'exempt' }>;
/** What the citizen claims to be exempt: the reason and its evidence (REDS number, proof reference). */
export type FeeExemption = Omit<ExemptFee, 'status'>;

export interface CardFeeInput {
  issuance: CardProcess['issuance'];
  exemption?: FeeExemption | undefined;
  /** Date of the theft report, for the theft_report exemption. */
  theftReportDate?: Instant | undefined;
  now: Instant;
  config: CardFeeConfig;
}

/** Whether a claimed exemption holds; the refusal says why in pt-BR. */
export function checkFeeExemption({ exemption, theftReportDate, now, config }: Omit<CardFeeInput, 'issuance'>): Result<FeeExemption> {
  if (!exemption) return err('Nenhuma isenção informada.');
  if (exemption.evidence.trim().length < 3) return err('Informe o comprovante da isenção.');
  if (exemption.reason !== 'theft_report') return ok(exemption);
  if (theftReportDate === undefined) return err('Informe a data do boletim de ocorrência de furto ou roubo.');
  const age = daysBetween(localDateOf(theftReportDate), localDateOf(now));
  if (age < 0) return err('A data do boletim de ocorrência está no futuro.');
  if (age > config.theftReportWindowDays) {
    return err(`O boletim de ocorrência tem ${age} dias; a isenção vale para boletins de até ${config.theftReportWindowDays} dias.`);
  }
  return ok(exemption);
}

/** The first card is free; a second copy is due unless a valid exemption applies (DOMAIN.md). */
export function cardFee(input: CardFeeInput): Fee {
  if (input.issuance === 'first') return { status: 'free' };
  const exemption = checkFeeExemption(input);
  if (exemption.ok) return { status: 'exempt', ...exemption.value };
  return { status: 'due', amountCents: input.config.secondCopyFeeCents };
}
