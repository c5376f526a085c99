/**
 * A small world of users and documents in and out of each role's scope, for the policy's unit tests and the
 * sync server's authorization matrix. `VISIBLE` is the expected read matrix: what each user sees per database.
 */
import type { DatabaseName, PlantaoDocument, Role } from '../../shared/schemas';
import { documentIdOf } from '../../shared/schemas';
import {
  makeCardEvent,
  makeCardProcess,
  makeClaim,
  makeDecision,
  makeRequest,
} from '../../shared/rules/test-fixtures';
import type { Principal } from '../auth/principal';
import type { DocumentWrite, Storage } from '../storage/storage';
import type { DocumentBody, IncomingWrite, WriteCheck } from './access-policy';
import { scopeOf } from './scope-of';
import { secretChildTags } from './secret-scope';

export const NOW = '2025-06-10T12:00:00-03:00';

export const UNIT = 'dv-mg';
export const OTHER_UNIT = 'dv-sp';
export const POST = 'bh-praca-sete';
export const OTHER_POST = 'bh-barreiro';

export interface TestUser {
  name: string;
  roles: Role[];
  unitId?: string;
  postId?: string;
  displayName: string;
}

export const USERS = {
  officer: { name: 'joao.souza', roles: ['triage_officer'], unitId: UNIT, displayName: 'João Souza' },
  otherOfficer: { name: 'maria.lima', roles: ['triage_officer'], unitId: UNIT, displayName: 'Maria Lima' },
  foreignOfficer: { name: 'pedro.sp', roles: ['triage_officer'], unitId: OTHER_UNIT, displayName: 'Pedro Paulista' },
  clerk: { name: 'ana.clerk', roles: ['identification_clerk'], postId: POST, displayName: 'Ana Atendente' },
  otherClerk: { name: 'bruno.clerk', roles: ['identification_clerk'], postId: OTHER_POST, displayName: 'Bruno Barreiro' },
  desk: { name: 'dora.desk', roles: ['service_desk'], unitId: UNIT, displayName: 'Dora Atendimento' },
  supervisor: { name: 'sara.sup', roles: ['supervisor'], unitId: UNIT, postId: POST, displayName: 'Sara Supervisora' },
  admin: { name: 'admin', roles: ['admin'], displayName: 'Administrador' },
  intake: { name: 'portal', roles: ['intake'], displayName: 'Integração do portal' },
} satisfies Record<string, TestUser>;
export type UserKey = keyof typeof USERS;
export const USER_KEYS = Object.keys(USERS) as UserKey[];

export function principal(key: UserKey): Principal {
  const user: TestUser = USERS[key];
  return {
    name: user.name,
    roles: user.roles,
    ...(user.unitId ? { unitId: user.unitId } : {}),
    ...(user.postId ? { postId: user.postId } : {}),
    serverAdmin: user.roles.includes('admin'),
  };
}

const { officer, otherOfficer, foreignOfficer, clerk, otherClerk } = USERS;

/** Requests: open in the unit, secret held by the officer, secret unheld, and one of another unit. */
export const REQ_OPEN = 'DV-2025-00000001';
export const REQ_SECRET_HELD = 'DV-2025-00000002';
export const REQ_SECRET_OTHER = 'DV-2025-00000003';
export const REQ_FOREIGN = 'DV-2025-00000004';
/** Deleted (by the server, outside the policy) and out of everyone's scope but the foreign unit's and the admin's. */
export const REQ_FOREIGN_DELETED = 'DV-2025-00000005';
/** Open and unclaimed in the unit. */
export const REQ_UNCLAIMED = 'DV-2025-00000006';
export const REDS_ISSUED = '2025-000000101-001';
export const REDS_VOID = '2025-000000102-001';
export const CARD = 'CI-2025-00000001';
export const OTHER_CARD = 'CI-2025-00000002';

const officerName = (user: TestUser) => ({ officerId: user.name, officerName: user.displayName });

