import { describe, expect, it } from 'vitest';
import { RevTree } from '../storage/rev-tree';
import type { DocumentState, StoredRevision } from '../storage/storage';
import { joinPieces, renderDocument, spliceDocument } from './render';

const state = (rev: string, deleted = false): DocumentState => {
  const node = { rev, parent: null, deleted, available: true };
  const tree = new RevTree([node]);
  return { id: 'doc', seq: 1, tree: tree.all(), leaves: [node], winner: node, tags: [] };
};

const stored = (body: Record<string, unknown>, form: 'text' | 'bytes', deleted = false): StoredRevision => {
  const bodyJson = JSON.stringify(body);
  return { id: 'doc', rev: '1-abc', deleted, body, bodyJson, ...(form === 'bytes' ? { bodyBytes: Buffer.from(bodyJson) } : {}), attachments: {} };
};

describe('spliceDocument', () => {
  const bodies = [{}, { a: 1 }, { nome: 'Conceição Ávila', notas: ['ç', '💡'], nested: { x: null } }];
  it('splices stored text and stored bytes into the same JSON renderDocument builds', async () => {
    for (const body of bodies) {
      for (const deleted of [false, true]) {
        const expected = JSON.stringify(await renderDocument(null as never, state('1-abc', deleted), stored(body, 'text', deleted)));
        for (const form of ['text', 'bytes'] as const) {
          const pieces = spliceDocument(state('1-abc', deleted), stored(body, form, deleted));
          expect(pieces, form).not.toBeNull();
          expect(joinPieces(pieces!).toString('utf8'), form).toBe(expected);
        }
      }
    }
  });

  it('takes the text path for bytes that JSON.stringify did not write', () => {
    const revision: StoredRevision = { ...stored({ a: 1 }, 'text'), bodyJson: '{ "a": 1}', bodyBytes: Buffer.from('{ "a": 1}') };
    expect(joinPieces(spliceDocument(state('1-abc'), revision)!).toString()).toBe('{"_id":"doc","_rev":"1-abc","a": 1}');
  });
});
