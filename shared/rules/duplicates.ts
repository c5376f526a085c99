import type { OccurrenceRequest, RequestSubmission } from '../schemas';
import { addDays, localDateOf } from './time';

type Request = OccurrenceRequest | RequestSubmission;

/**
 * The requester's documents as duplicate-key parts: CPF, a foreigner's document kind+number (and CPF when
 * given), or CNPJ. A foreigner with both yields two, so either document finds the other request.
 */
export function requesterDocumentKeys(request: Request): string[] {
  const { requester } = request;
  switch (requester.kind) {
    case 'person_br':
      return [`cpf:${requester.cpf}`];
    case 'person_foreign': {
      const document = `${requester.document.kind}:${requester.document.number.replace(/-/g, '').toUpperCase()}`;
      return requester.cpf ? [document, `cpf:${requester.cpf}`] : [document];
    }
    case 'company':
      return [`cnpj:${requester.cnpj.toUpperCase()}`];
  }
}

const keyOf = (document: string, natureCode: string, day: string): string => `${document}|${natureCode}|${day}`;

/** The fact's calendar day, read at the offset the portal recorded (São Paulo time for UTC strings). */
const factDayOf = (request: Request): string => localDateOf(request.fact.startedAt);

/**
 * Index keys of a request: requester document + nature + the fact's calendar day, one per document.
 * Store these (e.g. in an indexed field); look a new request up with `duplicateProbeKeys`.
 */
export function duplicateKeys(request: Request): string[] {
  const day = factDayOf(request);
  return requesterDocumentKeys(request).map((document) => keyOf(document, request.natureCode, day));
}

/** The keys whose requests count as duplicates: same document and nature, fact day −1, same day, +1. */
export function duplicateProbeKeys(request: Request): string[] {
  const day = factDayOf(request);
  const days = [addDays(day, -1), day, addDays(day, 1)];
  return requesterDocumentKeys(request).flatMap((document) => days.map((probeDay) => keyOf(document, request.natureCode, probeDay)));
}

/** The same request, not a duplicate of itself: same protocol, or a portal resubmission of it. */
function isSameRequest(a: Request, b: OccurrenceRequest): boolean {
  if ('protocol' in a) return a.protocol === b.protocol;
  return a.portalSubmissionId === b.portalSubmissionId;
}

export interface DuplicateIndex {
  /** The indexed requests that duplicate `request` (never `request` itself), in index order. */
  find(request: Request): OccurrenceRequest[];
}

/** One pass over the candidates; each look-up then costs a handful of map probes (O(n + matches)). */
export function buildDuplicateIndex(candidates: readonly OccurrenceRequest[]): DuplicateIndex {
  const byKey = new Map<string, number[]>();
  candidates.forEach((candidate, position) => {
    for (const key of duplicateKeys(candidate)) {
      const positions = byKey.get(key);
      if (positions) positions.push(position);
      else byKey.set(key, [position]);
    }
  });
  return {
    find(request) {
      const positions = new Set<number>();
      for (const key of duplicateProbeKeys(request)) for (const position of byKey.get(key) ?? []) positions.add(position);
      return [...positions]
        .sort((a, b) => a - b)
        .map((position) => candidates[position] as OccurrenceRequest)
        .filter((candidate) => !isSameRequest(request, candidate));
    },
  };
}

/**
 * Other requests with the same requester document and nature whose fact is at most one calendar day away
 * (seed 001: avoid duplicates). One linear pass with set look-ups; for many requests against one list,
 * build the index once with `buildDuplicateIndex`.
 */
export function findDuplicateCandidates(request: Request, candidates: readonly OccurrenceRequest[]): OccurrenceRequest[] {
  const probes = new Set(duplicateProbeKeys(request));
  return candidates.filter((candidate) => !isSameRequest(request, candidate) && duplicateKeys(candidate).some((key) => probes.has(key)));
}
