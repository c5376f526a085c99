import { z } from 'zod';
import type { Nature, OccurrenceRequest, RequestSubmission, Unit } from '../schemas';
import { findNature } from '../reference/natures';
import { domesticViolenceIneligibility, isDomesticViolenceNature } from './domestic-violence';
import { isValidCnpj } from './documents/cnpj';
import { isValidCpf } from './documents/cpf';
import { isValidEmail } from './documents/email';
import { normalizeMobile } from './documents/mobile';
import { isValidRg } from './documents/rg';
import { ADULT_AGE } from './request-parties';
import { ageOn, daysBetween, localDateOf, toMillis, type Instant } from './time';

export const REQUEST_FLAG_CODES = [
  'domestic_violence_not_eligible',
  'too_many_authors',
  'fact_outside_state',
  'fact_too_old',
  'fact_in_future',
  'requester_minor',
  'nature_unknown',
  'nature_not_accepted_online',
  'contact_missing',
  'email_invalid',
  'mobile_invalid',
  'cpf_invalid',
  'cnpj_invalid',
  'rg_invalid',
  'author_cpf_invalid',
  'representative_without_victim',
] as const;
export const RequestFlagCodeSchema = z.enum(REQUEST_FLAG_CODES);
export type RequestFlagCode = z.infer<typeof RequestFlagCodeSchema>;
/** The codes by name, for `RequestFlagCode.too_many_authors`-style references. */
export const RequestFlagCode = RequestFlagCodeSchema.enum;

export const RequestFlagSeveritySchema = z.enum(['blocking', 'warning']);
export type RequestFlagSeverity = z.infer<typeof RequestFlagSeveritySchema>;

export const RequestFlagSchema = z.object({
  code: RequestFlagCodeSchema,
  /** Blocking: the request cannot be validated online without an override; warning: the officer should look. */
  severity: RequestFlagSeveritySchema,
  /** pt-BR, shown to the triage officer. */
  message: z.string().min(1).max(500),
  /** Dotted path of the field at fault, e.g. `requester.cpf`. */
  field: z.string().max(120).optional(),
});
export type RequestFlag = z.infer<typeof RequestFlagSchema>;

/**
 * Severity of each flag. Blocking where the online service may not take the request (DOMAIN.md) or cannot
 * reach or identify the citizen. Warnings where the officer judges: an old fact may still be registered,
 * and a citizen rarely knows an author's CPF for sure.
 */
export const REQUEST_FLAG_SEVERITY: Record<RequestFlagCode, RequestFlagSeverity> = {
  domestic_violence_not_eligible: 'blocking',
  too_many_authors: 'blocking',
  fact_outside_state: 'blocking',
  fact_too_old: 'warning',
  fact_in_future: 'blocking',
  requester_minor: 'blocking',
  nature_unknown: 'blocking',
  nature_not_accepted_online: 'blocking',
  contact_missing: 'blocking',
  email_invalid: 'blocking',
  mobile_invalid: 'blocking',
  cpf_invalid: 'blocking',
  cnpj_invalid: 'blocking',
  rg_invalid: 'blocking',
  author_cpf_invalid: 'warning',
  representative_without_victim: 'blocking',
};

/** More authors than this and the citizen must go to a police unit in person. */
export const MAX_AUTHORS_ONLINE = 3;
/** A fact up to this far ahead of `now` is a clock difference, not a fact in the future. */
export const FACT_FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface RequestFlagContext {
  now: Instant;
  unit: Unit;
  natures: readonly Nature[];
}

type Request = OccurrenceRequest | RequestSubmission;

function flag(code: RequestFlagCode, message: string, field?: string): RequestFlag {
  return field === undefined ? { code, severity: REQUEST_FLAG_SEVERITY[code], message } : { code, severity: REQUEST_FLAG_SEVERITY[code], message, field };
}

function natureFlags(request: Request, natures: readonly Nature[]): RequestFlag[] {
  const nature = findNature(natures, request.natureCode, request.natureTableVersion);
  if (!nature) {
    return [flag('nature_unknown', `Natureza ${request.natureCode} não existe na versão ${request.natureTableVersion} da tabela.`, 'natureCode')];
  }
  const flags: RequestFlag[] = [];
  if (!nature.acceptedOnline || !nature.active) {
    flags.push(flag('nature_not_accepted_online', `A natureza "${nature.label}" não é aceita pela Delegacia Virtual: registro presencial.`, 'natureCode'));
  }
  if (isDomesticViolenceNature(nature)) {
    const reason = domesticViolenceIneligibility(request);
    const field = !request.fact.domesticContext ? 'fact.domesticContext' : request.victim ? 'victim' : 'requester';
    if (reason) flags.push(flag('domestic_violence_not_eligible', reason, field));
  }
  return flags;
}

