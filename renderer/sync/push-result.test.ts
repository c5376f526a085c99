import { describe, expect, it } from 'vitest';
import { classifyBulkDocsRow, classifyHttpFailure } from './push-result';

describe('classifyBulkDocsRow', () => {
  it('an acknowledged row is synced at the revision the server gave', () => {
    expect(classifyBulkDocsRow({ ok: true, id: 'a', rev: '2-x' })).toEqual({ kind: 'synced', id: 'a', rev: '2-x' });
  });

  it('a conflict goes to the conflict handler', () => {
    expect(classifyBulkDocsRow({ id: 'a', error: 'conflict', reason: 'Document update conflict.' })).toEqual({ kind: 'conflict', id: 'a' });
  });

  it('forbidden and unauthorized rows are refused with the server reason', () => {
    expect(classifyBulkDocsRow({ id: 'a', error: 'forbidden', reason: 'Fora da sua unidade.' })).toEqual({
      kind: 'refused',
      id: 'a',
      reason: 'Fora da sua unidade.',
    });
    expect(classifyBulkDocsRow({ id: 'b', error: 'unauthorized' })).toMatchObject({ kind: 'refused', id: 'b' });
  });
});

describe('classifyHttpFailure', () => {
  it('retries network-ish and server failures', () => {
    expect([408, 429, 500, 502, 503].map(classifyHttpFailure)).toEqual(['retry', 'retry', 'retry', 'retry', 'retry']);
  });

  it('waits for a login on 401 and refuses other client errors', () => {
    expect(classifyHttpFailure(401)).toBe('unauthenticated');
    expect(classifyHttpFailure(403)).toBe('refused');
    expect(classifyHttpFailure(400)).toBe('refused');
  });
});
