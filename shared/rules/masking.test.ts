import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NATURES } from '../reference/natures';
import { MASKED_NARRATIVE, maskAddress, maskCpf, maskName, maskRequestForList, shouldMaskVictim } from './masking';
import { VALID_CPF, makeBrazilianRequester, makeRequest } from './test-fixtures';

const domesticRequest = () => {
  const base = makeRequest();
  return makeRequest({
    natureCode: 'VD_AMEACA',
    requester: makeBrazilianRequester({ capacity: 'legal_representative', socialName: 'Cida Silva' }),
    victim: { fullName: 'Larissa Gonçalves Pereira', birthDate: '2012-02-10', sex: 'female', genderIdentity: 'woman', cpf: '11144477735', relationshipToRequester: 'parent' },
    authors: [{ name: 'Roberto Nunes Pereira', nickname: 'Beto', relationshipToVictim: 'parent', cpf: '39053344705', description: 'Mora na Rua Ouro Preto, 55', address: { ...base.requester.address, street: 'Rua Ouro Preto', number: '55' } }],
    witnesses: [{ fullName: 'Sandra Vieira', phone: '(31) 99876-5432' }],
    medicalCare: { unitName: 'UPA Centro-Sul', recordNumber: 'PR-889912' },
    fact: { ...base.fact, domesticContext: true, place: { ...base.fact.place, street: 'Rua Padre Eustáquio', number: '77', landmark: 'perto da padaria', latitude: -19.9, longitude: -43.9, placeKind: 'residence' } },
  });
};

describe('masking', () => {
  it('keeps the initial of each word', () => {
    expect(maskName('Maria Silva de Souza')).toBe('M**** S**** d* S****');
    expect(maskName('  João   Conceição ')).toBe('J*** C********');
    expect(maskName('E')).toBe('E');
  });

  it('keeps word count, initials and length, and nothing else readable (property)', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdeéçãoAZ'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const masked = maskName(words.join(' ')).split(' ');
        expect(masked).toHaveLength(words.length);
        masked.forEach((part, index) => {
          expect(part[0]).toBe(words[index]![0]);
          expect(part.slice(1)).toBe('*'.repeat(words[index]!.length - 1));
        });
      }),
    );
  });

  it('masks street and district, drops number, complement and CEP, keeps municipality and state', () => {
    const address = makeBrazilianRequester().address;
    expect(maskAddress(address)).toEqual({ street: 'R** d** G*********', district: 'C*****', municipality: 'Belo Horizonte', municipalityCode: '3106200', uf: 'MG' });
  });

  it('masks CPFs to the middle digits', () => {
    expect(maskCpf(VALID_CPF)).toBe('***.982.247-**');
  });

  it('masks domestic-violence natures and domestic facts only', () => {
    expect(shouldMaskVictim(domesticRequest(), NATURES)).toBe(true);
    expect(shouldMaskVictim(makeRequest({ natureCode: 'VD_AMEACA' }), NATURES)).toBe(true);
    expect(shouldMaskVictim(makeRequest({ natureCode: 'AMEACA', fact: { ...makeRequest().fact, domesticContext: true } }), NATURES)).toBe(true);
    expect(shouldMaskVictim(makeRequest(), NATURES)).toBe(false);
  });

  it('leaves no name, street, document or contact of a domestic-violence request readable in the list copy', () => {
    const request = domesticRequest();
    const masked = maskRequestForList(request, NATURES);
    const text = JSON.stringify(masked);
    for (const secret of [
      'Larissa', 'Gonçalves', 'Aparecida', 'Cida', 'Roberto', 'Beto', 'Sandra', 'Guajajaras', 'Padre Eustáquio', 'Ouro Preto', 'padaria',
      VALID_CPF, '11144477735', '39053344705', 'MG12345678', 'maria.silva', '98765', '99876', 'PR-889912', '30180101', '-19.9', 'apto',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(masked.narrative).toBe(MASKED_NARRATIVE);
    expect(masked.victim?.fullName).toBe('L****** G******** P******');
    expect(masked.fact.place).toEqual({ street: 'R** P**** E********', district: 'C*****', municipality: 'Belo Horizonte', uf: 'MG', placeKind: 'residence' });
    // What triage lists need stays: nature, dates, protocol, state.
    expect(masked).toMatchObject({ protocol: request.protocol, natureCode: 'VD_AMEACA', submittedAt: request.submittedAt, fact: { startedAt: request.fact.startedAt } });
    // The original is untouched.
    expect(request.victim?.fullName).toBe('Larissa Gonçalves Pereira');
  });

  it('returns an equal copy of other requests', () => {
    const request = makeRequest();
    const copy = maskRequestForList(request, NATURES);
    expect(copy).toEqual(request);
    expect(copy).not.toBe(request);
  });
});
