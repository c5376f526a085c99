import {
  CARD_MAIN_STAGES,
  PENDING_ISSUE_REASONS,
  REVERSAL_REASONS,
  ROLE_LABELS,
  err,
  ok,
  type CardProcess,
  type CardReasonCode,
  type CardStage,
  type CardStageEvent,
  type CpfSituation,
  type Result,
  type Role,
} from '../schemas';

export const CARD_STAGE_LABELS: Record<CardStage, string> = {
  pre_requested: 'Pré-atendimento on-line',
  fee_settled: 'Taxa resolvida',
  scheduled: 'Agendado',
  biometrics_collected: 'Biometria coletada',
  validated: 'Validado',
  in_production: 'Em produção',
  shipped: 'Enviado ao posto',
  available_for_pickup: 'Disponível para retirada',
  delivered: 'Entregue',
  pending_issue: 'Com pendência',
  returned: 'Devolvido',
};

const CPF_SITUATION_LABELS: Record<CpfSituation, string> = {
  regular: 'regular',
  pending_regularization: 'pendente de regularização',
  suspended: 'suspensa',
  cancelled: 'cancelada',
  null: 'nula',
};

export type CardMoveKind = 'forward' | 'pending' | 'resolve' | 'return' | 'reversal';

export interface CardTransition {
  from: CardStage;
  to: CardStage;
  kind: CardMoveKind;
  /** The reason codes the move accepts; empty: it takes none. */
  reasons: readonly CardReasonCode[];
}

type MainStage = (typeof CARD_MAIN_STAGES)[number];
const mainIndex = (stage: CardStage): number => (CARD_MAIN_STAGES as readonly CardStage[]).indexOf(stage);
const mainStage = (index: number): MainStage => CARD_MAIN_STAGES[index] as MainStage;

/** Stages a pendência may interrupt: from biometrics collected up to shipped. */
export const PENDABLE_STAGES: readonly MainStage[] = CARD_MAIN_STAGES.slice(mainIndex('biometrics_collected'), mainIndex('shipped') + 1);
const LAST_REVERSIBLE = mainIndex('available_for_pickup');

function buildTransitions(): CardTransition[] {
  const rows: CardTransition[] = [];
  for (let index = 0; index < CARD_MAIN_STAGES.length - 1; index += 1) {
    rows.push({ from: mainStage(index), to: mainStage(index + 1), kind: 'forward', reasons: [] });
  }
  for (const stage of PENDABLE_STAGES) rows.push({ from: stage, to: 'pending_issue', kind: 'pending', reasons: PENDING_ISSUE_REASONS });
  // Out of a pendência: back where it came from or one step on (which of them depends on the origin).
  for (const stage of PENDABLE_STAGES) {
    const next = mainStage(mainIndex(stage) + 1);
    for (const to of [stage, next]) {
      if (!rows.some((row) => row.from === 'pending_issue' && row.to === to && row.kind === 'resolve')) {
        rows.push({ from: 'pending_issue', to, kind: 'resolve', reasons: ['issue_resolved'] });
      }
    }
  }
  rows.push({ from: 'available_for_pickup', to: 'returned', kind: 'return', reasons: ['not_picked_up'] });
  // Reversals: any earlier main stage, with a logged reason. Delivered is terminal.
  for (let from = 1; from <= LAST_REVERSIBLE; from += 1) {
    for (let to = 0; to < from; to += 1) rows.push({ from: mainStage(from), to: mainStage(to), kind: 'reversal', reasons: REVERSAL_REASONS });
  }
  // A pendência that needs an earlier stage again (e.g. biometrics collected anew), before its origin.
  for (let to = 0; to < mainIndex('shipped'); to += 1) rows.push({ from: 'pending_issue', to: mainStage(to), kind: 'reversal', reasons: REVERSAL_REASONS });
  // A returned card goes back to the counter only as a reversal (e.g. the holder came after all).
  rows.push({ from: 'returned', to: 'available_for_pickup', kind: 'reversal', reasons: REVERSAL_REASONS });
  return rows;
}

/** Every stage move the process allows, with the reasons each needs. */
export const CARD_TRANSITIONS: readonly CardTransition[] = buildTransitions();

/** Clerks at the post and supervisors move cards. */
export const CARD_ROLES: readonly Role[] = ['identification_clerk', 'supervisor'];

export interface CardMove {
  card: Pick<CardProcess, 'cpfSituation'>;
  from: CardStage;
  to: CardStage;
  reasonCode?: CardReasonCode | undefined;
  /** For a move out of pending_issue: the stage the pendência interrupted (from `deriveCardStage`). */
  pendingFrom?: CardStage | undefined;
}

