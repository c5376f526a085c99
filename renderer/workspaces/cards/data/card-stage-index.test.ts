import { describe, expect, it } from 'vitest';
import type { CardProcess, CardStageEvent } from '../../../../shared/schemas';
import { CardStageIndex } from './card-stage-index';

const card = (protocol: string): CardProcess => ({
  type: 'card_process',
  schemaVersion: 1,
  protocol,
  postId: 'posto-1',
  cardKind: 'cin',
  issuance: 'first',
  holder: { fullName: 'Titular de Teste', birthDate: '1990-01-01', sex: 'female', cpf: '52998224725' },
  cpfSituation: 'regular',
  fee: { status: 'free' },
  createdAt: '2026-03-01T10:00:00-03:00',
});

const event = (protocol: string, eventId: string, from: CardStageEvent['from'], to: CardStageEvent['to'], at: string): CardStageEvent => ({
  type: 'card_event',
  schemaVersion: 1,
  eventId,
  protocol,
  postId: 'posto-1',
  from,
  to,
  at,
  byUserId: 'carla',
  byName: 'Carla',
  workstationId: 'ws-test',
});

describe('CardStageIndex', () => {
  const first = event('CI-2026-00000001', 'event-0001', 'pre_requested', 'fee_settled', '2026-03-02T10:00:00-03:00');
  const second = event('CI-2026-00000001', 'event-0002', 'fee_settled', 'scheduled', '2026-03-03T10:00:00-03:00');
  const rival = event('CI-2026-00000001', 'event-0003', 'fee_settled', 'scheduled', '2026-03-03T11:00:00-03:00');

  it('derives the stage whether events come before or after their card, and ignores repeats', () => {
    const index = new CardStageIndex();
    index.apply([], [second]);
    expect(index.get('CI-2026-00000001')).toBeUndefined();
    index.apply([card('CI-2026-00000001'), card('CI-2026-00000002')], [first]);
    expect(index.get('CI-2026-00000001')?.derived.stage).toBe('scheduled');
    const version = index.version;
    expect(index.apply([], [first, second])).toBe(false);
    expect(index.version).toBe(version);
  });

  it('re-folds only the card an event belongs to and keeps a concurrent move as an anomaly', () => {
    const index = new CardStageIndex();
    index.apply([card('CI-2026-00000001'), card('CI-2026-00000002')], [first, second]);
    const untouched = index.get('CI-2026-00000002');
    let notified = 0;
    index.subscribe(() => (notified += 1));
    index.apply([], [rival]);
    expect(notified).toBe(1);
    expect(index.get('CI-2026-00000002')).toBe(untouched);
    expect(index.get('CI-2026-00000001')?.derived.anomalies.map((anomaly) => anomaly.kind)).toEqual(['stale']);
    expect(index.eventsOf('CI-2026-00000001')).toHaveLength(3);
  });

  it('keeps a card a live change brought over the older copy of a full read that ran meanwhile', () => {
    const index = new CardStageIndex();
    index.apply([{ ...card('CI-2026-00000001'), cpfSituation: 'suspended' }], []);
    index.apply([card('CI-2026-00000001'), card('CI-2026-00000002')], [first], true);
    expect(index.loaded).toBe(true);
    expect(index.get('CI-2026-00000001')?.card.cpfSituation).toBe('suspended');
    expect(index.get('CI-2026-00000001')?.derived.stage).toBe('fee_settled');
    expect(index.get('CI-2026-00000002')?.sinceDate).toBe('2026-03-01');
  });
});
