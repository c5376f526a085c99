import {
  CARD_MAIN_STAGES,
  type CardReasonCode,
  type CardStageEvent,
  PENDING_ISSUE_REASONS,
  REVERSAL_REASONS,
} from '../../shared/schemas';

const mainIndex = (stage: string): number => (CARD_MAIN_STAGES as readonly string[]).indexOf(stage);
const among = (code: CardReasonCode | undefined, codes: readonly string[]): boolean => code !== undefined && codes.includes(code);

/**
 * Whether one stage move is allowed on its own (DOMAIN.md: no stage is skipped or reversed without a
 * logged reason). Concurrent moves from two offline clerks are both kept, so `from` is not compared with
 * the card's current stage here: the stage is derived from all events. Returns a pt-BR refusal, or null.
 */
export function cardMoveRefusal(event: Pick<CardStageEvent, 'from' | 'to' | 'reasonCode' | 'reasonText' | 'handover'>): string | null {
  const { from, to, reasonCode } = event;
  const explained = among(reasonCode, REVERSAL_REASONS) && (event.reasonText?.trim().length ?? 0) >= 10;
  if (from === to) return 'A movimentação deve mudar a etapa da carteira.';
  if (to === 'delivered' && !event.handover) return 'Registre o documento apresentado na entrega da carteira.';
  if (to === 'pending_issue') {
    if (from === 'delivered' || from === 'returned') return 'Uma carteira entregue ou devolvida não pode ficar com pendência.';
    return among(reasonCode, PENDING_ISSUE_REASONS) ? null : 'Informe o motivo da pendência.';
  }
  if (to === 'returned') {
    if (from !== 'available_for_pickup') return 'Só uma carteira disponível para retirada pode ser devolvida.';
    return reasonCode === 'not_picked_up' ? null : 'Informe que a carteira não foi retirada no prazo.';
  }
  if (from === 'pending_issue') {
    return reasonCode === 'issue_resolved' || explained ? null : 'Informe como a pendência foi resolvida.';
  }
  // Main line: one step forward needs no reason; a skip or a reversal needs a coded and written reason.
  if (mainIndex(to) === mainIndex(from) + 1 && from !== 'returned') return null;
  return explained ? null : 'Pular ou voltar etapas exige motivo e justificativa.';
}
