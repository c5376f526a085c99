import { describe, expect, it } from 'vitest';
import type { StoredDocument } from './collection-schemas';
import { keepServerUnlessOnlyRevisionMoved, onlyRevisionMoved } from './conflict-handler';

type Doc = StoredDocument & { _deleted: boolean };

const claim = (overrides: Partial<Record<string, unknown>>): Doc =>
  ({
    id: 'DV-2026-00000001',
    type: 'claim',
    schemaVersion: 1,
    requestId: 'DV-2026-00000001',
    unitId: 'dv-a',
    officerId: 'ana',
    officerName: 'Ana',
    workstationId: 'ws-ana',
    claimedAt: '2026-03-01T10:00:00.000Z',
    expiresAt: '2026-03-01T10:30:00.000Z',
    provisional: false,
    _deleted: false,
    ...overrides,
  }) as Doc;

const resolve = (input: { newDocumentState: Doc; assumedMasterState?: Doc; realMasterState: Doc }) =>
  keepServerUnlessOnlyRevisionMoved.resolve(input, 'test');

describe('conflict handler', () => {
  it('replays the local change on the new revision when only the revision moved', async () => {
    const assumed = claim({ couchRev: '1-a' });
    const real = claim({ couchRev: '2-b' });
    const local = claim({ couchRev: '1-a', releasedAt: '2026-03-01T10:05:00.000Z' });
    expect(onlyRevisionMoved(assumed, real)).toBe(true);
    expect(await resolve({ newDocumentState: local, assumedMasterState: assumed, realMasterState: real })).toEqual({ ...local, couchRev: '2-b' });
  });

  it('keeps the server version when someone else changed the document', async () => {
    const assumed = claim({ couchRev: '1-a' });
    const real = claim({ couchRev: '2-b', officerId: 'bruno', officerName: 'Bruno' });
    const local = claim({ couchRev: '1-a', releasedAt: '2026-03-01T10:05:00.000Z' });
    expect(await resolve({ newDocumentState: local, assumedMasterState: assumed, realMasterState: real })).toEqual(real);
  });

  it('keeps the server version when both created the same document', async () => {
    const real = claim({ couchRev: '1-b', officerId: 'bruno', officerName: 'Bruno' });
    expect(await resolve({ newDocumentState: claim({}), realMasterState: real })).toEqual(real);
  });

  it('tells equal states by content, revision included', () => {
    expect(keepServerUnlessOnlyRevisionMoved.isEqual(claim({ couchRev: '1-a' }), claim({ couchRev: '1-a' }), 'test')).toBe(true);
    expect(keepServerUnlessOnlyRevisionMoved.isEqual(claim({ couchRev: '1-a' }), claim({ couchRev: '2-b' }), 'test')).toBe(false);
  });
});
