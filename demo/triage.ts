import type { AccessLogEntry, Claim, Decision, DecisionOutcome, Note, RedsLease, RedsLedgerEntry } from '../shared/schemas';
import { REASON_CODE_FOR_FLAG } from '../shared/reference/reason-templates';
import { formatRedsNumber } from '../shared/rules/reds-number';
import { decisionDocId } from '../shared/schemas';
import { Dice } from './random';
import { reasonTemplate, usersWith, workstationOf, type DemoUser } from './reference-data';
import { STREAM, type RequestPlan, type RequestPlanner } from './request-plan';
import { DAY_MS, HOUR_MS, isoUtc, localDayOfYear, localYear, MINUTE_MS } from './timeline';

export interface TriageStep {
  sequence: number;
  outcome: DecisionOutcome;
  at: number;
  officer: DemoUser;
  reasonCode?: string;
  overrideFlag?: string;
}

/** What happened to a request up to `now`: its decisions, and an open claim if someone is on it. */
export interface TriageHistory {
  plan: RequestPlan;
  steps: TriageStep[];
  claim?: { officer: DemoUser; claimedAt: number; provisional: boolean };
  /** A second console validated the same step offline and lost the race: its number is void. */
  lostRace?: DemoUser;
  note?: { author: DemoUser; at: number; text: string };
}

const GENERIC_REJECTIONS = ['in_person_required', 'nature_not_online', 'flagrante_emergency', 'third_party_filing', 'anonymous_tip'] as const;
const HOLD_REASONS = ['missing_information', 'missing_information', 'illegible_attachment'] as const;
const NOTE_TEXTS = [
  'Cidadão ligou perguntando pelo andamento; informado que a solicitação está em análise.',
  'Solicitante perdeu o número de protocolo; localizado pelo CPF e reenviado por e-mail.',
  'Cidadã pediu orientação sobre a segunda via da identidade; orientada a aguardar o número REDS.',
  'Solicitante informou por telefone que o e-mail cadastrado estava com erro de digitação.',
];
const OVERRIDE_JUSTIFICATION = 'Fato antigo, mas o registro é necessário para a segunda via dos documentos; sem indício de má-fé.';

/** Minutes from submission to decision: most within the 60-minute target, a tail well beyond it. */
function decisionDelayMinutes(dice: Dice, serviceLevel: number): number {
  const roll = dice.float();
  if (roll < 0.72) return dice.int(4, serviceLevel - 5);
  if (roll < 0.93) return dice.int(serviceLevel, 3 * serviceLevel);
  return dice.int(3 * serviceLevel, 16 * 60);
}

export class TriageSimulator {
  private readonly dice = new Dice();

  constructor(private readonly planner: RequestPlanner) {}

  history(plan: RequestPlan): TriageHistory {
    const dice = this.dice.reseed(this.planner.window.seed, plan.index, STREAM.triage);
    const { nowMs } = this.planner.window;
    const unit = plan.unit;
    const officers = usersWith('triage_officer', { unitId: unit.unitId });
    const officer = dice.pick(officers);
    const planned: Omit<TriageStep, 'sequence'>[] = [];
    let at = plan.submittedAt + decisionDelayMinutes(dice, unit.serviceLevelMinutes) * MINUTE_MS + dice.int(0, 59) * 1000;
    const backlog = dice.chance(0.015);
    const final = this.finalOutcome(dice, plan);
    if (final.outcome === 'validated' && !plan.flaw && dice.chance(0.06)) {
      planned.push({ outcome: 'on_hold', at, officer, reasonCode: dice.pick(HOLD_REASONS) });
      at += dice.int(2 * 60, 60 * 60) * MINUTE_MS;
      const resumer = dice.pick(officers);
      planned.push({ outcome: 'resumed', at, officer: resumer });
      at += dice.int(5, 50) * MINUTE_MS;
      planned.push({ ...final, at, officer: resumer });
    } else {
      planned.push({ ...final, at, officer });
    }
    const steps = backlog ? [] : planned.filter((step) => step.at <= nowMs).map((step, index) => ({ ...step, sequence: index + 1 }));
    const history: TriageHistory = { plan, steps };
    const last = steps[steps.length - 1];
    if ((!last || last.outcome === 'resumed') && plan.submittedAt > nowMs - 3 * HOUR_MS && dice.chance(0.6)) {
      const claimedAt = Math.max(plan.submittedAt + MINUTE_MS, nowMs - dice.int(1, unit.claimLeaseMinutes - 1) * MINUTE_MS);
      if (claimedAt < nowMs) history.claim = { officer: last?.officer ?? dice.pick(officers), claimedAt, provisional: dice.chance(0.05) };
    }
    if (last?.outcome === 'validated' && dice.chance(0.003)) history.lostRace = dice.pick(officers.filter((item) => item !== last.officer));
    if (dice.chance(0.004)) {
      const noteAt = plan.submittedAt + dice.int(30, 72 * 60) * MINUTE_MS;
      const author = usersWith('service_desk', { unitId: unit.unitId })[0] ?? usersWith('supervisor', { unitId: unit.unitId })[0];
      if (author && noteAt < nowMs) history.note = { author, at: noteAt, text: dice.pick(NOTE_TEXTS) };
    }
    return history;
  }

