import { err, ok, ROLE_LABELS, type Claim, type Decision, type Result, type Role, type TriageState } from '../schemas';
import { toMillis, type Instant } from './time';

export const TRIAGE_STATE_LABELS: Record<TriageState, string> = {
  received: 'Recebida',
  in_triage: 'Em triagem',
  on_hold: 'Sobrestada',
  validated: 'Validada',
  rejected: 'Rejeitada',
};

export type TriageAction = 'claim' | 'release' | 'expire' | 'decide' | 'resume';

export interface TriageTransition {
  from: TriageState;
  to: TriageState;
  /** `expire` happens by the clock; a person releases. */
  actions: readonly TriageAction[];
}

/** Every move the triage allows; validated and rejected are terminal (no row leaves them). */
export const TRIAGE_TRANSITIONS: readonly TriageTransition[] = [
  { from: 'received', to: 'in_triage', actions: ['claim'] },
  { from: 'in_triage', to: 'received', actions: ['release', 'expire'] },
  { from: 'in_triage', to: 'validated', actions: ['decide'] },
  { from: 'in_triage', to: 'rejected', actions: ['decide'] },
  { from: 'in_triage', to: 'on_hold', actions: ['decide'] },
  { from: 'on_hold', to: 'in_triage', actions: ['resume'] },
];

/** Only the triage team moves requests; service desk, clerks, intake and admins read or configure. */
export const TRIAGE_ROLES: readonly Role[] = ['triage_officer', 'supervisor'];

export const isTerminalTriageState = (state: TriageState): boolean => !TRIAGE_TRANSITIONS.some((row) => row.from === state);

export function canTransition(from: TriageState, to: TriageState, role: Role): Result<TriageTransition> {
  const transition = TRIAGE_TRANSITIONS.find((row) => row.from === from && row.to === to);
  if (!transition) {
    if (isTerminalTriageState(from)) return err(`A solicitação já está ${TRIAGE_STATE_LABELS[from].toLowerCase()}: a decisão é definitiva.`);
    return err(`Não é possível passar de "${TRIAGE_STATE_LABELS[from]}" para "${TRIAGE_STATE_LABELS[to]}".`);
  }
  if (!TRIAGE_ROLES.includes(role)) return err(`O perfil ${ROLE_LABELS[role]} não pode alterar a triagem de solicitações.`);
  return ok(transition);
}

/** A claim holds the request while neither released nor expired at `now`. */
export function isClaimActive(claim: Claim | null | undefined, now: Instant): claim is Claim {
  return !!claim && claim.releasedAt === undefined && toMillis(claim.expiresAt) > toMillis(now);
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Orders two decisions of the same request and sequence (written offline on two consoles): the earlier
 * `decidedAt` instant first, then the smaller officerId, then the smaller workstationId; outcome, REDS
 * number and reason code only break ties between otherwise identical copies, so the order is total.
 */
export function compareDecisions(a: Decision, b: Decision): number {
  return (
    toMillis(a.decidedAt) - toMillis(b.decidedAt) ||
    compareStrings(a.officerId, b.officerId) ||
    compareStrings(a.workstationId, b.workstationId) ||
    compareStrings(a.outcome, b.outcome) ||
    compareStrings(a.redsNumber ?? '', b.redsNumber ?? '') ||
    compareStrings(a.reasonCode ?? '', b.reasonCode ?? '')
  );
}

/** The decision that stands when two share requestId + sequence; the same whichever is passed first. */
export function decisionRaceWinner(a: Decision, b: Decision): Decision {
  return compareDecisions(a, b) <= 0 ? a : b;
}

/**
 * Orders two claims of one request: a server-confirmed claim before a provisional (offline) one, then the
 * earlier `claimedAt`, then the smaller officerId, then the smaller workstationId.
 */
export function compareClaims(a: Claim, b: Claim): number {
  return (
    Number(a.provisional) - Number(b.provisional) ||
    toMillis(a.claimedAt) - toMillis(b.claimedAt) ||
    compareStrings(a.officerId, b.officerId) ||
    compareStrings(a.workstationId, b.workstationId) ||
    toMillis(a.expiresAt) - toMillis(b.expiresAt)
  );
}

export function claimRaceWinner(a: Claim, b: Claim): Claim {
  return compareClaims(a, b) <= 0 ? a : b;
}

/** What a decision outcome does to the state, and from which states it may be taken. */
const OUTCOME_MOVES: Record<Decision['outcome'], { from: readonly TriageState[]; to: TriageState }> = {
  validated: { from: ['received', 'in_triage'], to: 'validated' },
  rejected: { from: ['received', 'in_triage'], to: 'rejected' },
  on_hold: { from: ['received', 'in_triage'], to: 'on_hold' },
  resumed: { from: ['on_hold'], to: 'in_triage' },
};

/** The state a request is in right after a decision (resumed: back in triage). */
export const stateAfterDecision = (outcome: Decision['outcome']): TriageState => OUTCOME_MOVES[outcome].to;

/**
 * Whether a decision with this outcome may be recorded in a state: validated, rejected and on hold from the
 * queue or triage, resumed only from on hold; nothing after validated or rejected.
 */
export function canDecide(state: TriageState, outcome: Decision['outcome']): Result<TriageState> {
  if (isTerminalTriageState(state)) return err(`A solicitação já está ${TRIAGE_STATE_LABELS[state].toLowerCase()}: a decisão é definitiva.`);
  const move = OUTCOME_MOVES[outcome];
  if (!move.from.includes(state)) return err(`Não é possível registrar esta decisão com a solicitação ${TRIAGE_STATE_LABELS[state].toLowerCase()}.`);
  return ok(move.to);
}

export interface TriageDocuments {
  decisions: readonly Decision[];
  claim: Claim | null | undefined;
  now: Instant;
}

/**
 * The one decision per sequence that stands (race winner), in sequence order, keeping only those that
 * follow legally from the state before them: a decision after a terminal one never counts.
 */
export function standingDecisions(decisions: readonly Decision[]): Decision[] {
  const bySequence = new Map<number, Decision>();
  for (const decision of decisions) {
    const rival = bySequence.get(decision.sequence);
    bySequence.set(decision.sequence, rival ? decisionRaceWinner(rival, decision) : decision);
  }
  const standing: Decision[] = [];
  let state: TriageState = 'received';
  for (const decision of [...bySequence.values()].sort((a, b) => a.sequence - b.sequence)) {
    const move = OUTCOME_MOVES[decision.outcome];
    if (!move.from.includes(state)) continue;
    standing.push(decision);
    state = move.to;
  }
  return standing;
}

/**
 * The triage state from the stored documents, the same on every console. The standing decisions set
 * validated, rejected or on_hold; otherwise (none yet, or resumed) an active claim means in_triage and
 * its absence received: a resumed request whose claim lapsed waits in the queue again.
 */
export function deriveTriageState({ decisions, claim, now }: TriageDocuments): TriageState {
  const last = standingDecisions(decisions).at(-1);
  if (last && last.outcome !== 'resumed') return OUTCOME_MOVES[last.outcome].to;
  return isClaimActive(claim, now) ? 'in_triage' : 'received';
}
