import { describe, expect, it } from 'vitest';
import { DATABASE_NAMES } from '../../shared/schemas';
import { INITIAL_SYNC_STATE, initialProgressPercent, initialSyncSettled, syncReducer, type SyncEvent, type SyncState } from './sync-state';

const run = (events: SyncEvent[], from: SyncState = INITIAL_SYNC_STATE) => events.reduce(syncReducer, from);

describe('syncReducer', () => {
  it('is online with the time of the last acknowledged request', () => {
    const state = run([{ type: 'request-succeeded', at: '2026-03-01T10:00:00Z' }]);
    expect(state.connection).toBe('online');
    expect(state.lastSyncAt).toBe('2026-03-01T10:00:00Z');
  });

  it('a network failure goes offline but keeps the last sync time', () => {
    const state = run([
      { type: 'request-succeeded', at: '2026-03-01T10:00:00Z' },
      { type: 'request-failed', reason: 'network', message: 'sem conexão' },
    ]);
    expect(state.connection).toBe('offline');
    expect(state.lastSyncAt).toBe('2026-03-01T10:00:00Z');
    expect(state.lastError).toBe('sem conexão');
  });

  it('a server fault keeps the connection state; an expired session asks for a login', () => {
    const online = run([{ type: 'request-succeeded', at: '2026-03-01T10:00:00Z' }]);
    expect(syncReducer(online, { type: 'request-failed', reason: 'server', message: 'HTTP 503' }).connection).toBe('online');
    expect(syncReducer(online, { type: 'request-failed', reason: 'unauthenticated', message: 'x' }).connection).toBe('unauthenticated');
  });

  it('counts pending and refused changes', () => {
    expect(run([{ type: 'counts', pending: 3, refused: 1 }])).toMatchObject({ pending: 3, refused: 1 });
  });
});

describe('initial sync progress', () => {
  it('sums every database and ends when all are done', () => {
    const started = run([
      { type: 'initial-started', db: 'requests', total: 80 },
      { type: 'initial-started', db: 'reference', total: 20 },
      { type: 'initial-stored', db: 'requests', count: 40 },
    ]);
    expect(initialProgressPercent(started)).toBe(40);
    const referenceDone = run([{ type: 'initial-stored', db: 'reference', count: 20 }, { type: 'initial-done', db: 'reference' }], started);
    expect(initialProgressPercent(referenceDone)).toBe(60);
    const allDone = run([{ type: 'initial-done', db: 'requests' }], referenceDone);
    expect(initialProgressPercent(allDone)).toBeNull();
  });

  it('never goes past 100 when more documents arrive than counted', () => {
    const state = run([
      { type: 'initial-started', db: 'notes', total: 2 },
      { type: 'initial-stored', db: 'notes', count: 5 },
      { type: 'initial-started', db: 'cards', total: 5 },
    ]);
    expect(initialProgressPercent(state)).toBe(50);
  });

  it('stays below 100 until every database is done, even with every document stored', () => {
    const stored = run([
      { type: 'initial-started', db: 'requests', total: 600 },
      { type: 'initial-stored', db: 'requests', count: 600 },
    ]);
    expect(initialProgressPercent(stored)).toBe(99);
    expect(initialProgressPercent(run([{ type: 'initial-done', db: 'requests' }], stored))).toBeNull();
  });

  it('settles once every database finished its initial sync or had synced before', () => {
    const [first, ...others] = DATABASE_NAMES;
    const started = run([{ type: 'initial-started', db: first!, total: 10 }, ...others.map((db): SyncEvent => ({ type: 'initial-done', db }))]);
    expect(initialSyncSettled(INITIAL_SYNC_STATE)).toBe(false);
    expect(initialSyncSettled(started)).toBe(false);
    expect(initialSyncSettled(run([{ type: 'initial-done', db: first! }], started))).toBe(true);
  });
});
