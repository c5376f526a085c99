import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RedsLeaseSchema, type RedsLease } from '../schemas';
import { compareRedsNumbers, formatRedsNumber, nextRedsNumber, parseRedsNumber } from './reds-number';

const arbParts = fc.record({ year: fc.integer({ min: 1000, max: 9999 }), sequence: fc.integer({ min: 1, max: 999_999_999 }), suffix: fc.integer({ min: 1, max: 999 }) });
const arbNumberOrJunk = fc.oneof(arbParts.map(formatRedsNumber), fc.constantFrom('', 'lixo', '2025-000000000-001', '2025-1-1'), fc.string({ maxLength: 20 }));

const lease = (overrides: Partial<RedsLease> = {}): RedsLease =>
  RedsLeaseSchema.parse({
    type: 'reds_lease',
    schemaVersion: 1,
    leaseId: 'lease-ws-bh-01-0001',
    year: 2025,
    firstSequence: 101,
    lastSequence: 103,
    workstationId: 'ws-bh-01',
    userId: 'joao.souza',
    unitId: 'dv-mg',
    leasedAt: '2025-06-10T08:00:00-03:00',
    expiresAt: '2025-06-17T08:00:00-03:00',
    status: 'active',
    ...overrides,
  });
const NOW = '2025-06-10T12:00:00-03:00';

describe('REDS numbers', () => {
  it('formats the official shape', () => {
    expect(formatRedsNumber({ year: 2019, sequence: 3_883_264, suffix: 1 })).toBe('2019-003883264-001');
    expect(() => formatRedsNumber({ year: 2019, sequence: 0, suffix: 1 })).toThrow(RangeError);
    expect(() => formatRedsNumber({ year: 2019, sequence: 1, suffix: 1000 })).toThrow(RangeError);
  });

  it('parses what it formats (round trip) and refuses the rest in Portuguese', () => {
    fc.assert(fc.property(arbParts, (parts) => {
      expect(parseRedsNumber(formatRedsNumber(parts))).toEqual({ ok: true, value: parts });
    }));
    expect(parseRedsNumber('2019-3883264-001')).toEqual({ ok: false, error: 'número REDS inválido: use o formato AAAA-NNNNNNNNN-NNN' });
    expect(parseRedsNumber('2019-000000000-001').ok).toBe(false);
    expect(parseRedsNumber('2019-000000001-000').ok).toBe(false);
    expect(parseRedsNumber(' 2019-003883264-001 ').ok).toBe(true);
  });

  it('orders by year, then sequence, then suffix', () => {
    const sorted = ['2020-000000001-001', '2019-003883264-002', '2019-003883264-001', '2019-000000002-999'].sort(compareRedsNumbers);
    expect(sorted).toEqual(['2019-000000002-999', '2019-003883264-001', '2019-003883264-002', '2020-000000001-001']);
    // Unreadable entries go after every valid number, even those that sort first as strings.
    expect(['', '0000-000000001-001', '2019-000000001-001'].sort(compareRedsNumbers)).toEqual(['2019-000000001-001', '', '0000-000000001-001']);
  });

  it('is a total order: reflexive, antisymmetric, transitive, agreeing with the parts', () => {
    fc.assert(
      fc.property(arbNumberOrJunk, arbNumberOrJunk, arbNumberOrJunk, (a, b, c) => {
        expect(compareRedsNumbers(a, a)).toBe(0);
        expect(Math.sign(compareRedsNumbers(a, b))).toBe(-Math.sign(compareRedsNumbers(b, a)) || 0);
        if (compareRedsNumbers(a, b) === 0) expect(a).toBe(b);
        if (compareRedsNumbers(a, b) <= 0 && compareRedsNumbers(b, c) <= 0) expect(compareRedsNumbers(a, c)).toBeLessThanOrEqual(0);
      }),
    );
    fc.assert(
      fc.property(arbParts, arbParts, (x, y) => {
        const byParts = Math.sign(x.year - y.year || x.sequence - y.sequence || x.suffix - y.suffix);
        expect(Math.sign(compareRedsNumbers(formatRedsNumber(x), formatRedsNumber(y)))).toBe(byParts);
      }),
    );
  });

  it('issues the block in order and stops when it is spent', () => {
    expect(nextRedsNumber(lease(), null, NOW)).toEqual({ ok: true, value: { number: '2025-000000101-001', sequence: 101 } });
    expect(nextRedsNumber(lease(), 102, NOW)).toEqual({ ok: true, value: { number: '2025-000000103-001', sequence: 103 } });
    expect(nextRedsNumber(lease(), 103, NOW)).toEqual({ ok: false, error: 'Bloco de números REDS esgotado: solicite um novo bloco.' });
    expect(nextRedsNumber(lease(), 99, NOW).ok).toBe(false);
    expect(nextRedsNumber(lease(), 104, NOW).ok).toBe(false);
  });

  it('refuses a closed or expired block', () => {
    expect(nextRedsNumber(lease({ status: 'returned', closedAt: NOW }), null, NOW).ok).toBe(false);
    expect(nextRedsNumber(lease(), null, '2025-06-17T08:00:00-03:00')).toEqual({ ok: false, error: 'Bloco de números REDS vencido: solicite um novo bloco.' });
    expect(nextRedsNumber(lease(), null, new Date('2025-06-17T10:59:59Z')).ok).toBe(true);
  });

  it('never issues a number outside the block or twice along a run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 50 }), (first, size) => {
        const block = lease({ firstSequence: first, lastSequence: first + size });
        const issued = new Set<string>();
        let last: number | null = null;
        for (;;) {
          const next = nextRedsNumber(block, last, NOW);
          if (!next.ok) break;
          expect(next.value.sequence).toBeGreaterThanOrEqual(first);
          expect(next.value.sequence).toBeLessThanOrEqual(first + size);
          expect(issued.has(next.value.number)).toBe(false);
          issued.add(next.value.number);
          last = next.value.sequence;
        }
        expect(issued.size).toBe(size + 1);
      }),
    );
  });
});
