import { describe, expect, it } from 'vitest';
import { cardLookupAccessEntries, type LookupActor } from './lookup-access';

const actor: LookupActor = { userId: 'sara.lima', userName: 'Sara Lima', role: 'service_desk', scopeId: 'dv-mg-capital', workstationId: 'ws-desk0001' };
let next = 0;
const newId = () => `entry-${String((next += 1)).padStart(4, '0')}`;

describe('cardLookupAccessEntries', () => {
  it('logs one look-up entry per card shown, naming what the desk saw', () => {
    const entries = cardLookupAccessEntries({ cpf: '529.982.247-25', birthDate: '1980-02-03' }, ['CI-2026-00000001', 'CI-2026-00000002'], actor, '2026-03-01T10:00:00-03:00', newId);
    expect(entries.map((entry) => [entry.action, entry.record.kind, entry.record.id])).toEqual([
      ['lookup', 'card', 'CI-2026-00000001'],
      ['lookup', 'card', 'CI-2026-00000002'],
    ]);
    expect(entries[0]).toMatchObject({ userId: 'sara.lima', role: 'service_desk', scopeId: 'dv-mg-capital', at: '2026-03-01T13:00:00.000Z' });
    expect(entries[0]?.fields).toEqual(expect.arrayContaining(['holder.cpf', 'holder.birthDate', 'stage', 'holder.fullName:masked']));
  });

  it('logs a look-up that found nothing too, without keeping the CPF searched for', () => {
    const [entry, ...rest] = cardLookupAccessEntries({ cpf: '52998224725', birthDate: '1980-02-03' }, [], actor, new Date('2026-03-01T13:00:00Z'), newId);
    expect(rest).toHaveLength(0);
    expect(entry?.record).toEqual({ kind: 'card', id: 'cpf:***.982.247-**' });
    expect(JSON.stringify(entry)).not.toContain('52998224725');
    const [byProtocol] = cardLookupAccessEntries({ protocol: ' ci-2026-00000009' }, [], actor, new Date('2026-03-01T13:00:00Z'), newId);
    expect(byProtocol?.record.id).toBe('protocolo:CI-2026-00000009');
    expect(byProtocol?.fields).toEqual(['protocol']);
  });
});
