import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../../demo';
import { z } from 'zod';
import { OccurrenceRequestSchema, PlantaoDocumentSchema } from '../../shared/schemas';
import { compileAcceptor } from '../../sync-server/policy/compiled-acceptor';
import { parseDocument } from '../../sync-server/policy/parse-document';

type Json = unknown;
type Path = (string | number)[];

/** Every document type the demo makes, without `_id` (the server validates bodies without underscore fields). */
const SAMPLES: Record<string, unknown>[] = (() => {
  const data = generateDemoData({ seed: 7, now: '2026-11-20T12:00:00.000Z', requests: 300, cards: 40 });
  const byType = new Map<string, Record<string, unknown>[]>();
  for (const { _id: _ignored, ...body } of data.all) {
    const list = byType.get(body.type) ?? [];
    if (list.length < 40) list.push(body);
    byType.set(body.type, list);
  }
  return [...byType.values()].flat();
})();

function paths(value: Json, prefix: Path = []): Path[] {
  const found: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => found.push(...paths(item, [...prefix, index])));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) found.push(...paths(item, [...prefix, key]));
  return found;
}

function at(root: Json, path: Path): Json {
  return path.reduce<Json>((value, key) => (value as Record<string | number, Json>)[key], root);
}

/** Values around the edges of what the schemas accept: lengths, formats, number kinds, wrong types. */
const weirdValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -0, 1, -1, 0.5, 1e21, 2 ** 53, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY, -90, 90.0001, 120, 121, 20 * 1024 * 1024, 999, 1000),
  fc.constantFrom('', ' ', 'a', 'ab', 'abc', 'x'.repeat(7), 'x'.repeat(8), 'x'.repeat(161), 'x'.repeat(2001), '2026-02-30', '2026-11-20T12:00:00Z', '2026-11-20T12:00:00.000+03:00', '2026-11-20 12:00:00Z', 'DV-2026-00000001', 'DV-2026-0000001', 'SP', 'sp', 'XX', '12345678901', '1234567890a', '__proto__', 'constructor'),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.constant([]),
  fc.constant({}),
  // A hole at index 0: zod reads it as undefined.
  fc.constant(new Array<unknown>(2).fill(1, 1)),
  // A fresh copy each time: a shared array or object would end up inside itself.
).map((value) => structuredClone(value));

type Mutation = (doc: Record<string, unknown>) => void;

/** One edit at a path chosen by index among the document's paths. */
const mutation: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), fc.nat(5), weirdValue, fc.nat(40), fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 2 })).map(
  ([pick, kind, value, length, text, delta]) =>
    (doc) => {
      const all = paths(doc);
      const path = all[pick % all.length]!;
      const parent = path.length > 0 ? (at(doc, path.slice(0, -1)) as Record<string | number, Json>) : null;
      const key = path.at(-1);
      const current = at(doc, path);
      if (kind === 0 && parent && key !== undefined) {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      } else if (kind === 1 && parent && key !== undefined) parent[key] = value;
      else if (kind === 2 && typeof current === 'object' && current !== null && !Array.isArray(current)) (current as Record<string, Json>)[text || 'extra'] = value;
      else if (kind === 3 && parent && key !== undefined && typeof current === 'string') parent[key] = current.slice(0, length) + text;
      else if (kind === 4 && parent && key !== undefined && typeof current === 'string' && current.length > 0) {
        const index = length % current.length;
        parent[key] = current.slice(0, index) + (text[0] ?? '0') + current.slice(index + 1);
      } else if (parent && key !== undefined && typeof current === 'number') parent[key] = current + delta;
      else if (Array.isArray(current)) current.push(structuredClone(current[0] ?? value));
    },
);

describe('compiled acceptor against zod', () => {
  it('accepts every demo document type it compiles, so the fast path is the one the server takes', () => {
    const accepts = compileAcceptor(PlantaoDocumentSchema);
    const requests = SAMPLES.filter((doc) => doc.type === 'request');
    expect(requests.length).toBeGreaterThan(0);
    for (const doc of requests) expect(accepts(doc)).toBe(true);
    for (const doc of SAMPLES) expect(PlantaoDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it('gives zod’s decision, data and refusal reasons for generated documents and mutations of them', () => {
    const seen = { accepted: 0, refused: 0, fastAccepted: 0 };
    const accepts = compileAcceptor(PlantaoDocumentSchema);
    fc.assert(
      fc.property(fc.nat(SAMPLES.length - 1), fc.array(mutation, { minLength: 0, maxLength: 3 }), (index, mutations) => {
        const doc = structuredClone(SAMPLES[index]!);
        for (const mutate of mutations) mutate(doc);
        const ours = parseDocument(doc);
        const zods = PlantaoDocumentSchema.safeParse(doc);
        expect(ours.success).toBe(zods.success);
        if (ours.success && zods.success) {
          expect(isDeepStrictEqual(ours.data, zods.data)).toBe(true);
          seen.accepted += 1;
        } else {
          expect(ours.error?.issues).toEqual(zods.error?.issues);
          seen.refused += 1;
        }
        if (accepts(doc)) {
          // The acceptor vouches only for what zod returns unchanged.
          expect(zods.success && isDeepStrictEqual(zods.data, doc)).toBe(true);
          seen.fastAccepted += 1;
        }
      }),
      { numRuns: 30_000, seed: 20261203 },
    );
    // The generator explores both sides of the boundary, and the fast path is taken for many of them.
    expect(seen.refused).toBeGreaterThan(5_000);
    expect(seen.accepted).toBeGreaterThan(5_000);
    expect(seen.fastAccepted).toBeGreaterThan(2_000);
  });

  it('falls back to zod for constructs it does not compile', () => {
    const request = OccurrenceRequestSchema;
    const sample = SAMPLES.find((doc) => doc.type === 'request');
    expect(compileAcceptor(request)(sample)).toBe(true);
    expect(compileAcceptor(request.refine(() => false))(sample)).toBe(false);
    expect(compileAcceptor(request.extend({ secret: z.boolean().default(false) }))(sample)).toBe(false);
    expect(compileAcceptor(request.extend({ narrative: z.string().trim() }))(sample)).toBe(false);
    expect(compileAcceptor(request.extend({ narrative: z.email() }))(sample)).toBe(false);
  });
});
