import type { z } from 'zod';

/**
 * A fast pre-check compiled from a zod schema's definition: true only when zod would accept the value and
 * return a deep copy of it unchanged (no unknown keys to strip, no defaults, no transforms). False means
 * "ask zod": a refusal, and everything the compiler does not understand, goes to the full parse, so the
 * decision and the refusal reason are always zod's. Zod 4 spends most of a valid parse building payloads,
 * issue lists and output copies; this walks the value once and allocates nothing.
 */
export type Acceptor = (value: unknown) => boolean;

/** The parts of zod 4's internal definitions the compiler reads (`schema._zod.def`). */
interface Definition {
  type: string;
  coerce?: boolean;
  checks?: { _zod: { def: CheckDefinition } }[];
  /** String formats (`z.iso.datetime()` and the like) are strings with their own check. */
  check?: string;
  format?: string;
  pattern?: RegExp;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  innerType?: Schema;
  element?: Schema;
  options?: Schema[];
  discriminator?: string;
  unionFallback?: boolean;
  entries?: Record<string, unknown>;
  values?: unknown[];
}
interface CheckDefinition {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}
interface Schema {
  _zod: { def: Definition };
}

const NEVER: Acceptor = () => false;
/** String formats whose whole check is the pattern zod keeps in the definition. */
const PATTERN_FORMATS = new Set(['regex', 'datetime', 'date']);

export function compileAcceptor(schema: z.ZodType): Acceptor {
  return compile(schema as unknown as Schema);
}

function compile(schema: Schema): Acceptor {
  const def = schema._zod.def;
  if (def.coerce) return NEVER;
  switch (def.type) {
    case 'string':
      return compileString(def);
    case 'number':
      return compileNumber(def);
    case 'boolean':
      return def.checks?.length ? NEVER : (value) => typeof value === 'boolean';
    case 'literal':
      return literal(def.values ?? []);
    case 'enum': {
      // Numeric (TypeScript) enums carry reverse mappings zod filters out; only string enums here.
      const values = Object.values(def.entries ?? {});
      return values.every((value) => typeof value === 'string') ? literal(values) : NEVER;
    }
    case 'object':
      return compileObject(def);
    case 'array':
      return compileArray(def);
    case 'union':
      return compileDiscriminatedUnion(def);
    default:
      return NEVER;
  }
}

/** Only primitive members: `includes` compares with SameValueZero, which is zod's `Set.has`. */
function literal(values: unknown[]): Acceptor {
  if (!values.every((value) => typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && !Object.is(value, -0)))) return NEVER;
  return (value) => values.includes(value) && !Object.is(value, -0);
}

type Test = (value: never) => boolean;

/** Length and pattern checks of strings and arrays; null when a check is not understood. */
function lengthTests(def: Definition): Test[] | null {
  const tests: Test[] = [];
  for (const check of def.checks ?? []) {
    const { check: kind, minimum, maximum, pattern, format } = check._zod.def;
    if (kind === 'min_length' && typeof minimum === 'number') tests.push((value: { length: number }) => value.length >= minimum);
    else if (kind === 'max_length' && typeof maximum === 'number') tests.push((value: { length: number }) => value.length <= maximum);
    else if (kind === 'string_format' && format === 'regex' && pattern) tests.push(patternTest(pattern));
    else return null;
  }
  return tests;
}

function patternTest(pattern: RegExp): Test {
  return (value: string) => {
    pattern.lastIndex = 0;
    return pattern.test(value);
  };
}

function compileString(def: Definition): Acceptor {
  const tests = lengthTests(def);
  if (!tests) return NEVER;
  if (def.check !== undefined) {
    if (def.check !== 'string_format' || !PATTERN_FORMATS.has(def.format ?? '') || !def.pattern) return NEVER;
    tests.unshift(patternTest(def.pattern));
  }
  return (value) => typeof value === 'string' && tests.every((test) => (test as (value: string) => boolean)(value));
}

function compileNumber(def: Definition): Acceptor {
  const tests: ((value: number) => boolean)[] = [];
  for (const check of def.checks ?? []) {
    const { check: kind, format, value: bound, inclusive } = check._zod.def;
    if (kind === 'number_format' && format === 'safeint') tests.push(Number.isSafeInteger);
    else if (kind === 'greater_than' && typeof bound === 'number') tests.push(inclusive ? (value) => value >= bound : (value) => value > bound);
    else if (kind === 'less_than' && typeof bound === 'number') tests.push(inclusive ? (value) => value <= bound : (value) => value < bound);
    else return NEVER;
  }
  return (value) => typeof value === 'number' && Number.isFinite(value) && tests.every((test) => test(value));
}

interface Field {
  key: string;
  optional: boolean;
  accepts: Acceptor;
}

function compileObject(def: Definition): Acceptor {
  if (def.checks?.length || !def.shape) return NEVER;
  const fields: Field[] = [];
  for (const [key, member] of Object.entries(def.shape)) {
    const memberDef = member._zod.def;
    const optional = memberDef.type === 'optional';
    if (optional && memberDef.checks?.length) return NEVER;
    const inner = optional ? memberDef.innerType : member;
    if (!inner) return NEVER;
    fields.push({ key, optional, accepts: compile(inner) });
  }
  const known = new Set(fields.map((field) => field.key));
  return (value) => {
    if (!isPlainObject(value)) return false;
    let present = 0;
    for (const field of fields) {
      if (!Object.hasOwn(value, field.key)) {
        if (!field.optional) return false;
        continue;
      }
      present += 1;
      if (!field.accepts(value[field.key])) return false;
    }
    // Unknown keys would be stripped (or refused): the output would not be the input.
    if (Object.keys(value).length !== present) return false;
    for (const key in value) if (!known.has(key)) return false;
    return true;
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function compileArray(def: Definition): Acceptor {
  const tests = lengthTests(def);
  if (!tests || !def.element || tests.length !== (def.checks?.length ?? 0)) return NEVER;
  if (def.checks?.some((check) => check._zod.def.check === 'string_format')) return NEVER;
  const element = compile(def.element);
  return (value) => {
    if (!Array.isArray(value) || !tests.every((test) => (test as (value: unknown[]) => boolean)(value))) return false;
    // By index, not `every`: a hole is an undefined element to zod.
    for (let index = 0; index < value.length; index += 1) if (!element(value[index])) return false;
    return true;
  };
}

/** `z.discriminatedUnion`: the discriminator's value picks the one option zod would parse with. */
function compileDiscriminatedUnion(def: Definition): Acceptor {
  const key = def.discriminator;
  if (key === undefined || def.unionFallback || def.checks?.length || !def.options) return NEVER;
  const byValue = new Map<unknown, Acceptor>();
  for (const option of def.options) {
    const discriminant = option._zod.def.shape?.[key]?._zod.def;
    if (discriminant?.type !== 'literal' || !discriminant.values) return NEVER;
    const accepts = compile(option);
    for (const value of discriminant.values) {
      // Two options with one value: zod would refuse the schema; do not guess.
      if (byValue.has(value)) return NEVER;
      byValue.set(value, accepts);
    }
  }
  return (value) => {
    if (!isPlainObject(value)) return false;
    const accepts = byValue.get(value[key]);
    return accepts !== undefined && accepts(value);
  };
}
