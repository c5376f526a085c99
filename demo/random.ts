import { Faker, base, pt_BR, type Randomizer } from '@faker-js/faker';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

/** murmur3's 32-bit finalizer: nearby inputs (seed, index) give unrelated outputs. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export function hashParts(parts: readonly number[], salt = 0): number {
  let h = mix32(0x9e3779b9 ^ salt);
  for (const part of parts) h = mix32(h ^ Math.imul(part | 0, 0xcc9e2d51) ^ Math.floor(part / 0x1_0000_0000));
  return h;
}

/** A number in [0, 1) fixed by its parts, without touching any generator. */
export function unitFloat(parts: readonly number[], salt = 0): number {
  return (hashParts(parts, salt) >>> 0) / 0x1_0000_0000;
}

/**
 * Faker's default Mersenne Twister costs ~50 µs per reseed; the generator reseeds once per record (so any
 * record can be rebuilt alone), hence xoroshiro128+ from pure-rand.
 */
function xoroshiroRandomizer(): Randomizer {
  let rng = xoroshiro128plusFromState([1, 2, 3, 4]);
  return {
    next: () => uniformFloat64(rng),
    seed: (seed) => {
      const parts = Array.isArray(seed) ? seed : [seed];
      rng = xoroshiro128plusFromState([1, 2, 3, 4].map((salt) => hashParts(parts, salt)));
    },
  };
}

export interface Weighted<T> {
  value: T;
  weight: number;
}

/** Cumulative weights computed once, so a pick is a short scan instead of faker summing every time. */
/** The first index whose cumulative weight exceeds `target` (binary search over a non-decreasing list). */
export function indexAtCumulative(cumulative: readonly number[], target: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((cumulative[mid] as number) > target) high = mid;
    else low = mid + 1;
  }
  return low;
}

export class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: number[];
  readonly total: number;

  constructor(entries: readonly Weighted<T>[]) {
    let sum = 0;
    this.values = entries.map((entry) => entry.value);
    this.cumulative = entries.map((entry) => (sum += entry.weight));
    this.total = sum;
    if (!(sum > 0)) throw new RangeError('a weighted table needs a positive total');
  }

  pickAt(unit: number): T {
    return this.values[indexAtCumulative(this.cumulative, unit * this.total)] as T;
  }
}

/**
 * A seeded faker (pt_BR) for its locale data, and the draws the generator makes most, taken straight from
 * the same randomizer: faker's argument checks cost more than the draw itself at millions of calls.
 */
export class Dice {
  private readonly randomizer = xoroshiroRandomizer();
  readonly faker = new Faker({ locale: [pt_BR, base], randomizer: this.randomizer });

  reseed(...parts: number[]): this {
    this.randomizer.seed(parts);
    return this;
  }

  float(min = 0, max = 1): number {
    return min + this.randomizer.next() * (max - min);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.randomizer.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.randomizer.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    if (values.length === 0) throw new RangeError('cannot pick from an empty list');
    return values[Math.floor(this.randomizer.next() * values.length)] as T;
  }

  weighted<T>(table: WeightedTable<T>): T {
    return table.pickAt(this.randomizer.next());
  }

  digits(count: number): string {
    let out = '';
    for (let index = 0; index < count; index++) out += Math.floor(this.randomizer.next() * 10);
    return out;
  }

  hex(count: number): string {
    let out = '';
    while (out.length < count) out += Math.floor(this.randomizer.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
    return out.slice(0, count);
  }
}

export const weightedTable = <T>(entries: readonly Weighted<T>[]): WeightedTable<T> => new WeightedTable(entries);