  private finalOutcome(dice: Dice, plan: RequestPlan): Pick<TriageStep, 'outcome' | 'reasonCode' | 'overrideFlag'> {
    // An old fact is only a warning: the officer registers it or sends the citizen to a unit.
    if (plan.flaw === 'fact_too_old') {
      return dice.chance(0.5) ? { outcome: 'validated', overrideFlag: 'fact_too_old' } : { outcome: 'rejected', reasonCode: 'in_person_required' };
    }
    // No contact: the officer asks the citizen to confirm authorship, and the request waits.
    if (plan.flaw === 'contact_missing') return { outcome: 'on_hold', reasonCode: REASON_CODE_FOR_FLAG.contact_missing ?? 'confirm_contact' };
    if (plan.flaw === 'duplicate_request') return { outcome: 'rejected', reasonCode: 'duplicate_request' };
    if (plan.flaw) return { outcome: 'rejected', reasonCode: REASON_CODE_FOR_FLAG[plan.flaw] ?? 'in_person_required' };
    if (plan.dv === 'adult_man' || plan.dv === 'not_domestic') return { outcome: 'rejected', reasonCode: REASON_CODE_FOR_FLAG.domestic_violence_not_eligible ?? 'in_person_required' };
    if (dice.chance(0.05)) return { outcome: 'rejected', reasonCode: dice.pick(GENERIC_REJECTIONS) };
    return { outcome: 'validated' };
  }

  *histories(): Generator<TriageHistory> {
    for (let index = 0; index < this.planner.window.count; index++) yield this.history(this.planner.plan(index));
  }
}

export function decisionOf(history: TriageHistory, step: TriageStep, redsNumber: string | undefined): Decision {
  const { plan } = history;
  const template = step.reasonCode ? reasonTemplate(step.reasonCode) : undefined;
  return {
    type: 'decision',
    schemaVersion: 1,
    requestId: plan.protocol,
    sequence: step.sequence,
    unitId: plan.unit.unitId,
    outcome: step.outcome,
    officerId: step.officer.userId,
    officerName: step.officer.displayName,
    workstationId: workstationOf(step.officer.userId),
    decidedAt: isoUtc(step.at),
    ...(template ? { reasonCode: template.code, orientationText: template.orientationText } : {}),
    ...(redsNumber ? { redsNumber } : {}),
    overrides: step.overrideFlag ? [{ flagCode: step.overrideFlag, justification: OVERRIDE_JUSTIFICATION }] : [],
  };
}

export function claimOf(history: TriageHistory): Claim | undefined {
  const { claim, plan } = history;
  if (!claim) return undefined;
  const { unit } = plan;
  return {
    type: 'claim',
    schemaVersion: 1,
    requestId: plan.protocol,
    unitId: unit.unitId,
    officerId: claim.officer.userId,
    officerName: claim.officer.displayName,
    workstationId: workstationOf(claim.officer.userId),
    claimedAt: isoUtc(claim.claimedAt),
    expiresAt: isoUtc(claim.claimedAt + unit.claimLeaseMinutes * MINUTE_MS),
    provisional: claim.provisional,
  };
}

export function noteOf(history: TriageHistory): Note | undefined {
  const { note, plan } = history;
  if (!note) return undefined;
  return {
    type: 'note',
    schemaVersion: 1,
    subject: { kind: 'request', id: plan.protocol, unitId: plan.unit.unitId },
    authorId: note.author.userId,
    authorName: note.author.displayName,
    createdAt: isoUtc(note.at),
    text: note.text,
  };
}

/** The look-up that preceded a service-desk note. */
export function accessEntryOf(history: TriageHistory): AccessLogEntry | undefined {
  const { note, plan } = history;
  if (!note) return undefined;
  const role = note.author.roles[0] ?? 'service_desk';
  return {
    type: 'access_entry',
    schemaVersion: 1,
    entryId: `lookup-${plan.protocol.toLowerCase()}`,
    userId: note.author.userId,
    userName: note.author.displayName,
    role,
    scopeId: plan.unit.unitId,
    workstationId: workstationOf(note.author.userId),
    at: isoUtc(note.at - 2 * MINUTE_MS),
    action: 'lookup',
    record: { kind: 'request', id: plan.protocol },
    fields: ['requester.fullName', 'requester.cpf', 'status'],
  };
}

