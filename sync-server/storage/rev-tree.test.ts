import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { historyOf, newRevision, RevTree, type RevNode } from './rev-tree';

const node = (rev: string, parent: string | null, deleted = false): RevNode => ({ rev, parent, deleted, available: true });

describe('revision trees', () => {
  it('makes the same rev for the same content on the same parent', () => {
    const body = JSON.stringify({ a: 1 });
    expect(newRevision(null, false, body, [])).toBe(newRevision(null, false, body, []));
    expect(newRevision(null, false, body, [])).not.toBe(newRevision(null, false, JSON.stringify({ a: 2 }), []));
    expect(newRevision(null, false, body, [])).not.toBe(newRevision(null, false, body, [['a.txt', 'md5-x', 'text/plain']]));
    expect(newRevision('1-abc', false, body, [])).toMatch(/^2-[0-9a-f]{32}$/);
    expect(newRevision('1-abc', true, body, [])).not.toBe(newRevision('1-abc', false, body, []));
  });

  it('keeps the revision ids of earlier releases (a resent write stays idempotent across upgrades)', () => {
    // md5 of JSON.stringify([deleted, parent, [body, attachments]]), the form revisions were always hashed in.
    const body = { protocol: 'DV-1', nested: { list: [1, 'dois', null] } };
    const attachments: [string, string, string][] = [['foto.jpg', 'md5-abc', 'image/jpeg']];
    const expected = createHash('md5').update(JSON.stringify([false, '1-abc', [body, attachments]])).digest('hex');
    expect(newRevision('1-abc', false, JSON.stringify(body), attachments)).toBe(`2-${expected}`);
  });

  it('picks CouchDB’s winner: live before deleted, then longest, then greatest rev id', () => {
    const tree = new RevTree([node('1-a', null), node('2-b', '1-a'), node('2-c', '1-a'), node('3-d', '2-b', true)]);
    expect(tree.winner()?.rev).toBe('2-c');
    tree.add(node('3-e', '2-c'));
    expect(tree.winner()?.rev).toBe('3-e');
    tree.add(node('3-f', '2-b'));
    expect(tree.winner()?.rev).toBe('3-f');
    expect(tree.sortedLeaves().map((leaf) => leaf.rev)).toEqual(['3-f', '3-e', '3-d']);
    const allDeleted = new RevTree([node('1-a', null), node('2-b', '1-a', true), node('3-c', '2-b', true)]);
    expect(allDeleted.winner()?.rev).toBe('3-c');
  });

  it('walks paths and the leaves below a revision', () => {
    const tree = new RevTree([node('1-a', null), node('2-b', '1-a'), node('2-c', '1-a'), node('3-d', '2-b')]);
    expect(tree.path('3-d').map((entry) => entry.rev)).toEqual(['3-d', '2-b', '1-a']);
    expect(tree.leavesFrom('1-a').map((entry) => entry.rev).sort()).toEqual(['2-c', '3-d']);
    expect(tree.isLeaf('2-b')).toBe(false);
  });

  it('reads replicated histories and rejects inconsistent ones', () => {
    expect(historyOf('3-c', { start: 3, ids: ['c', 'b', 'a'] })).toEqual(['3-c', '2-b', '1-a']);
    expect(historyOf('3-c', undefined)).toEqual(['3-c']);
    expect(historyOf('3-c', { start: 2, ids: ['c'] })).toBeNull();
    expect(historyOf('garbage', undefined)).toBeNull();
  });
});
