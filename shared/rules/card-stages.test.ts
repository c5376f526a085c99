import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_MAIN_STAGES, CARD_STAGES, CardReasonCodeSchema, PENDING_ISSUE_REASONS, REVERSAL_REASONS, ROLES, type CardReasonCode, type CardStage } from '../schemas';
import { CARD_TRANSITIONS, checkCardEvent, checkCardMove, checkCardTransition } from './card-stages';
import { makeCardEvent, makeCardProcess } from './test-fixtures';

const card = makeCardProcess();
const move = (from: CardStage, to: CardStage, reasonCode?: CardReasonCode, extra: { pendingFrom?: CardStage } = {}) =>
  checkCardMove({ card, from, to, reasonCode, role: 'identification_clerk', ...extra });
const REASONS = CardReasonCodeSchema.options;
const index = (stage: CardStage) => (CARD_MAIN_STAGES as readonly CardStage[]).indexOf(stage);

describe('card stage moves', () => {
  it('moves forward one step at a time without a reason', () => {
    for (let i = 0; i < CARD_MAIN_STAGES.length - 1; i += 1) {
      expect(move(CARD_MAIN_STAGES[i]!, CARD_MAIN_STAGES[i + 1]!).ok).toBe(true);
    }
    expect(move('scheduled', 'biometrics_collected', 'other')).toEqual({ ok: false, error: 'O avanço para a próxima etapa não leva código de motivo.' });
  });

  it('forbids skipping a stage', () => {
    expect(move('scheduled', 'validated')).toEqual({ ok: false, error: 'Não é possível pular etapas: depois de "Agendado" vem "Biometria coletada".' });
    expect(move('pre_requested', 'delivered').ok).toBe(false);
  });

  it('keeps delivered terminal', () => {
    for (const to of CARD_STAGES) for (const reason of [undefined, ...REASONS]) expect(move('delivered', to, reason).ok).toBe(false);
    expect(move('delivered', 'available_for_pickup', 'data_entry_error')).toEqual({ ok: false, error: 'A carteira já foi entregue: o processo está encerrado.' });
  });

  it('opens a pendência from biometrics collected to shipped, with a pendência reason', () => {
    for (const stage of CARD_MAIN_STAGES) {
      const allowed = index(stage) >= index('biometrics_collected') && index(stage) <= index('shipped');
      expect(move(stage, 'pending_issue', 'cpf_irregular').ok).toBe(allowed);
    }
    expect(move('validated', 'pending_issue')).toEqual({ ok: false, error: 'Informe o motivo da pendência.' });
    expect(move('validated', 'pending_issue', 'data_entry_error')).toEqual({ ok: false, error: 'Motivo de pendência inválido.' });
    for (const reason of PENDING_ISSUE_REASONS) expect(move('shipped', 'pending_issue', reason).ok).toBe(true);
  });

  it('resolves a pendência back to its origin or one step on, with issue_resolved', () => {
    expect(move('pending_issue', 'validated', 'issue_resolved', { pendingFrom: 'validated' }).ok).toBe(true);
    expect(move('pending_issue', 'in_production', 'issue_resolved', { pendingFrom: 'validated' }).ok).toBe(true);
    expect(move('pending_issue', 'shipped', 'issue_resolved', { pendingFrom: 'validated' })).toEqual({
      ok: false,
      error: 'A pendência interrompeu "Validado": volte para "Validado" ou avance para "Em produção".',
    });
    expect(move('pending_issue', 'validated', undefined, { pendingFrom: 'validated' }).ok).toBe(false);
    expect(move('pending_issue', 'available_for_pickup', 'issue_resolved', { pendingFrom: 'shipped' }).ok).toBe(true);
  });

  it('returns a card not picked up, and only for that reason', () => {
    expect(move('available_for_pickup', 'returned', 'not_picked_up').ok).toBe(true);
    expect(move('available_for_pickup', 'returned', 'other')).toEqual({ ok: false, error: 'A devolução exige o motivo "não retirada no prazo".' });
    expect(move('shipped', 'returned', 'not_picked_up').ok).toBe(false);
  });

  it('allows a backward move only with a reversal reason', () => {
    for (const reason of REVERSAL_REASONS) expect(move('in_production', 'biometrics_collected', reason).ok).toBe(true);
    expect(move('in_production', 'biometrics_collected')).toEqual({ ok: false, error: 'Voltar a uma etapa anterior exige um motivo de estorno registrado.' });
    expect(move('in_production', 'biometrics_collected', 'cpf_irregular').ok).toBe(false);
    expect(move('returned', 'available_for_pickup', 'holder_returned').ok).toBe(true);
    expect(move('pending_issue', 'scheduled', 'biometrics_recollection', { pendingFrom: 'validated' }).ok).toBe(true);
    expect(move('pending_issue', 'validated', 'biometrics_recollection', { pendingFrom: 'validated' }).ok).toBe(false);
  });

  it('gates production on a regular CPF', () => {
    for (const cpfSituation of ['pending_regularization', 'suspended', 'cancelled', 'null'] as const) {
      const result = checkCardMove({ card: makeCardProcess({ cpfSituation }), from: 'validated', to: 'in_production', role: 'supervisor' });
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error).toMatch(/^Produção bloqueada: o CPF do titular está com situação/);
    }
    const resolved = checkCardMove({ card: makeCardProcess({ cpfSituation: 'suspended' }), from: 'pending_issue', to: 'in_production', reasonCode: 'issue_resolved', pendingFrom: 'validated', role: 'supervisor' });
    expect(resolved.ok).toBe(false);
    expect(move('validated', 'in_production').ok).toBe(true);
  });

  it('lets only clerks and supervisors move cards', () => {
    for (const role of ROLES) {
      const result = checkCardMove({ card, from: 'scheduled', to: 'biometrics_collected', role });
      expect(result.ok).toBe(role === 'identification_clerk' || role === 'supervisor');
    }
    expect(checkCardMove({ card, from: 'scheduled', to: 'biometrics_collected', role: 'triage_officer' })).toEqual({
      ok: false,
      error: 'O perfil Policial de triagem não pode movimentar carteiras de identidade.',
    });
  });

  it('allows a move exactly when the table has a row with that reason (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CARD_STAGES), fc.constantFrom(...CARD_STAGES), fc.option(fc.constantFrom(...REASONS), { nil: undefined }), (from, to, reasonCode) => {
        const result = checkCardTransition({ from, to, reasonCode });
        const listed = CARD_TRANSITIONS.some((row) => row.from === from && row.to === to && (reasonCode === undefined ? row.reasons.length === 0 : row.reasons.includes(reasonCode)));
        expect(result.ok).toBe(listed);
      }),
    );
  });

  it('never skips forward, never leaves delivered, never reverses without a reason on any walk', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ to: fc.constantFrom(...CARD_STAGES), reasonCode: fc.option(fc.constantFrom(...REASONS), { nil: undefined }) }), { maxLength: 60 }), (steps) => {
        let stage: CardStage = 'pre_requested';
        let pendingFrom: CardStage | undefined;
        for (const step of steps) {
          const result = checkCardMove({ card, from: stage, ...step, pendingFrom, role: 'supervisor' });
          if (!result.ok) continue;
          expect(stage).not.toBe('delivered');
          const from = index(stage);
          const to = index(step.to);
          if (from >= 0 && to > from) expect(to).toBe(from + 1);
          if (stage === 'pending_issue' && to >= 0 && pendingFrom) expect(to).toBeLessThanOrEqual(index(pendingFrom) + 1);
          if (from >= 0 && to >= 0 && to < from) expect(REVERSAL_REASONS as readonly string[]).toContain(step.reasonCode);
          pendingFrom = step.to === 'pending_issue' ? stage : undefined;
          stage = step.to;
        }
      }),
    );
  });
});