export const REDS_BLOCK_SIZE = 250;
const LEASE_DAYS = 7;
/** A block is left for a new one a day before it would expire: issues in a block are not in time order. */
const BLOCK_ROLL_DAYS = LEASE_DAYS - 1;

interface OpenBlock {
  leaseId: string;
  year: number;
  firstSequence: number;
  next: number;
  officer: DemoUser;
  unitId: string;
  firstIssued: number;
  minIssued: number;
  maxIssued: number;
  closed: boolean;
}

/**
 * Hands out REDS numbers the way the server leases blocks: each workstation draws from its own block of
 * consecutive sequences, so numbers never collide; blocks are reserved in the order they are needed.
 */
export class RedsAllocator {
  private readonly current = new Map<string, OpenBlock>();
  private readonly blocks: OpenBlock[] = [];
  private readonly blocksPerYear = new Map<number, number>();

  constructor(
    private readonly windowStart: number,
    private readonly nowMs: number,
  ) {}

  issue(officer: DemoUser, unitId: string, at: number): { number: string; leaseId: string } {
    const year = localYear(at);
    const key = `${officer.userId}:${year}`;
    let block = this.current.get(key);
    if (!block || block.next > block.firstSequence + REDS_BLOCK_SIZE - 1 || at > block.firstIssued + BLOCK_ROLL_DAYS * DAY_MS) {
      if (block) block.closed = true;
      block = this.reserve(officer, unitId, year, at);
      this.current.set(key, block);
    }
    const sequence = block.next++;
    block.minIssued = Math.min(block.minIssued, at);
    block.maxIssued = Math.max(block.maxIssued, at);
    return { number: formatRedsNumber({ year, sequence, suffix: 1 }), leaseId: block.leaseId };
  }

  private reserve(officer: DemoUser, unitId: string, year: number, at: number): OpenBlock {
    const index = this.blocksPerYear.get(year) ?? 0;
    this.blocksPerYear.set(year, index + 1);
    // The state issued ~9,000 REDS a day before the demo window opened.
    const base = year === localYear(this.windowStart) ? (localDayOfYear(this.windowStart) - 1) * 9000 + 1 : 1;
    const firstSequence = base + index * REDS_BLOCK_SIZE;
    const block: OpenBlock = {
      leaseId: `reds-${year}-${String(firstSequence).padStart(9, '0')}`,
      year, firstSequence, next: firstSequence, officer, unitId, firstIssued: at, minIssued: at, maxIssued: at, closed: false,
    };
    this.blocks.push(block);
    return block;
  }

  /** The leases of every block handed out, in reservation order. */
  leases(): RedsLease[] {
    return this.blocks.map((block) => {
      const leasedAt = block.minIssued - 30 * MINUTE_MS;
      // Issues in a block are not in time order (a hold can delay a validation by days): keep them all inside the lease.
      const expiresAt = Math.max(leasedAt + LEASE_DAYS * DAY_MS, block.maxIssued + DAY_MS);
      const lastSequence = block.firstSequence + REDS_BLOCK_SIZE - 1;
      const lease: RedsLease = {
        type: 'reds_lease',
        schemaVersion: 1,
        leaseId: block.leaseId,
        year: block.year,
        firstSequence: block.firstSequence,
        lastSequence,
        workstationId: workstationOf(block.officer.userId),
        userId: block.officer.userId,
        unitId: block.unitId,
        leasedAt: isoUtc(leasedAt),
        expiresAt: isoUtc(expiresAt),
        status: 'active',
      };
      if (block.closed || block.next > lastSequence) return { ...lease, status: 'returned', closedAt: isoUtc(block.maxIssued + 1000), returnedFromSequence: block.next };
      if (expiresAt <= this.nowMs) return { ...lease, status: 'expired', closedAt: isoUtc(expiresAt), returnedFromSequence: block.next };
      return lease;
    });
  }
}

export function ledgerEntryOf(
  history: TriageHistory, step: TriageStep, issued: { number: string; leaseId: string }, officer: DemoUser, voided?: number,
): RedsLedgerEntry {
  return {
    type: 'reds_entry',
    schemaVersion: 1,
    number: issued.number,
    leaseId: issued.leaseId,
    workstationId: workstationOf(officer.userId),
    userId: officer.userId,
    unitId: history.plan.unit.unitId,
    requestId: history.plan.protocol,
    decisionId: decisionDocId(history.plan.protocol, step.sequence),
    issuedAt: isoUtc(voided === undefined ? step.at : voided - MINUTE_MS),
    status: voided === undefined ? 'issued' : 'void',
    ...(voided === undefined
      ? {}
      : { void: { reason: 'Decisão concorrente: outra estação validou esta solicitação primeiro.', voidedBy: officer.userId, voidedAt: isoUtc(voided), automatic: true } }),
  };
}

