import { describe, expect, it } from 'vitest';
import { decisionDocId, documentIdOf, NoteSchema } from '../schemas';
import { documentLabel } from './document-label';

describe('documentLabel', () => {
  it('names a note by its request, a decision by its request and number', () => {
    const note = NoteSchema.parse({
      type: 'note',
      schemaVersion: 1,
      subject: { kind: 'request', id: 'DV-2026-00000006', unitId: 'dv-bh' },
      authorId: 'ana.ferreira',
      authorName: 'Ana Ferreira',
      createdAt: '2026-12-03T10:49:46.927Z',
      text: 'Contato feito.',
    });
    const noteId = documentIdOf(note);
    expect(documentLabel('notes', noteId)).toBe('DV-2026-00000006');
    expect(documentLabel('decisions', decisionDocId('DV-2026-00000006', 2))).toBe('DV-2026-00000006 · decisão 2');
  });

  it('leaves ids that are readable as they are', () => {
    expect(documentLabel('requests', 'DV-2026-00000006')).toBe('DV-2026-00000006');
    expect(documentLabel('reference', 'nature:123:v2')).toBe('nature:123:v2');
    expect(documentLabel('notes', 'sem-separador')).toBe('sem-separador');
  });
});
