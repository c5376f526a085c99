import { cardValidUntil } from '../shared/rules/card-validity';
import { ageOn } from '../shared/rules/time';
import {
  CARD_MAIN_STAGES, PENDING_ISSUE_REASONS, type CardProcess, type CardReasonCode, type CardStage, type CardStageEvent, type CpfSituation, type Fee, type Handover,
} from '../shared/schemas';
import { fakeCpf } from './identifiers';
import { birthDateForAge, brazilianName, type Sex } from './people';
import { Dice, weightedTable } from './random';
import { DEMO_POSTS, INTAKE_USER, POST_WEIGHTS, usersWith, workstationOf, type DemoUser } from './reference-data';
import { STREAM } from './request-plan';
import { DAY_MS, isoUtc, localDate, localDayStart, localYear, MINUTE_MS } from './timeline';

type MainStage = (typeof CARD_MAIN_STAGES)[number];
type PendingReason = (typeof PENDING_ISSUE_REASONS)[number];

/** Demo value of a second copy's fee, not the official one. */
export const DEMO_SECOND_COPY_FEE_CENTS = 4_000;

const POST_TABLE = weightedTable(DEMO_POSTS.map((value) => ({ value, weight: POST_WEIGHTS[value.postId] ?? 1 })));
/** Where the processes stand: every stage has some, most cards are already delivered. */
const TARGET_TABLE = weightedTable<CardStage>([
  { value: 'pre_requested', weight: 4 }, { value: 'fee_settled', weight: 3 }, { value: 'scheduled', weight: 10 },
  { value: 'biometrics_collected', weight: 6 }, { value: 'validated', weight: 5 }, { value: 'in_production', weight: 10 },
  { value: 'shipped', weight: 6 }, { value: 'available_for_pickup', weight: 14 }, { value: 'delivered', weight: 34 },
  { value: 'pending_issue', weight: 6 }, { value: 'returned', weight: 2 },
]);
const PENDING_TABLE = weightedTable<PendingReason>([
  { value: 'cpf_irregular', weight: 30 }, { value: 'invalid_certificate', weight: 20 }, { value: 'biometrics_failure', weight: 15 },
  { value: 'photo_quality', weight: 15 }, { value: 'divergent_data', weight: 10 }, { value: 'other', weight: 5 },
]);
const HOLDER_AGES = weightedTable<readonly [number, number]>([
  { value: [0, 11], weight: 15 }, { value: [12, 17], weight: 10 }, { value: [18, 59], weight: 60 }, { value: [60, 90], weight: 15 },
]);
const IRREGULAR_CPF: readonly CpfSituation[] = ['pending_regularization', 'pending_regularization', 'suspended', 'null', 'cancelled'];
const PENDING_TEXT: Record<PendingReason, string> = {
  cpf_irregular: 'CPF com situação irregular na Receita Federal: cidadão orientado a regularizar.',
  invalid_certificate: 'Certidão apresentada sem averbação legível: solicitar nova via ao cartório.',
  biometrics_failure: 'Falha na captura das digitais: agendar nova coleta.',
  photo_quality: 'Foto fora do padrão ICAO: refazer a captura.',
  divergent_data: 'Nome da mãe diverge entre a certidão e a base do CPF.',
  fee_unpaid: 'Taxa da segunda via não compensada.',
  other: 'Pendência registrada pelo posto; ver observações.',
};

/** Days a process usually takes to reach each stage from the previous one. */
const STAGE_DAYS: Record<MainStage, readonly [number, number]> = {
  pre_requested: [0, 0], fee_settled: [0, 3], scheduled: [0, 1], biometrics_collected: [3, 25], validated: [1, 4],
  in_production: [1, 3], shipped: [4, 12], available_for_pickup: [1, 5], delivered: [0, 40],
};
/** Stages moved by the citizen portal and the central issuing system rather than by the post. */
const SYSTEM_STAGES: ReadonlySet<CardStage> = new Set(['fee_settled', 'scheduled', 'in_production', 'shipped']);

interface Move {
  from: CardStage;
  to: CardStage;
  days: number;
  reasonCode?: CardReasonCode;
  reasonText?: string;
}

export interface DemoCard {
  card: CardProcess;
  events: CardStageEvent[];
}

/** Identity-card processes over the demo posts, each with the events that lead to its current stage. */
export class CardBuilder {
  private readonly dice = new Dice();

  constructor(
    private readonly seed: number,
    private readonly nowMs: number,
  ) {}

