import { describe, expect, it } from 'vitest';
import { citizenEmail } from './citizen-email';
import { makeBrazilianRequester, makeDecision, makeRequest } from './test-fixtures';

const options = { portalUrl: 'https://delegaciavirtual.example.gov.br' };

describe('citizenEmail', () => {
  it('sends the REDS number and how to print it on validation', () => {
    const request = makeRequest({ requester: { ...makeBrazilianRequester(), email: 'cidada@example.com' } });
    const result = citizenEmail(makeDecision({ redsNumber: '2025-000000101-001' }), request, options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.to).toBe('cidada@example.com');
    expect(result.value.subject).toContain('2025-000000101-001');
    expect(result.value.text).toContain('REDS 2025-000000101-001');
    expect(result.value.text).toContain('Imprimir');
    expect(result.value.text).toContain(options.portalUrl);
  });

  it('sends the orientation text on rejection and on hold', () => {
    const request = makeRequest({ requester: { ...makeBrazilianRequester(), email: 'cidada@example.com' } });
    for (const outcome of ['rejected', 'on_hold'] as const) {
      const decision = makeDecision({ outcome, redsNumber: undefined, reasonCode: 'flagrante', orientationText: 'Ligue 190 imediatamente.' });
      const result = citizenEmail(decision, request, options);
      expect(result.ok && result.value.text.includes('Ligue 190 imediatamente.')).toBe(true);
      expect(result.ok && result.value.subject.includes(request.protocol)).toBe(true);
    }
  });

  it('sends nothing on resume or without an address', () => {
    const request = makeRequest({ requester: { ...makeBrazilianRequester(), email: undefined } });
    expect(citizenEmail(makeDecision(), request, options)).toEqual({ ok: false, error: 'Solicitante sem e-mail cadastrado.' });
    expect(citizenEmail(makeDecision({ outcome: 'resumed', redsNumber: undefined }), request, options).ok).toBe(false);
  });
});