export const SEED: PlantaoDocument[] = [
  makeRequest({ protocol: REQ_OPEN, unitId: UNIT }),
  makeRequest({ protocol: REQ_SECRET_HELD, unitId: UNIT, secret: true, portalSubmissionId: 'portal-secret-1' }),
  makeRequest({ protocol: REQ_SECRET_OTHER, unitId: UNIT, secret: true, portalSubmissionId: 'portal-secret-2' }),
  makeRequest({ protocol: REQ_FOREIGN, unitId: OTHER_UNIT, portalSubmissionId: 'portal-sp-1' }),
  makeRequest({ protocol: REQ_FOREIGN_DELETED, unitId: OTHER_UNIT, portalSubmissionId: 'portal-sp-2' }),
  makeRequest({ protocol: REQ_UNCLAIMED, unitId: UNIT, portalSubmissionId: 'portal-open-2' }),
  makeClaim({ requestId: REQ_OPEN, unitId: UNIT, ...officerName(otherOfficer), expiresAt: '2025-06-10T12:10:00-03:00' }),
  makeClaim({ requestId: REQ_SECRET_HELD, unitId: UNIT, ...officerName(officer) }),
  makeClaim({ requestId: REQ_FOREIGN, unitId: OTHER_UNIT, ...officerName(foreignOfficer), workstationId: 'ws-sp-01' }),
  makeDecision({
    requestId: REQ_OPEN,
    unitId: UNIT,
    ...officerName(otherOfficer),
    outcome: 'on_hold',
    redsNumber: undefined,
    reasonCode: 'missing_info',
    orientationText: 'Envie o boletim do banco.',
  }),
  makeDecision({ requestId: REQ_FOREIGN, unitId: OTHER_UNIT, ...officerName(foreignOfficer), redsNumber: '2025-000000201-001' }),
  makeDecision({
    requestId: REQ_SECRET_HELD,
    unitId: UNIT,
    ...officerName(officer),
    outcome: 'on_hold',
    redsNumber: undefined,
    reasonCode: 'missing_info',
    orientationText: 'Envie o laudo médico.',
  }),
  {
    type: 'note',
    schemaVersion: 1,
    subject: { kind: 'request', id: REQ_SECRET_HELD, unitId: UNIT },
    authorId: officer.name,
    authorName: officer.displayName,
    createdAt: '2025-06-10T11:05:00-03:00',
    text: 'Vítima pediu sigilo sobre o endereço.',
  },
  {
    type: 'note',
    schemaVersion: 1,
    subject: { kind: 'request', id: REQ_OPEN, unitId: UNIT },
    authorId: otherOfficer.name,
    authorName: otherOfficer.displayName,
    createdAt: '2025-06-10T11:00:00-03:00',
    text: 'Cidadã ligou pedindo prazo.',
  },
  {
    type: 'note',
    schemaVersion: 1,
    subject: { kind: 'request', id: REQ_FOREIGN, unitId: OTHER_UNIT },
    authorId: foreignOfficer.name,
    authorName: foreignOfficer.displayName,
    createdAt: '2025-06-10T11:00:00-03:00',
    text: 'Nota de outra unidade.',
  },
  {
    type: 'note',
    schemaVersion: 1,
    subject: { kind: 'card', id: CARD, postId: POST },
    authorId: clerk.name,
    authorName: clerk.displayName,
    createdAt: '2025-06-10T11:00:00-03:00',
    text: 'Titular volta amanhã.',
  },
  {
    type: 'note',
    schemaVersion: 1,
    subject: { kind: 'card', id: OTHER_CARD, postId: OTHER_POST },
    authorId: otherClerk.name,
    authorName: otherClerk.displayName,
    createdAt: '2025-06-10T11:00:00-03:00',
    text: 'Nota de outro posto.',
  },
  redsEntry(REDS_ISSUED, officer.name, UNIT, 'lease-joao', REQ_OPEN),
  {
    ...redsEntry(REDS_VOID, officer.name, UNIT, 'lease-joao', REQ_SECRET_HELD),
    status: 'void',
    void: { reason: 'Decisão perdeu a corrida para outra estação.', voidedBy: officer.name, voidedAt: '2025-06-10T11:40:00-03:00', automatic: true },
  } as PlantaoDocument,
  redsEntry('2025-000000201-001', foreignOfficer.name, OTHER_UNIT, 'lease-pedro', REQ_FOREIGN),
  redsLease('lease-joao', officer.name, UNIT, 101),
  redsLease('lease-maria', otherOfficer.name, UNIT, 151),
  redsLease('lease-pedro', foreignOfficer.name, OTHER_UNIT, 201),
  makeCardProcess({ protocol: CARD, postId: POST }),
  makeCardProcess({ protocol: OTHER_CARD, postId: OTHER_POST }),
  makeCardEvent({ protocol: CARD, postId: POST, eventId: 'evt-00000001', byUserId: clerk.name }),
  makeCardEvent({ protocol: OTHER_CARD, postId: OTHER_POST, eventId: 'evt-00000002', byUserId: otherClerk.name }),
  accessEntry('acc-00000001', officer.name, 'triage_officer', UNIT),
  accessEntry('acc-00000002', otherClerk.name, 'identification_clerk', OTHER_POST),
  accessEntry('acc-00000003', clerk.name, 'identification_clerk', POST),
  accessEntry('acc-00000004', foreignOfficer.name, 'triage_officer', OTHER_UNIT),
  {
    type: 'nature',
    schemaVersion: 1,
    code: 'FURTO_CELULAR',
    label: 'Furto de celular',
    group: 'property',
    acceptedOnline: true,
    domesticViolenceOnly: false,
    tableVersion: 1,
    active: true,
  },
  {
    type: 'notice',
    schemaVersion: 1,
    noticeId: 'maint-2025-06',
    message: 'Manutenção programada no domingo.',
    startsAt: '2025-06-15T02:00:00-03:00',
    endsAt: '2025-06-15T04:00:00-03:00',
    publishedBy: 'admin',
    publishedAt: '2025-06-09T10:00:00-03:00',
  },
];