  build(index: number): DemoCard {
    const dice = this.dice.reseed(this.seed, index, STREAM.card);
    const post = dice.weighted(POST_TABLE);
    const target = dice.weighted(TARGET_TABLE);
    const pendingReason = target === 'pending_issue' ? dice.weighted(PENDING_TABLE) : undefined;
    const issuance = dice.chance(0.4) ? 'second_copy' : 'first';
    const moves = this.moves(target, pendingReason, issuance);
    // A few processes sit before production with a CPF the Receita does not consider regular.
    const lastStage = moves[moves.length - 1]?.to ?? 'pre_requested';
    const irregularCpf = pendingReason === 'cpf_irregular' || ((lastStage === 'biometrics_collected' || lastStage === 'validated') && dice.chance(0.08));
    const dwell = this.dwellDays(lastStage, post.pickupDeadlineDays);
    const clerks = usersWith('identification_clerk', { postId: post.postId });
    const validator = usersWith('supervisor', { postId: post.postId })[0] ?? dice.pick(clerks);
    const times = this.eventTimes(moves, dwell);
    const createdAt = times[0] as number;
    const sex: Sex = dice.chance(0.5) ? 'female' : 'male';
    const fullName = brazilianName(dice, sex);
    const birthDate = birthDateForAge(dice, createdAt, ...dice.weighted(HOLDER_AGES));
    const motherName = dice.chance(0.95) ? `${brazilianName(dice, 'female').split(' ').slice(0, -1).join(' ')} ${fullName.split(' ').pop()}` : undefined;
    const protocol = `CI-${localYear(createdAt)}-${String(10_000_000 + index).padStart(8, '0')}`;
    const eventTime = (stage: CardStage): number | undefined => {
      const at = moves.findIndex((move) => move.to === stage);
      return at < 0 ? undefined : times[at + 1];
    };
    const events = moves.map((move, step): CardStageEvent => {
      const by: DemoUser = SYSTEM_STAGES.has(move.to) && !move.reasonCode ? INTAKE_USER : move.to === 'validated' ? validator : dice.pick(clerks);
      const at = times[step + 1] as number;
      const handover = move.to === 'delivered' ? this.handover(birthDate, at, motherName) : undefined;
      return {
        type: 'card_event',
        schemaVersion: 1,
        eventId: `e${String(step + 1).padStart(2, '0')}-${dice.hex(10)}`,
        protocol,
        postId: post.postId,
        from: move.from,
        to: move.to,
        at: isoUtc(at),
        byUserId: by.userId,
        byName: by.displayName,
        workstationId: workstationOf(by.userId),
        ...(move.reasonCode ? { reasonCode: move.reasonCode } : {}),
        ...(move.reasonText ? { reasonText: move.reasonText } : {}),
        ...(handover ? { handover } : {}),
        ...(move.to === 'available_for_pickup' ? { batchId: `lote-${post.postId}-${localDate(at)}` } : {}),
      };
    });
    const biometricsAt = eventTime('biometrics_collected');
    const scheduledAt = eventTime('scheduled');
    const scheduledFor =
      biometricsAt !== undefined
        ? biometricsAt - dice.int(5, 40) * MINUTE_MS
        : scheduledAt !== undefined
          ? localDayStart(this.nowMs) + dice.int(1, 20) * DAY_MS + dice.int(8 * 4, 17 * 4) * 15 * MINUTE_MS
          : undefined;
    const productionAt = eventTime('in_production');
    const validUntil = productionAt === undefined ? null : cardValidUntil(birthDate, isoUtc(productionAt));
    const card: CardProcess = {
      type: 'card_process',
      schemaVersion: 1,
      protocol,
      postId: post.postId,
      cardKind: dice.chance(0.85) ? 'cin' : 'rg',
      issuance,
      holder: { fullName, birthDate, sex, ...(motherName ? { motherName } : {}), cpf: fakeCpf(dice) },
      cpfSituation: irregularCpf ? dice.pick(IRREGULAR_CPF) : 'regular',
      fee: this.fee(issuance, eventTime('fee_settled'), createdAt),
      createdAt: isoUtc(createdAt),
      ...(scheduledFor !== undefined ? { scheduledFor: isoUtc(scheduledFor) } : {}),
      ...(validUntil ? { validUntil } : {}),
    };
    return { card, events };
  }

