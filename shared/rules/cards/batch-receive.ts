import { CardProtocolSchema, type CardProcess, type CardStage } from '../../schemas';
import { CARD_STAGE_LABELS, checkCardTransition } from '../card-stages';
import type { DerivedCardStage } from '../card-stage-fold';

export type BatchOutcome = 'moved' | 'already_there' | 'not_found' | 'wrong_post' | 'not_movable' | 'repeated';

export const BATCH_OUTCOME_LABELS: Record<BatchOutcome, string> = {
  moved: 'Recebida',
  already_there: 'Já estava disponível',
  not_found: 'Não encontrada',
  wrong_post: 'De outro posto',
  not_movable: 'Etapa não permite',
  repeated: 'Repetida na lista',
};

export interface BatchItem {
  /** The line as the clerk pasted or scanned it. */
  input: string;
  protocol: string;
  outcome: BatchOutcome;
  /** pt-BR detail for the clerk. */
  detail: string;
  /** For moved items: the stage the event leaves. */
  from?: CardStage;
}

export interface BatchPlan {
  items: BatchItem[];
  summary: Record<BatchOutcome, number>;
  /** The cards to move, each with the stage its event leaves; empty when nothing can move. */
  moves: Array<{ protocol: string; from: CardStage }>;
}

export interface BatchCardState {
  card: Pick<CardProcess, 'postId'>;
  derived: Pick<DerivedCardStage, 'stage' | 'pendingFrom'>;
}

const RECEIVED: CardStage = 'available_for_pickup';

/** Protocol numbers out of pasted or scanned text: one per line, comma or space. */
export function splitProtocols(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * Judges every protocol of a shipment before anything is written: which cards move to available for pickup
 * at this post and why the others do not. Pure; the caller writes all the moves at once or none.
 */
export function planBatchReceive(inputs: readonly string[], postId: string, lookup: (protocol: string) => BatchCardState | undefined): BatchPlan {
  const seen = new Set<string>();
  const items = inputs.map((input): BatchItem => {
    const protocol = input.trim().toUpperCase();
    if (seen.has(protocol)) return { input, protocol, outcome: 'repeated', detail: 'Protocolo já informado acima nesta lista.' };
    seen.add(protocol);
    if (!CardProtocolSchema.safeParse(protocol).success) return { input, protocol, outcome: 'not_found', detail: 'Protocolo em formato inválido (CI-AAAA-NNNNNNNN).' };
    const state = lookup(protocol);
    if (!state) return { input, protocol, outcome: 'not_found', detail: 'Nenhum processo com este protocolo neste computador.' };
    if (state.card.postId !== postId) return { input, protocol, outcome: 'wrong_post', detail: `Carteira destinada ao posto ${state.card.postId}.` };
    const { stage, pendingFrom } = state.derived;
    if (stage === RECEIVED) return { input, protocol, outcome: 'already_there', detail: 'A carteira já estava disponível para retirada.' };
    const move = checkCardTransition({ from: stage, to: RECEIVED, pendingFrom });
    if (!move.ok) return { input, protocol, outcome: 'not_movable', detail: `Está em "${CARD_STAGE_LABELS[stage]}": ${move.error}` };
    return { input, protocol, outcome: 'moved', detail: 'Disponível para retirada.', from: stage };
  });
  const summary: Record<BatchOutcome, number> = { moved: 0, already_there: 0, not_found: 0, wrong_post: 0, not_movable: 0, repeated: 0 };
  for (const item of items) summary[item.outcome] += 1;
  const moves = items.flatMap((item) => (item.from ? [{ protocol: item.protocol, from: item.from }] : []));
  return { items, summary, moves };
}