describe('recorded stage events', () => {
  const handover = { documentShown: 'cnh', documentSuffix: '1234', receivedBy: 'holder' } as const;
  const check = (overrides: Parameters<typeof makeCardEvent>[0], pendingFrom?: CardStage) =>
    checkCardEvent(makeCardEvent(overrides), { card, role: 'identification_clerk', pendingFrom });

  it('follows the move rules', () => {
    expect(check({ from: 'fee_settled', to: 'scheduled' }).ok).toBe(true);
    expect(check({ from: 'fee_settled', to: 'validated' })).toEqual({ ok: false, error: 'Não é possível pular etapas: depois de "Taxa resolvida" vem "Agendado".' });
    expect(check({ from: 'pending_issue', to: 'in_production', reasonCode: 'issue_resolved' }, 'biometrics_collected').ok).toBe(false);
    expect(checkCardEvent(makeCardEvent({ from: 'validated', to: 'in_production' }), { card: makeCardProcess({ cpfSituation: 'suspended' }), role: 'supervisor' }).ok).toBe(false);
  });

  it('needs a written justification for a reversal', () => {
    const back = { from: 'validated', to: 'biometrics_collected', reasonCode: 'biometrics_recollection' } as const;
    expect(check(back)).toEqual({ ok: false, error: 'Justifique por escrito a volta de etapa.' });
    expect(check({ ...back, reasonText: '   curto   ' })).toEqual({ ok: false, error: 'Justifique por escrito a volta de etapa.' });
    expect(check({ ...back, reasonText: 'Digitais ilegíveis na validação.' }).ok).toBe(true);
  });

  it('needs the document shown at delivery', () => {
    expect(check({ from: 'available_for_pickup', to: 'delivered' })).toEqual({ ok: false, error: 'Registre o documento apresentado na entrega da carteira.' });
    expect(check({ from: 'available_for_pickup', to: 'delivered', handover }).ok).toBe(true);
  });
});