  /** The path to the target: the main line, with a pendência (open or resolved) where it belongs. */
  private moves(target: CardStage, pendingReason: PendingReason | undefined, issuance: CardProcess['issuance']): Move[] {
    const { dice } = this;
    // A pendência interrupts a stage between biometrics and shipping; these demo ones come before production.
    const pendingOrigin = dice.pick(['biometrics_collected', 'biometrics_collected', 'validated'] as const);
    const mainTarget: MainStage = target === 'returned' ? 'available_for_pickup' : target === 'pending_issue' ? pendingOrigin : target;
    const moves: Move[] = [];
    const resolvedAt = dice.chance(0.06) ? dice.pick(['biometrics_collected', 'validated'] as const) : undefined;
    for (let step = 1; step <= CARD_MAIN_STAGES.indexOf(mainTarget); step++) {
      const from = CARD_MAIN_STAGES[step - 1] as MainStage;
      const to = CARD_MAIN_STAGES[step] as MainStage;
      const [min, max] = to === 'fee_settled' && issuance === 'first' ? [0, 0] : STAGE_DAYS[to];
      if (from === resolvedAt) {
        const reason = dice.pick(['biometrics_failure', 'photo_quality', 'divergent_data', 'invalid_certificate'] as const);
        moves.push({ from, to: 'pending_issue', days: dice.int(0, 2), reasonCode: reason, reasonText: PENDING_TEXT[reason] });
        moves.push({ from: 'pending_issue', to: from, days: dice.int(2, 20), reasonCode: 'issue_resolved', reasonText: 'Pendência resolvida no posto.' });
      }
      moves.push({ from, to, days: this.skewedDays(min, max) });
    }
    if (target === 'pending_issue' && pendingReason) {
      moves.push({ from: mainTarget, to: 'pending_issue', days: dice.int(0, 2), reasonCode: pendingReason, reasonText: PENDING_TEXT[pendingReason] });
    }
    if (target === 'returned') {
      moves.push({ from: 'available_for_pickup', to: 'returned', days: 90 + dice.int(1, 10), reasonCode: 'not_picked_up', reasonText: 'Carteira não retirada no prazo.' });
    }
    return moves;
  }

  private skewedDays(min: number, max: number): number {
    return Math.floor(min + (max - min + 1) * this.dice.float() ** 1.8);
  }

  /** How long the process has sat at its current stage: terminal ones may be old, others spread past their targets. */
  private dwellDays(stage: CardStage, pickupDeadlineDays: number): number {
    const { dice } = this;
    if (stage === 'delivered' || stage === 'returned') return dice.int(0, 150);
    if (stage === 'available_for_pickup') return dice.int(0, pickupDeadlineDays - 1);
    if (stage === 'pending_issue') return dice.int(0, 40);
    const next = CARD_MAIN_STAGES[CARD_MAIN_STAGES.indexOf(stage as MainStage) + 1];
    const [, max] = next ? STAGE_DAYS[next] : [0, 10];
    return dice.int(0, Math.ceil(max * 1.6) + 1);
  }

  /** createdAt followed by one instant per move: online moves at any hour, the post's in office hours. */
  private eventTimes(moves: readonly Move[], dwellDays: number): number[] {
    const { dice } = this;
    const span = moves.reduce((sum, move) => sum + move.days, 0) + dwellDays;
    const firstDay = localDayStart(this.nowMs) - span * DAY_MS;
    const times = [firstDay + dice.int(7 * 60, 22 * 60) * MINUTE_MS];
    let day = firstDay;
    for (const move of moves) {
      const previous = times[times.length - 1] as number;
      day += move.days * DAY_MS;
      const officeTime = day + dice.int(8 * 60, 17 * 60 + 30) * MINUTE_MS;
      times.push(move.days === 0 || officeTime <= previous ? previous + dice.int(2, 90) * MINUTE_MS : officeTime);
    }
    // Everything happened before now: slide the whole history back if the last move would be in the future.
    const overshoot = (times[times.length - 1] as number) - (this.nowMs - MINUTE_MS);
    const shift = overshoot > 0 ? Math.ceil(overshoot / DAY_MS) * DAY_MS : 0;
    return times.map((time) => time - shift);
  }

  private fee(issuance: CardProcess['issuance'], settledAt: number | undefined, createdAt: number): Fee {
    const { dice } = this;
    if (issuance === 'first') return { status: 'free' };
    if (settledAt === undefined) return { status: 'due', amountCents: DEMO_SECOND_COPY_FEE_CENTS };
    if (dice.chance(0.7)) return { status: 'paid', amountCents: DEMO_SECOND_COPY_FEE_CENTS, paidAt: isoUtc(settledAt - dice.int(5, 600) * MINUTE_MS) };
    return dice.chance(0.6)
      ? { status: 'exempt', reason: 'theft_report', evidence: `${localYear(createdAt)}-${String(dice.int(1, 3_000_000)).padStart(9, '0')}-001` }
      : { status: 'exempt', reason: 'low_income', evidence: `NIS ${dice.digits(11)}` };
  }

  private handover(birthDate: string, at: number, motherName: string | undefined): Handover {
    const { dice } = this;
    const minor = ageOn(birthDate, localDate(at)) < 16;
    return {
      documentShown: minor ? 'birth_certificate' : dice.pick(['previous_rg', 'previous_rg', 'cnh', 'work_card', 'passport'] as const),
      documentSuffix: dice.digits(4),
      receivedBy: minor ? 'legal_representative' : 'holder',
      ...(minor ? { representativeName: motherName ?? brazilianName(dice, 'female') } : {}),
    };
  }
}
