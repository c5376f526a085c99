import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EntityIdSchema, type RequestSubmission } from '../../shared/schemas';
import type { Principal } from '../auth/principal';

/** Which unit receives a request: by the fact's municipality (IBGE code or name), else the default unit. */
export const IntakeRoutingSchema = z.object({
  defaultUnitId: EntityIdSchema.optional(),
  /** Keys: a 7-digit IBGE code or a municipality name (compared without case and accents). */
  byMunicipality: z.record(z.string(), EntityIdSchema).default({}),
});
export type IntakeRouting = z.infer<typeof IntakeRoutingSchema>;

const normalize = (name: string): string => name.normalize('NFD').replace(/\p{Diacritic}/gu, '').trim().toLowerCase();

/**
 * `PLANTAO_INTAKE_ROUTING` names a JSON file of `IntakeRoutingSchema`; `PLANTAO_INTAKE_UNIT` sets (or overrides)
 * the default unit.
 */
export function intakeRoutingFromEnv(env: Record<string, string | undefined>): IntakeRouting {
  const file = env.PLANTAO_INTAKE_ROUTING;
  const routing = IntakeRoutingSchema.parse(file ? JSON.parse(readFileSync(file, 'utf8')) : {});
  const byMunicipality = Object.fromEntries(Object.entries(routing.byMunicipality).map(([key, unit]) => [normalize(key), unit]));
  const defaultUnitId = env.PLANTAO_INTAKE_UNIT ?? routing.defaultUnitId;
  return { byMunicipality, ...(defaultUnitId ? { defaultUnitId } : {}) };
}

/** An intake account bound to a unit files there; else the routing decides. Undefined: no unit configured. */
export function routeToUnit(routing: IntakeRouting, submission: RequestSubmission, principal: Principal): string | undefined {
  if (principal.unitId) return principal.unitId;
  const place = submission.fact.place;
  return (
    (place.municipalityCode ? routing.byMunicipality[place.municipalityCode] : undefined) ??
    routing.byMunicipality[normalize(place.municipality)] ??
    routing.defaultUnitId
  );
}
