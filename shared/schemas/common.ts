import { z } from 'zod';

/** Every stored document carries its type and the version of its schema. */
export const SCHEMA_VERSION = 1 as const;
export const SchemaVersionSchema = z.literal(SCHEMA_VERSION);

export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
export const IsoDateSchema = z.iso.date();

export const UF_CODES = [
  'AC', 'AL', 'AP', 'AM', 'BA', 'CE', 'DF', 'ES', 'GO', 'MA', 'MT', 'MS', 'MG', 'PA',
  'PB', 'PR', 'PE', 'PI', 'RJ', 'RN', 'RS', 'RO', 'RR', 'SC', 'SP', 'SE', 'TO',
] as const;
export const UfSchema = z.enum(UF_CODES);
export type Uf = z.infer<typeof UfSchema>;

/** Identifiers are kept as strings of digits (or letters, for the 2026 CNPJ); check digits are rules, not shapes. */
export const CpfSchema = z.string().regex(/^\d{11}$/, 'CPF deve ter 11 dígitos');
export const CnpjSchema = z.string().regex(/^[0-9A-Z]{12}\d{2}$/, 'CNPJ deve ter 14 caracteres');
export const CepSchema = z.string().regex(/^\d{8}$/, 'CEP deve ter 8 dígitos');

export const EntityIdSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'identificador inválido');

export const WorkstationIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'estação inválida');

export const UserIdSchema = z.string().min(1).max(60).regex(/^[a-z0-9][a-z0-9_.-]*$/, 'usuário inválido');

/** Occurrence request protocol, assigned at intake: DV-YYYY-NNNNNNNN. */
export const RequestProtocolSchema = z.string().regex(/^DV-\d{4}-\d{8}$/, 'protocolo inválido');
/** Identity-card process protocol: CI-YYYY-NNNNNNNN. */
export const CardProtocolSchema = z.string().regex(/^CI-\d{4}-\d{8}$/, 'protocolo inválido');

/** A pure rule's outcome: Signal-style result instead of throwing. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