export const DELETED_IDS = [REQ_FOREIGN_DELETED];

function redsEntry(number: string, userId: string, unitId: string, leaseId: string, requestId: string): PlantaoDocument {
  return {
    type: 'reds_entry',
    schemaVersion: 1,
    number,
    leaseId,
    workstationId: 'ws-bh-01',
    userId,
    unitId,
    requestId,
    decisionId: `${requestId}:001`,
    issuedAt: '2025-06-10T11:30:00-03:00',
    status: 'issued',
  };
}

function redsLease(leaseId: string, userId: string, unitId: string, firstSequence: number): PlantaoDocument {
  return {
    type: 'reds_lease',
    schemaVersion: 1,
    leaseId,
    year: 2025,
    firstSequence,
    lastSequence: firstSequence + 49,
    workstationId: 'ws-bh-01',
    userId,
    unitId,
    leasedAt: '2025-06-10T08:00:00-03:00',
    expiresAt: '2025-06-17T08:00:00-03:00',
    status: 'active',
  };
}

function accessEntry(entryId: string, userId: string, role: Role, scopeId: string): PlantaoDocument {
  return {
    type: 'access_entry',
    schemaVersion: 1,
    entryId,
    userId,
    userName: userId,
    role,
    scopeId,
    workstationId: 'ws-bh-01',
    at: '2025-06-10T11:00:00-03:00',
    action: 'view',
    record: { kind: 'request', id: REQ_OPEN },
    fields: ['requester.fullName'],
  };
}

const ids = (predicate: (doc: PlantaoDocument) => boolean): string[] => SEED.filter(predicate).map(documentIdOf).sort();
const all = (db: DatabaseName): string[] => ids((doc) => dbOf(doc) === db);
const dbOf = (doc: PlantaoDocument): DatabaseName =>
  ({
    request: 'requests',
    claim: 'claims',
    decision: 'decisions',
    note: 'notes',
    reds_entry: 'reds_ledger',
    reds_lease: 'reds_leases',
    card_process: 'cards',
    card_event: 'card_events',
    access_entry: 'access_log',
    nature: 'reference',
    unit: 'reference',
    post: 'reference',
    reason_template: 'reference',
    user: 'reference',
    notice: 'notices',
  })[doc.type] as DatabaseName;

export const seedIn = (db: DatabaseName): PlantaoDocument[] => SEED.filter((doc) => dbOf(doc) === db);

const live = (list: string[]): string[] => list.filter((id) => !DELETED_IDS.includes(id)).sort();
const inUnit = (db: DatabaseName, unitId: string) => ids((doc) => dbOf(doc) === db && 'unitId' in doc && doc.unitId === unitId);
/** The claim, decision, note and REDS number of the secret request the officer holds: not shared with the unit. */
export const SECRET_CHILDREN = ids((doc) =>
  doc.type === 'claim' || doc.type === 'decision' || doc.type === 'reds_entry'
    ? doc.requestId === REQ_SECRET_HELD
    : doc.type === 'note' && doc.subject.id === REQ_SECRET_HELD,
);
const sharedInUnit = (db: DatabaseName, unitId: string) => inUnit(db, unitId).filter((id) => !SECRET_CHILDREN.includes(id));
const secretNote = `${REQ_SECRET_HELD}:2025-06-10T11:05:00-03:00:${officer.name}`;
const openNote = `${REQ_OPEN}:2025-06-10T11:00:00-03:00:${otherOfficer.name}`;
const everyone = { reference: all('reference'), notices: all('notices') };
const none: string[] = [];

/**
 * The expected read matrix: live documents each user sees, per database. Databases left out are ones the
 * user cannot open at all (403); an empty list is a database the user opens but reads nothing in.
 */
