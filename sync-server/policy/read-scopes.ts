import { DATABASES, type DatabaseName, type Role } from '../../shared/schemas';
import type { Principal } from '../auth/principal';
import type { ScopeLookup } from './access-policy';
import { accessScopeTag, CARD_NOTE_TAG, officerTag, postTag, requestTag, secretUnitTag, unitTag, userTag } from './scope-tags';

/**
 * Read access per role (least privilege):
 * - triage officer: requests, claims, decisions, notes and REDS ledger of their unit; their own REDS leases;
 *   a secret request, with its claim, decisions, notes and REDS numbers, only when they hold or held its claim, or
 *   decided on it; the REDS numbers they issued themselves.
 * - identification clerk: cards, card events and notes of their post.
 * - service desk: answers citizens by phone about requests and cards: the non-secret requests of their unit
 *   with their claims, decisions and notes (to tell the status), and cards, card events and card notes of
 *   every post (a citizen may call about a card at any post). Read-only, except notes.
 * - supervisor: everything of their unit and/or post, secret requests (and their REDS numbers), REDS ledger and leases of the unit,
 *   and the access log of their unit and post.
 * - admin: everything (a server admin). intake: reads nothing but reference data and notices.
 * - reference and notices: every signed-in user.
 */
type Readable = string[] | 'all';
type Scopes = (principal: Principal, storage: ScopeLookup) => Readable | Promise<Readable>;

const unit = (principal: Principal): string[] => (principal.unitId ? [unitTag(principal.unitId)] : []);
const post = (principal: Principal): string[] => (principal.postId ? [postTag(principal.postId)] : []);
/** Databases a role writes without reading (access log entries, intake's requests). */
const nothing: Scopes = () => [];

/** Requests whose claim the officer holds or held, or which the officer decided on. */
async function heldRequests(principal: Principal, storage: ScopeLookup): Promise<string[]> {
  const [claims, decisions] = await Promise.all([
    storage.idsWithScope('claims', officerTag(principal.name)),
    storage.idsWithScope('decisions', officerTag(principal.name)),
  ]);
  // Decision ids are `<protocol>:<sequence>`; claim ids are the protocol.
  const protocols = new Set([...claims, ...decisions.map((id) => id.slice(0, id.lastIndexOf(':')))]);
  return [...protocols].map(requestTag);
}

/** The unit's shared documents and the secret requests (with their claims, decisions, notes) the officer holds or held. */
const unitAndHeld: Scopes = async (principal, storage) => [...unit(principal), ...(await heldRequests(principal, storage))];
/** The unit's REDS ledger, the numbers of secret requests the officer holds or held, and the officer's own numbers. */
const ledgerOfUnitAndHeld: Scopes = async (principal, storage) => [...(await unitAndHeld(principal, storage)), userTag(principal.name)];
/** The unit's shared documents and all its secret ones. */
const unitAndSecret = (principal: Principal): string[] => [...unit(principal), ...(principal.unitId ? [secretUnitTag(principal.unitId)] : [])];

/** Per role, the databases it uses at all and what it reads in each. */
const ROLE_SCOPES: Record<Role, Partial<Record<DatabaseName, Scopes>>> = {
  triage_officer: {
    requests: unitAndHeld,
    claims: unitAndHeld,
    decisions: unitAndHeld,
    notes: unitAndHeld,
    reds_ledger: ledgerOfUnitAndHeld,
    reds_leases: (principal) => [userTag(principal.name)],
    access_log: nothing,
  },
  identification_clerk: {
    cards: post,
    card_events: post,
    notes: post,
    access_log: nothing,
  },
  service_desk: {
    requests: unit,
    claims: unit,
    decisions: unit,
    notes: (principal) => [...unit(principal), CARD_NOTE_TAG],
    cards: () => 'all',
    card_events: () => 'all',
    access_log: nothing,
  },
  supervisor: {
    requests: unitAndSecret,
    claims: unitAndSecret,
    decisions: unitAndSecret,
    notes: (principal) => [...unitAndSecret(principal), ...post(principal)],
    reds_ledger: unitAndSecret,
    reds_leases: unit,
    cards: post,
    card_events: post,
    access_log: (principal) => [principal.unitId, principal.postId].filter((id): id is string => !!id).map(accessScopeTag),
  },
  admin: {},
  intake: { requests: nothing },
};

const EVERYONE: readonly string[] = ['reference', 'notices'] satisfies DatabaseName[];

const isKnownDatabase = (db: string): db is DatabaseName => Object.hasOwn(DATABASES, db);

export function canAccessDatabase(principal: Principal, db: string): boolean {
  if (principal.serverAdmin) return true;
  if (!isKnownDatabase(db)) return false;
  return EVERYONE.includes(db) || principal.roles.some((role) => ROLE_SCOPES[role][db] !== undefined);
}

export async function readableScopes(principal: Principal, db: string, storage: ScopeLookup): Promise<Readable> {
  if (principal.serverAdmin || EVERYONE.includes(db)) return 'all';
  if (!isKnownDatabase(db)) return [];
  const granted = new Set<string>();
  for (const role of principal.roles) {
    const scopes = await ROLE_SCOPES[role][db]?.(principal, storage);
    if (scopes === 'all') return 'all';
    scopes?.forEach((tag) => granted.add(tag));
  }
  return [...granted];
}