function factFlags(request: Request, { now, unit }: RequestFlagContext): RequestFlag[] {
  const flags: RequestFlag[] = [];
  const { fact } = request;
  if (fact.place.uf !== unit.uf) {
    flags.push(flag('fact_outside_state', `Fato ocorrido em ${fact.place.uf}, fora do estado atendido pela unidade (${unit.uf}).`, 'fact.place.uf'));
  }
  const nowMs = toMillis(now);
  const latest = Math.max(toMillis(fact.startedAt), fact.endedAt ? toMillis(fact.endedAt) : -Infinity);
  if (latest > nowMs + FACT_FUTURE_TOLERANCE_MS) {
    flags.push(flag('fact_in_future', 'A data do fato está no futuro.', fact.endedAt && toMillis(fact.endedAt) === latest ? 'fact.endedAt' : 'fact.startedAt'));
  }
  const ageDays = daysBetween(localDateOf(fact.startedAt), localDateOf(now));
  if (ageDays > unit.maxFactAgeDays) {
    flags.push(flag('fact_too_old', `Fato ocorrido há ${ageDays} dias, além do prazo de ${unit.maxFactAgeDays} dias da unidade.`, 'fact.startedAt'));
  }
  return flags;
}

function requesterFlags(request: Request): RequestFlag[] {
  const flags: RequestFlag[] = [];
  const { requester } = request;
  if (requester.kind === 'company') {
    if (!isValidCnpj(requester.cnpj)) flags.push(flag('cnpj_invalid', 'CNPJ da empresa com dígitos verificadores inválidos.', 'requester.cnpj'));
  } else {
    if (requester.kind === 'person_br') {
      if (!isValidCpf(requester.cpf)) flags.push(flag('cpf_invalid', 'CPF do solicitante inválido.', 'requester.cpf'));
      if (!isValidRg(requester.rg)) flags.push(flag('rg_invalid', `RG do solicitante inválido para ${requester.rg.uf}.`, 'requester.rg'));
    } else if (requester.cpf !== undefined && !isValidCpf(requester.cpf)) {
      flags.push(flag('cpf_invalid', 'CPF do solicitante inválido.', 'requester.cpf'));
    }
    const ageAtFiling = ageOn(requester.birthDate, localDateOf(request.submittedAt));
    if (requester.capacity === 'self' && ageAtFiling < ADULT_AGE) {
      flags.push(flag('requester_minor', `Solicitante com ${ageAtFiling} anos registrando em nome próprio: o registro deve ser feito pelo representante legal.`, 'requester.birthDate'));
    }
    if (requester.capacity === 'legal_representative' && !request.victim) {
      flags.push(flag('representative_without_victim', 'Representante legal sem os dados da vítima representada.', 'victim'));
    }
  }
  return flags;
}

/** Both contacts are mandatory: they confirm the citizen's authorship (DOMAIN.md). */
function contactFlags(request: Request): RequestFlag[] {
  const flags: RequestFlag[] = [];
  const { email, mobile } = request.requester;
  if (!email?.trim()) flags.push(flag('contact_missing', 'E-mail não informado: é obrigatório para confirmar a autoria.', 'requester.email'));
  else if (!isValidEmail(email)) flags.push(flag('email_invalid', 'E-mail inválido: confira o endereço informado.', 'requester.email'));
  if (!mobile?.trim()) flags.push(flag('contact_missing', 'Celular não informado: é obrigatório para confirmar a autoria.', 'requester.mobile'));
  else {
    const normalized = normalizeMobile(mobile);
    if (!normalized.ok) flags.push(flag('mobile_invalid', `Celular inválido: ${normalized.error}.`, 'requester.mobile'));
  }
  return flags;
}

function partyFlags(request: Request): RequestFlag[] {
  const flags: RequestFlag[] = [];
  if (request.victim?.cpf !== undefined && !isValidCpf(request.victim.cpf)) {
    flags.push(flag('cpf_invalid', 'CPF da vítima inválido.', 'victim.cpf'));
  }
  if (request.authors.length > MAX_AUTHORS_ONLINE) {
    flags.push(flag('too_many_authors', `${request.authors.length} autores: com mais de ${MAX_AUTHORS_ONLINE}, o registro deve ser feito presencialmente.`, 'authors'));
  }
  request.authors.forEach((author, index) => {
    if (author.cpf !== undefined && !isValidCpf(author.cpf)) {
      flags.push(flag('author_cpf_invalid', `CPF do autor ${index + 1} inválido.`, `authors.${index}.cpf`));
    }
  });
  return flags;
}

/** Everything the triage officer must know before deciding, in a stable order. Pure: `now` comes in. */
export function requestFlags(request: Request, ctx: RequestFlagContext): RequestFlag[] {
  return [...natureFlags(request, ctx.natures), ...factFlags(request, ctx), ...requesterFlags(request), ...contactFlags(request), ...partyFlags(request)];
}

export function hasBlockingFlag(flags: readonly RequestFlag[]): boolean {
  return flags.some((item) => item.severity === 'blocking');
}