const label = (stage: CardStage): string => `"${CARD_STAGE_LABELS[stage]}"`;

/** Whether a table row fits the pendência's origin (rows out of pending_issue depend on it). */
function fitsOrigin(row: CardTransition, pendingFrom: CardStage | undefined): boolean {
  if (row.from !== 'pending_issue' || pendingFrom === undefined) return true;
  const origin = mainIndex(pendingFrom);
  const target = mainIndex(row.to);
  return row.kind === 'resolve' ? target === origin || target === origin + 1 : target < origin;
}

function refuseUnlisted(from: CardStage, to: CardStage, pendingFrom: CardStage | undefined): string {
  if (from === 'delivered') return 'A carteira já foi entregue: o processo está encerrado.';
  if (from === to) return `A carteira já está em ${label(from)}.`;
  if (from === 'pending_issue' && pendingFrom !== undefined && mainIndex(pendingFrom) >= 0) {
    const next = mainStage(mainIndex(pendingFrom) + 1);
    return `A pendência interrompeu ${label(pendingFrom)}: volte para ${label(pendingFrom)} ou avance para ${label(next)}.`;
  }
  const fromIndex = mainIndex(from);
  const toIndex = mainIndex(to);
  if (fromIndex >= 0 && toIndex > fromIndex + 1) return `Não é possível pular etapas: depois de ${label(from)} vem ${label(mainStage(fromIndex + 1))}.`;
  return `Não é possível passar de ${label(from)} para ${label(to)}.`;
}

function reasonRefusal(kind: CardMoveKind, reasonCode: CardReasonCode | undefined): string {
  switch (kind) {
    case 'forward':
      return 'O avanço para a próxima etapa não leva código de motivo.';
    case 'pending':
      return reasonCode ? 'Motivo de pendência inválido.' : 'Informe o motivo da pendência.';
    case 'resolve':
      return 'Para sair da pendência, registre o motivo "pendência resolvida".';
    case 'return':
      return 'A devolução exige o motivo "não retirada no prazo".';
    case 'reversal':
      return 'Voltar a uma etapa anterior exige um motivo de estorno registrado.';
  }
}

/**
 * The structural rule every recorded move must follow: a table row that fits the pendência's origin and
 * the reason the row needs. No role or production gate: those are checked when the move is made.
 */
export function checkCardTransition({ from, to, reasonCode, pendingFrom }: Omit<CardMove, 'card'>): Result<CardTransition> {
  const rows = CARD_TRANSITIONS.filter((row) => row.from === from && row.to === to && fitsOrigin(row, pendingFrom));
  if (rows.length === 0) return err(refuseUnlisted(from, to, pendingFrom));
  const fitting = rows.find((row) => (reasonCode === undefined ? row.reasons.length === 0 : row.reasons.includes(reasonCode)));
  if (!fitting) return err(reasonRefusal((rows[0] as CardTransition).kind, reasonCode));
  return ok(fitting);
}

/** A move a person makes now: the structural rule, their role, and the production gate (a regular CPF). */
export function checkCardMove(move: CardMove & { role: Role }): Result<CardTransition> {
  if (!CARD_ROLES.includes(move.role)) return err(`O perfil ${ROLE_LABELS[move.role]} não pode movimentar carteiras de identidade.`);
  const structural = checkCardTransition(move);
  if (!structural.ok) return structural;
  if (move.to === 'in_production' && move.card.cpfSituation !== 'regular') {
    return err(`Produção bloqueada: o CPF do titular está com situação ${CPF_SITUATION_LABELS[move.card.cpfSituation]}; é preciso CPF regular.`);
  }
  return structural;
}

/** Shortest written justification a reversal carries beside its code (DOMAIN.md: no reversal without a logged reason). */
export const MIN_REVERSAL_TEXT = 10;

/**
 * A stage event as a person records it: the move's rules (`checkCardMove`) plus what the record itself must
 * carry: a reversal is explained in writing, and a delivery names the document the receiver showed.
 */
export function checkCardEvent(
  event: Pick<CardStageEvent, 'from' | 'to' | 'reasonCode' | 'reasonText' | 'handover'>,
  context: { card: Pick<CardProcess, 'cpfSituation'>; role: Role; pendingFrom?: CardStage | undefined },
): Result<CardTransition> {
  const move = checkCardMove({ ...context, from: event.from, to: event.to, reasonCode: event.reasonCode });
  if (!move.ok) return move;
  if (move.value.kind === 'reversal' && (event.reasonText?.trim().length ?? 0) < MIN_REVERSAL_TEXT) {
    return err('Justifique por escrito a volta de etapa.');
  }
  if (event.to === 'delivered' && !event.handover) return err('Registre o documento apresentado na entrega da carteira.');
  return move;
}
