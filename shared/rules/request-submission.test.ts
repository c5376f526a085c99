import { describe, expect, it } from 'vitest';
import { checkSubmission } from './request-submission';

describe('checkSubmission', () => {
  it('names each refused field with a pt-BR message', () => {
    const result = checkSubmission({ portalSubmissionId: 'x', narrative: 'curto', requester: { kind: 'person_br' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = new Map(result.error.map((field) => [field.path, field.message]));
    expect(byPath.get('narrative')).toBe('histórico muito curto');
    expect(byPath.get('portalSubmissionId')).toMatch(/pequeno|caracteres/i);
    expect(byPath.get('submittedAt')).toMatch(/esperava|inválid/i);
    expect(byPath.get('requester.cpf')).toBeDefined();
  });

  it('refuses a body that is not an object at the root', () => {
    const result = checkSubmission('texto');
    expect(result).toEqual({ ok: false, error: [{ path: '(corpo)', message: expect.stringMatching(/esperava um objeto/) }] });
  });
});
