import { describe, expect, it } from 'vitest';
import { isPickupOverdue, stageAging } from './aging';
import { movesFrom } from './moves';
import { cardSearchKey, cardSearchMatcher, lookupCards } from './search';

const post = { stageTargetDays: { in_production: 10 }, defaultStageTargetDays: 4, pickupDeadlineDays: 90 };

describe('card board rules', () => {
  it('colors days in stage against the post target or its default', () => {
    expect(stageAging('in_production', '2026-03-01T12:00:00-03:00', '2026-03-09T12:00:00-03:00', post)).toEqual({ days: 8, targetDays: 10, level: 'near' });
    expect(stageAging('scheduled', '2026-03-01T12:00:00-03:00', '2026-03-06T12:00:00-03:00', post).level).toBe('late');
    expect(stageAging('scheduled', '2026-03-01T12:00:00-03:00', '2026-03-02T12:00:00-03:00', post).level).toBe('ok');
    expect(stageAging('delivered', '2026-01-01T12:00:00-03:00', '2026-03-02T12:00:00-03:00', post).level).toBe('closed');
  });

  it('lists a card for return only after the pickup deadline', () => {
    expect(isPickupOverdue('available_for_pickup', '2026-01-01T10:00:00-03:00', '2026-03-31T10:00:00-03:00', post)).toBe(false);
    expect(isPickupOverdue('available_for_pickup', '2026-01-01T10:00:00-03:00', '2026-04-02T10:00:00-03:00', post)).toBe(true);
    expect(isPickupOverdue('shipped', '2026-01-01T10:00:00-03:00', '2026-06-01T10:00:00-03:00', post)).toBe(false);
  });

  it('offers out of a pendência only the moves its origin allows', () => {
    const targets = movesFrom({ stage: 'pending_issue', pendingFrom: 'validated' }).map((move) => `${move.kind}:${move.to}`);
    expect(targets).toContain('resolve:validated');
    expect(targets).toContain('resolve:in_production');
    expect(targets).not.toContain('resolve:shipped');
    expect(movesFrom({ stage: 'delivered' })).toEqual([]);
  });

  it('finds cards by protocol, CPF or name without accents, and looks them up by CPF and birth date', () => {
    const card = { protocol: 'CI-2026-00000007', holder: { cpf: '52998224725', fullName: 'João Conceição', birthDate: '1980-02-03', sex: 'male' as const } };
    const key = cardSearchKey(card);
    expect(cardSearchMatcher('conceicao joao')(key)).toBe(true);
    expect(cardSearchMatcher('529.982.247-25')(key)).toBe(true);
    expect(cardSearchMatcher('ci-2026-00000007')(key)).toBe(true);
    expect(cardSearchMatcher('maria')(key)).toBe(false);
    expect(cardSearchMatcher('982.247')(key)).toBe(true);
    expect(cardSearchMatcher('joao 77')(key)).toBe(false);
    expect(lookupCards([card], { cpf: '529.982.247-25', birthDate: '1980-02-03' })).toHaveLength(1);
    expect(lookupCards([card], { cpf: '52998224725', birthDate: '1980-02-04' })).toHaveLength(0);
    expect(lookupCards([card], { protocol: ' ci-2026-00000007' })).toHaveLength(1);
  });
});