export const VISIBLE: Record<UserKey, Partial<Record<DatabaseName, string[]>>> = {
  officer: {
    requests: [REQ_OPEN, REQ_SECRET_HELD, REQ_UNCLAIMED],
    claims: inUnit('claims', UNIT),
    decisions: inUnit('decisions', UNIT),
    notes: [openNote, secretNote],
    reds_ledger: inUnit('reds_ledger', UNIT),
    reds_leases: ['lease-joao'],
    access_log: none,
    ...everyone,
  },
  otherOfficer: {
    requests: [REQ_OPEN, REQ_UNCLAIMED],
    claims: sharedInUnit('claims', UNIT),
    decisions: sharedInUnit('decisions', UNIT),
    notes: [openNote],
    reds_ledger: sharedInUnit('reds_ledger', UNIT),
    reds_leases: ['lease-maria'],
    access_log: none,
    ...everyone,
  },
  foreignOfficer: {
    requests: [REQ_FOREIGN],
    claims: inUnit('claims', OTHER_UNIT),
    decisions: inUnit('decisions', OTHER_UNIT),
    notes: [`${REQ_FOREIGN}:2025-06-10T11:00:00-03:00:${foreignOfficer.name}`],
    reds_ledger: ['2025-000000201-001'],
    reds_leases: ['lease-pedro'],
    access_log: none,
    ...everyone,
  },
  clerk: {
    cards: [CARD],
    card_events: [`${CARD}:evt-00000001`],
    notes: [`${CARD}:2025-06-10T11:00:00-03:00:${clerk.name}`],
    access_log: none,
    ...everyone,
  },
  otherClerk: {
    cards: [OTHER_CARD],
    card_events: [`${OTHER_CARD}:evt-00000002`],
    notes: [`${OTHER_CARD}:2025-06-10T11:00:00-03:00:${otherClerk.name}`],
    access_log: none,
    ...everyone,
  },
  desk: {
    requests: [REQ_OPEN, REQ_UNCLAIMED],
    claims: sharedInUnit('claims', UNIT),
    decisions: sharedInUnit('decisions', UNIT),
    notes: [`${CARD}:2025-06-10T11:00:00-03:00:${clerk.name}`, `${OTHER_CARD}:2025-06-10T11:00:00-03:00:${otherClerk.name}`, openNote],
    cards: all('cards'),
    card_events: all('card_events'),
    access_log: none,
    ...everyone,
  },
  supervisor: {
    requests: [REQ_OPEN, REQ_SECRET_HELD, REQ_SECRET_OTHER, REQ_UNCLAIMED],
    claims: inUnit('claims', UNIT),
    decisions: inUnit('decisions', UNIT),
    notes: [`${CARD}:2025-06-10T11:00:00-03:00:${clerk.name}`, openNote, secretNote],
    reds_ledger: inUnit('reds_ledger', UNIT),
    reds_leases: ['lease-joao', 'lease-maria'],
    cards: [CARD],
    card_events: [`${CARD}:evt-00000001`],
    access_log: ['acc-00000001', 'acc-00000003'],
    ...everyone,
  },
  admin: Object.fromEntries(
    (['requests', 'claims', 'decisions', 'notes', 'reds_ledger', 'reds_leases', 'cards', 'card_events', 'access_log', 'reference', 'notices'] as const).map(
      (db) => [db, live(all(db))],
    ),
  ),
  intake: { requests: none, ...everyone },
};

/** Every database the matrix covers. */
export const MATRIX_DATABASES: DatabaseName[] = [
  'requests', 'claims', 'decisions', 'notes', 'reds_ledger', 'reds_leases', 'cards', 'card_events', 'access_log', 'reference', 'notices',
];

export const dbOfDocument = dbOf;

/** Requests seeded with an attachment, to test attachment reads. */
export const ATTACHMENT_NAME = 'boletim.txt';
export const WITH_ATTACHMENT = [REQ_OPEN, REQ_SECRET_OTHER, REQ_FOREIGN];

/**
 * Writes the world straight into a storage, past the policy (as the server's own seeding would), then
 * deletes `DELETED_IDS`: their tombstones keep their tags.
 */
export async function seedWorld(storage: Storage): Promise<void> {
  for (const db of MATRIX_DATABASES) {
    await storage.createDatabase(db);
    const writes: DocumentWrite[] = seedIn(db).map((doc) => {
      const id = documentIdOf(doc);
      const attachments: DocumentWrite['attachments'] = WITH_ATTACHMENT.includes(id)
        ? { [ATTACHMENT_NAME]: { kind: 'data', contentType: 'text/plain', data: Buffer.from(`anexo de ${id}`) } }
        : {};
      return { id, deleted: false, body: doc as unknown as DocumentBody, attachments };
    });
    // Tags as the server's write check would choose them (children of a secret request).
    const check = async (write: IncomingWrite): Promise<WriteCheck> => {
      const tags = await secretChildTags(write.body as unknown as PlantaoDocument, null, storage);
      return tags ? { ok: true, tags } : { ok: true };
    };
    const options = { newEdits: true, scopeOf: (id: string, body: DocumentBody) => scopeOf(db, id, body), check };
    const results = await storage.bulkWrite(db, writes, options);
    const deletions = results.flatMap((row) =>
      'ok' in row && DELETED_IDS.includes(row.id) ? [{ id: row.id, rev: row.rev, deleted: true, body: {}, attachments: {} }] : [],
    );
    if (deletions.length > 0) await storage.bulkWrite(db, deletions, options);
  }
}
