import { badRequest } from './errors';

/** A parsed query string: fastify gives a string, or an array for a repeated key. */
export type Query = Record<string, string | string[] | undefined>;

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value.at(-1) : value;
}

export function boolParam(query: Query, name: string, fallback = false): boolean {
  const value = single(query, name);
  if (value === undefined) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badRequest(`Invalid boolean parameter: ${name}`, 'query_parse_error');
}

export function intParam(query: Query, name: string): number | null {
  const value = single(query, name);
  if (value === undefined || value === '') return null;
  if (!/^\d{1,15}$/.test(value)) throw badRequest(`Invalid value for integer: "${name}"`, 'query_parse_error');
  return Number(value);
}

export function stringParam(query: Query, name: string): string | undefined {
  return single(query, name);
}

/** A JSON-encoded parameter (`startkey="a"`, `keys=[…]`, `open_revs=[…]`). */
export function jsonParam(query: Query, name: string): unknown {
  const value = single(query, name);
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(`Invalid JSON in parameter: ${name}`);
  }
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A request body that must be a JSON object. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) throw badRequest('Request body must be a JSON object');
  return body;
}
