import { describe, expect, it } from 'vitest';
import { entryFixture, leaseFixture } from '../../reds/test-fixtures';
import { decisionDocId, type Note } from '../../schemas';
import { deriveCardStage } from '../card-stage-fold';
import { makeCardEvent, makeCardProcess, makeDecision } from '../test-fixtures';
import { conflictsOf, resolutionNoteText, resolutionsOf } from './conflicts';

describe('conflicts', () => {
  const lease = leaseFixture({ userId: 'maria.lima', workstationId: 'ws-maria' });
  const standing = makeDecision({ requestId: 'DV-2026-00000101', sequence: 1, outcome: 'rejected', redsNumber: undefined, reasonCode: 'in_person', orientationText: 'Compareça.' });
  const lostEntry = entryFixture(lease, 101, {
    status: 'void',
    void: { reason: 'Decisão não prevaleceu: João Souza decidiu antes.', voidedBy: 'maria.lima', voidedAt: '2026-03-01T09:00:00.000Z', automatic: true },
  });
  const manualVoid = entryFixture(lease, 102, { status: 'void', void: { reason: 'Emitido por engano na estação.', voidedBy: 'sup', voidedAt: '2026-03-01T10:00:00.000Z', automatic: false } });
  const card = makeCardProcess();
  const won = makeCardEvent({ eventId: 'evt-0000000a', at: '2025-06-01T09:05:00-03:00' });
  const stale = makeCardEvent({ eventId: 'evt-0000000b', at: '2025-06-01T09:06:00-03:00', byName: 'Outra Atendente' });
  const illegal = makeCardEvent({ eventId: 'evt-0000000c', from: 'fee_settled', to: 'delivered', at: '2025-06-01T09:07:00-03:00' });

  it('lists automatically voided validations with the standing decision, and every card move the fold did not apply', () => {
    const events = [won, stale, illegal];
    const decisions = new Map([[decisionDocId(standing.requestId, standing.sequence), standing]]);
    const conflicts = conflictsOf({ entries: [lostEntry, manualVoid, entryFixture(lease, 103)], decisionOf: (id) => decisions.get(id), cards: [{ card, derived: deriveCardStage(card, events), events }] });
    expect(conflicts.map((conflict) => conflict.key)).toEqual([`decisao:${lostEntry.number}`, 'carteira:CI-2025-00004321:evt-0000000c', 'carteira:CI-2025-00004321:evt-0000000b']);
    const [decision, illegalMove, staleMove] = conflicts;
    expect(decision?.kind === 'decision' && decision.standing).toEqual(standing);
    expect(decision?.kind === 'decision' && decision.lost.userId).toBe('maria.lima');
    expect(staleMove?.kind === 'card' && [staleMove.anomaly.kind, staleMove.lost?.eventId, staleMove.winner?.eventId]).toEqual(['stale', 'evt-0000000b', 'evt-0000000a']);
    expect(illegalMove?.kind === 'card' && [illegalMove.anomaly.kind, illegalMove.winner]).toEqual(['illegal', null]);
  });

  it('reads the latest resolution note of each conflict', () => {
    const note = (text: string, createdAt: string): Note => ({
      type: 'note',
      schemaVersion: 1,
      subject: { kind: 'request', id: 'DV-2026-00000101', unitId: 'dv-mg' },
      authorId: 'sup',
      authorName: 'Supervisora',
      createdAt,
      text,
    });
    const resolutions = resolutionsOf([note(resolutionNoteText('decisao:x', 'segunda'), '2026-03-02T00:00:00Z'), note(resolutionNoteText('decisao:x', 'primeira'), '2026-03-01T00:00:00Z'), note('nota comum', '2026-03-03T00:00:00Z')]);
    expect([...resolutions.entries()]).toEqual([['decisao:x', { authorName: 'Supervisora', createdAt: '2026-03-02T00:00:00Z', text: 'segunda' }]]);
  });
});
