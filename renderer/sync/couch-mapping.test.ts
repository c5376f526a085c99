import { describe, expect, it } from 'vitest';
import type { StoredDocument } from '../data/collection-schemas';
import { fromCouch, toCouch } from './couch-mapping';

const notice = {
  type: 'notice',
  schemaVersion: 1,
  noticeId: 'n1',
  message: 'Manutenção às 22h',
  startsAt: '2026-03-01T22:00:00Z',
  endsAt: '2026-03-01T23:00:00Z',
  publishedBy: 'admin',
  publishedAt: '2026-03-01T10:00:00Z',
} as const;

describe('couch mapping', () => {
  it('keeps the server revision and attachment stubs beside the body', () => {
    const local = fromCouch({ _id: 'notice:n1', _rev: '3-abc', _attachments: { 'a.png': { stub: true } }, _conflicts: ['2-x'], ...notice });
    expect(local).toEqual({ ...notice, id: 'notice:n1', couchRev: '3-abc', couchAttachments: { 'a.png': { stub: true } }, _deleted: false });
  });

  it('pushes the body on the revision last seen, with stubs, without local bookkeeping', () => {
    const state = { ...notice, id: 'notice:n1', couchRev: '3-abc', couchAttachments: { 'a.png': { stub: true } }, _deleted: false, _meta: { lwt: 1 } };
    expect(toCouch(state as unknown as StoredDocument & { _deleted: boolean }, '3-abc')).toEqual({
      ...notice,
      _id: 'notice:n1',
      _rev: '3-abc',
      _attachments: { 'a.png': { stub: true } },
    });
  });

  it('a new document has no _rev; a deletion says so', () => {
    const state = { ...notice, id: 'notice:n2', _deleted: true };
    expect(toCouch(state as unknown as StoredDocument & { _deleted: boolean }, undefined)).toEqual({ ...notice, _id: 'notice:n2', _deleted: true });
  });
});
