import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseName, documentIdOf, type PlantaoDocument } from '../../shared/schemas';
import { makeCardEvent, makeCardProcess, makeClaim, makeDecision, makeRequest } from '../../shared/rules/test-fixtures';
import type { Principal } from '../auth/principal';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage';
import type { DocumentBody } from './access-policy';
import { createAccessPolicy } from './plantao-policy';
import { REASONS } from './reasons';
import { refuse } from './write-context';
import {
  CARD,
  dbOfDocument,
  NOW,
  OTHER_CARD,
  OTHER_POST,
  OTHER_UNIT,
  POST,
  principal,
  REDS_ISSUED,
  REDS_VOID,
  REQ_FOREIGN,
  REQ_OPEN,
  REQ_SECRET_HELD,
  REQ_SECRET_OTHER,
  REQ_UNCLAIMED,
  SEED,
  seedWorld,
  UNIT,
  USERS,
  type UserKey,
} from './test-fixtures';

let dir: string;
let storage: SqliteStorage;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plantao-writes-'));
  storage = SqliteStorage.open(dir);
  await seedWorld(storage);
});
afterAll(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const seeded = <T extends PlantaoDocument['type']>(type: T, id: string) =>
  SEED.find((doc) => doc.type === type && documentIdOf(doc) === id) as Extract<PlantaoDocument, { type: T }>;

const { officer, otherOfficer, clerk, otherClerk, desk, supervisor, foreignOfficer } = USERS;
const as = (user: { name: string; displayName: string }) => ({ officerId: user.name, officerName: user.displayName });
const note = (subject: Extract<PlantaoDocument, { type: 'note' }>['subject'], authorId: string): PlantaoDocument => ({
  type: 'note',
  schemaVersion: 1,
  subject,
  authorId,
  authorName: authorId,
  createdAt: '2025-06-10T12:00:00-03:00',
  text: 'Cidadão ligou.',
});
const access = (userId: string, role: Principal['roles'][number], scopeId: string): PlantaoDocument => ({
  type: 'access_entry',
  schemaVersion: 1,
  entryId: `acc-new-${userId.replace('.', '-')}`,
  userId,
  userName: userId,
  role,
  scopeId,
  workstationId: 'ws-bh-01',
  at: NOW,
  action: 'view',
  record: { kind: 'request', id: REQ_OPEN },
  fields: ['narrative'],
});
const reds = (overrides: Partial<Extract<PlantaoDocument, { type: 'reds_entry' }>>): PlantaoDocument => ({
  ...seeded('reds_entry', REDS_ISSUED),
  number: '2025-000000103-001',
  requestId: REQ_UNCLAIMED,
  decisionId: `${REQ_UNCLAIMED}:001`,
  ...overrides,
});
const voided = (by: string, overrides: Partial<Extract<PlantaoDocument, { type: 'reds_entry' }>> = {}): PlantaoDocument => ({
  ...seeded('reds_entry', REDS_ISSUED),
  status: 'void',
  void: { reason: 'Número emitido para a solicitação errada.', voidedBy: by, voidedAt: NOW, automatic: false },
  ...overrides,
});
const nowLater = '2025-06-10T12:20:00-03:00';

interface Case {
  title: string;
  user: UserKey | Principal;
  /** A document (db and id follow from it) or a raw write. */
  doc?: PlantaoDocument;
  write?: { db: string; id: string; body?: DocumentBody; deleted?: boolean; attachmentNames?: string[] };
  now?: string;
  /** null: allowed; else the pt-BR reason. */
  refused: string | null;
}

const CASES: Case[] = [
  // Generic checks
  { title: 'invalid body', user: 'officer', write: { db: 'claims', id: REQ_UNCLAIMED, body: { type: 'claim', requestId: REQ_UNCLAIMED } }, refused: 'Documento inválido' },
  { title: 'type of another database', user: 'officer', write: { db: 'decisions', id: REQ_UNCLAIMED, body: makeClaim({ requestId: REQ_UNCLAIMED, ...as(officer) }) as unknown as DocumentBody }, refused: REASONS.wrongDatabase },
  { title: '_id not derived from the content', user: 'officer', write: { db: 'claims', id: REQ_OPEN, body: makeClaim({ requestId: REQ_UNCLAIMED, ...as(officer) }) as unknown as DocumentBody }, refused: REASONS.wrongId },
  { title: 'attachments on a note', user: 'officer', write: { db: 'notes', id: `${REQ_OPEN}:2025-06-10T12:00:00-03:00:${officer.name}`, body: note({ kind: 'request', id: REQ_OPEN, unitId: UNIT }, officer.name) as unknown as DocumentBody, attachmentNames: ['x.pdf'] }, refused: REASONS.noAttachments },
  { title: 'design document by an officer', user: 'officer', write: { db: 'requests', id: '_design/x', body: {} }, refused: REASONS.designOnlyAdmin },
  { title: 'design document by the admin', user: 'admin', write: { db: 'requests', id: '_design/x', body: {} }, refused: null },
  { title: 'unknown database', user: 'supervisor', write: { db: 'payroll', id: 'x', body: {} }, refused: REASONS.unknownDatabase },
  { title: 'service desk writes a claim', user: 'desk', doc: makeClaim({ requestId: REQ_UNCLAIMED, ...as(desk) }), refused: REASONS.roleCannotWrite },
  { title: 'clerk writes a decision', user: 'clerk', doc: makeDecision({ requestId: REQ_UNCLAIMED, ...as(clerk) }), refused: REASONS.roleCannotWrite },
  { title: 'intake writes a note', user: 'intake', doc: note({ kind: 'request', id: REQ_OPEN, unitId: UNIT }, 'portal'), refused: REASONS.roleCannotWrite },
  { title: 'admin writes a REDS lease', user: 'admin', doc: SEED.find((doc) => doc.type === 'reds_lease')!, refused: REASONS.leasesServerOnly },

  // Deletions
  { title: 'deleting a request, even as admin', user: 'admin', write: { db: 'requests', id: REQ_OPEN, deleted: true }, refused: REASONS.requestNoDeletion },
  { title: 'deleting a decision', user: 'otherOfficer', write: { db: 'decisions', id: `${REQ_OPEN}:001`, deleted: true }, refused: REASONS.decisionNoDeletion },
  { title: 'deleting a REDS number', user: 'officer', write: { db: 'reds_ledger', id: REDS_ISSUED, deleted: true }, refused: REASONS.redsNoDeletion },
  { title: 'deleting a card event', user: 'clerk', write: { db: 'card_events', id: `${CARD}:evt-00000001`, deleted: true }, refused: REASONS.cardEventNoDeletion },
  { title: 'deleting an access entry', user: 'supervisor', write: { db: 'access_log', id: 'acc-00000001', deleted: true }, refused: REASONS.accessImmutable },
  { title: 'deleting a claim', user: 'otherOfficer', write: { db: 'claims', id: REQ_OPEN, deleted: true }, refused: REASONS.noDeletion },
  { title: 'admin deletes a notice', user: 'admin', write: { db: 'notices', id: 'notice:maint-2025-06', deleted: true }, refused: null },
  { title: 'supervisor deletes a notice', user: 'supervisor', write: { db: 'notices', id: 'notice:maint-2025-06', deleted: true }, refused: REASONS.noDeletion },

  // Requests: intake only, immutable
  { title: 'intake files a new request', user: 'intake', doc: makeRequest({ protocol: 'DV-2025-00000099', portalSubmissionId: 'portal-new-99' }), refused: null },
  { title: 'intake changes a received request', user: 'intake', doc: { ...seeded('request', REQ_OPEN), narrative: 'Outro histórico, reescrito depois do envio.' }, refused: REASONS.requestImmutable },
  { title: 'officer files a request', user: 'officer', doc: makeRequest({ protocol: 'DV-2025-00000098' }), refused: REASONS.roleCannotWrite },
  { title: 'intake bound to a unit files into another', user: { ...principal('intake'), unitId: OTHER_UNIT }, doc: makeRequest({ protocol: 'DV-2025-00000097', unitId: UNIT }), refused: REASONS.otherUnit },

  // Claims
  { title: 'officer claims an open request', user: 'officer', doc: makeClaim({ requestId: REQ_UNCLAIMED, ...as(officer) }), refused: null },
  { title: 'officer claims in the name of another', user: 'officer', doc: makeClaim({ requestId: REQ_UNCLAIMED, ...as(otherOfficer) }), refused: REASONS.claimAsOther },
  { title: 'officer takes over an unexpired claim', user: 'officer', doc: makeClaim({ requestId: REQ_OPEN, ...as(officer) }), refused: REASONS.claimTaken },
  { title: 'officer takes over an expired claim', user: 'officer', now: nowLater, doc: makeClaim({ requestId: REQ_OPEN, ...as(officer), expiresAt: '2025-06-10T12:35:00-03:00' }), refused: null },
  { title: 'officer releases the claim of another', user: 'officer', doc: { ...seeded('claim', REQ_OPEN), releasedAt: NOW }, refused: REASONS.claimNotYours },
  { title: 'supervisor takes over an unexpired claim', user: 'supervisor', doc: makeClaim({ requestId: REQ_OPEN, ...as(officer) }), refused: null },
  { title: 'supervisor assigns a secret request', user: 'supervisor', doc: makeClaim({ requestId: REQ_SECRET_OTHER, ...as(otherOfficer) }), refused: null },
  { title: 'officer claims a secret request', user: 'officer', doc: makeClaim({ requestId: REQ_SECRET_OTHER, ...as(officer) }), refused: REASONS.requestNotFound },
  { title: 'officer renews the claim of a secret request they hold', user: 'officer', doc: { ...seeded('claim', REQ_SECRET_HELD), expiresAt: '2025-06-10T12:30:00-03:00' }, refused: null },
  { title: 'officer claims a request that does not exist', user: 'officer', doc: makeClaim({ requestId: 'DV-2025-00000777', ...as(officer) }), refused: REASONS.requestNotFound },
  { title: 'officer of another unit claims here', user: 'foreignOfficer', doc: makeClaim({ requestId: REQ_UNCLAIMED, ...as(foreignOfficer) }), refused: REASONS.otherUnit },
  { title: 'claim moving a request to another unit', user: 'officer', doc: makeClaim({ requestId: REQ_FOREIGN, unitId: UNIT, ...as(officer) }), refused: REASONS.otherUnit },
  { title: 'claim whose unit differs from its request', user: 'supervisor', doc: makeClaim({ requestId: REQ_SECRET_OTHER, unitId: OTHER_UNIT, ...as(officer) }), refused: REASONS.otherUnit },

  // Decisions
  { title: 'officer resumes a request on hold', user: 'otherOfficer', doc: makeDecision({ requestId: REQ_OPEN, sequence: 2, outcome: 'resumed', redsNumber: undefined, ...as(otherOfficer) }), refused: null },
  { title: 'validating straight from on hold', user: 'otherOfficer', doc: makeDecision({ requestId: REQ_OPEN, sequence: 2, ...as(otherOfficer) }), refused: REASONS.decisionNotAllowed },
  { title: 'a second decision at the same step', user: 'officer', doc: makeDecision({ requestId: REQ_OPEN, sequence: 1, ...as(officer) }), refused: REASONS.decisionTaken },
  { title: 'rewriting one\u2019s own decision', user: 'otherOfficer', doc: { ...seeded('decision', `${REQ_OPEN}:001`), orientationText: 'Outra orientação ao cidadão.' }, refused: REASONS.decisionImmutable },
  { title: 'skipping a sequence number', user: 'officer', doc: makeDecision({ requestId: REQ_UNCLAIMED, sequence: 2, ...as(officer) }), refused: REASONS.decisionOutOfOrder },
  { title: 'deciding in the name of another', user: 'officer', doc: makeDecision({ requestId: REQ_UNCLAIMED, ...as(otherOfficer) }), refused: REASONS.decisionAsOther },
  { title: 'supervisor deciding in the name of an officer', user: 'supervisor', doc: makeDecision({ requestId: REQ_UNCLAIMED, ...as(officer) }), refused: REASONS.decisionAsOther },
  { title: 'own decision after a final one', user: 'foreignOfficer', doc: makeDecision({ requestId: REQ_FOREIGN, sequence: 2, unitId: OTHER_UNIT, outcome: 'on_hold', redsNumber: undefined, reasonCode: 'x_y', orientationText: 'Orientação.', ...as(foreignOfficer) }), refused: REASONS.decisionFinal },
  { title: 'decision after another officer\u2019s final one', user: { ...principal('foreignOfficer'), name: 'outro.sp' }, doc: makeDecision({ requestId: REQ_FOREIGN, sequence: 2, unitId: OTHER_UNIT, outcome: 'on_hold', redsNumber: undefined, reasonCode: 'x_y', orientationText: 'Orientação.', officerId: 'outro.sp' }), refused: REASONS.decisionTaken },
  { title: 'deciding a secret request one does not hold', user: 'otherOfficer', doc: makeDecision({ requestId: REQ_SECRET_OTHER, ...as(otherOfficer) }), refused: REASONS.requestNotFound },
  { title: 'deciding in another unit', user: 'foreignOfficer', doc: makeDecision({ requestId: REQ_UNCLAIMED, ...as(foreignOfficer) }), refused: REASONS.otherUnit },
  { title: 'decision whose unit differs from its request', user: 'officer', doc: makeDecision({ requestId: REQ_FOREIGN, sequence: 2, unitId: UNIT, ...as(officer) }), refused: REASONS.requestNotFound },
  { title: 'officer validates an open request', user: 'officer', doc: makeDecision({ requestId: REQ_UNCLAIMED, ...as(officer) }), refused: null },

  // Notes
  { title: 'desk notes on a request of the unit', user: 'desk', doc: note({ kind: 'request', id: REQ_OPEN, unitId: UNIT }, desk.name), refused: null },
  { title: 'desk notes on a card of any post', user: 'desk', doc: note({ kind: 'card', id: OTHER_CARD, postId: OTHER_POST }, desk.name), refused: null },
  { title: 'clerk notes on a card of the post', user: 'clerk', doc: note({ kind: 'card', id: CARD, postId: POST }, clerk.name), refused: null },
  { title: 'clerk notes on a card of another post', user: 'clerk', doc: note({ kind: 'card', id: OTHER_CARD, postId: OTHER_POST }, clerk.name), refused: REASONS.noteOutOfScope },
  { title: 'officer notes on a secret request held by another', user: 'otherOfficer', doc: note({ kind: 'request', id: REQ_SECRET_HELD, unitId: UNIT }, otherOfficer.name), refused: REASONS.requestNotFound },
  { title: 'desk notes on a secret request', user: 'desk', doc: note({ kind: 'request', id: REQ_SECRET_OTHER, unitId: UNIT }, desk.name), refused: REASONS.requestNotFound },
  { title: 'officer notes on a card', user: 'officer', doc: note({ kind: 'card', id: CARD, postId: POST }, officer.name), refused: REASONS.noteOutOfScope },
  { title: 'officer notes in another unit', user: 'officer', doc: note({ kind: 'request', id: REQ_FOREIGN, unitId: OTHER_UNIT }, officer.name), refused: REASONS.noteOutOfScope },
  { title: 'note in the name of another', user: 'officer', doc: note({ kind: 'request', id: REQ_OPEN, unitId: UNIT }, otherOfficer.name), refused: REASONS.noteAsOther },
  { title: 'editing a note', user: 'clerk', doc: { ...(SEED.find((doc) => doc.type === 'note' && doc.authorId === clerk.name) as PlantaoDocument & { type: 'note' }), text: 'Texto mudado.' }, refused: REASONS.noteImmutable },

  // REDS ledger
  { title: 'officer issues a number', user: 'officer', doc: reds({}), refused: null },
  { title: 'issuing in the name of another', user: 'otherOfficer', doc: reds({}), refused: REASONS.redsAsOther },
  { title: 'a new number already void', user: 'officer', doc: reds({ status: 'void' }), refused: REASONS.redsMustBeIssued },
  { title: 'issuing in another unit', user: 'foreignOfficer', doc: reds({ userId: foreignOfficer.name }), refused: REASONS.otherUnit },
  { title: 'voiding one\u2019s own number', user: 'officer', doc: voided(officer.name), refused: null },
  { title: 'voiding and changing the request', user: 'officer', doc: voided(officer.name, { requestId: REQ_UNCLAIMED }), refused: REASONS.redsOnlyVoid },
  { title: 'changing an issued number without voiding', user: 'officer', doc: { ...seeded('reds_entry', REDS_ISSUED), requestId: REQ_UNCLAIMED }, refused: REASONS.redsOnlyVoid },
  { title: 'voiding without justification', user: 'officer', doc: { ...seeded('reds_entry', REDS_ISSUED), status: 'void' }, refused: REASONS.redsVoidNeedsReason },
  { title: 'voiding in the name of another', user: 'officer', doc: voided(otherOfficer.name), refused: REASONS.redsVoidAsOther },
  { title: 'voiding another officer\u2019s number', user: 'otherOfficer', doc: voided(otherOfficer.name), refused: REASONS.redsVoidNotYours },
  { title: 'supervisor voids an officer\u2019s number', user: 'supervisor', doc: voided(supervisor.name), refused: null },
  { title: 'reviving a void number', user: 'officer', doc: { ...seeded('reds_entry', REDS_VOID), status: 'issued', void: undefined }, refused: REASONS.redsAlreadyVoid },

  // Cards
  { title: 'clerk schedules a card of the post', user: 'clerk', doc: { ...seeded('card_process', CARD), scheduledFor: '2025-06-12T09:00:00-03:00' }, refused: null },
  { title: 'clerk edits a card of another post', user: 'clerk', doc: { ...seeded('card_process', OTHER_CARD), scheduledFor: '2025-06-12T09:00:00-03:00' }, refused: REASONS.cardOtherPost },
  { title: 'clerk moves a card to another post', user: 'otherClerk', doc: { ...seeded('card_process', CARD), postId: OTHER_POST }, refused: REASONS.cardOtherPost },
  { title: 'clerk opens a card process', user: 'clerk', doc: makeCardProcess({ protocol: 'CI-2025-00000099', postId: POST }), refused: null },
  { title: 'desk edits a card', user: 'desk', doc: { ...seeded('card_process', CARD), scheduledFor: '2025-06-12T09:00:00-03:00' }, refused: REASONS.roleCannotWrite },
  { title: 'clerk records the next stage', user: 'clerk', doc: makeCardEvent({ protocol: CARD, postId: POST, eventId: 'evt-00000010', from: 'fee_settled', to: 'scheduled', byUserId: clerk.name }), refused: null },
  { title: 'stage move in the name of another', user: 'clerk', doc: makeCardEvent({ protocol: CARD, postId: POST, eventId: 'evt-00000011', from: 'fee_settled', to: 'scheduled', byUserId: otherClerk.name }), refused: REASONS.cardEventAsOther },
  { title: 'stage move at another post', user: 'clerk', doc: makeCardEvent({ protocol: OTHER_CARD, postId: OTHER_POST, eventId: 'evt-00000012', from: 'fee_settled', to: 'scheduled', byUserId: clerk.name }), refused: REASONS.otherPost },
  { title: 'stage move naming the wrong post for the card', user: 'clerk', doc: makeCardEvent({ protocol: OTHER_CARD, postId: POST, eventId: 'evt-00000013', from: 'fee_settled', to: 'scheduled', byUserId: clerk.name }), refused: REASONS.cardNotFound },
  { title: 'skipping stages without a reason', user: 'clerk', doc: makeCardEvent({ protocol: CARD, postId: POST, eventId: 'evt-00000014', from: 'fee_settled', to: 'validated', byUserId: clerk.name }), refused: 'Não é possível pular etapas: depois de "Taxa resolvida" vem "Agendado".' },
  { title: 'skipping stages even with a written reason', user: 'clerk', doc: makeCardEvent({ protocol: CARD, postId: POST, eventId: 'evt-00000017', from: 'fee_settled', to: 'validated', reasonCode: 'data_entry_error', reasonText: 'Etapas lançadas no sistema antigo.', byUserId: clerk.name }), refused: 'Não é possível pular etapas' },
  { title: 'going back a stage with a code but no written reason', user: 'clerk', doc: makeCardEvent({ protocol: CARD, postId: POST, eventId: 'evt-00000018', from: 'validated', to: 'biometrics_collected', reasonCode: 'biometrics_recollection', byUserId: clerk.name }), refused: 'Justifique por escrito a volta de etapa.' },
  { title: 'a pendência with a reversal code', user: 'clerk', doc: makeCardEvent({ protocol: CARD, postId: POST, eventId: 'evt-00000019', from: 'validated', to: 'pending_issue', reasonCode: 'data_entry_error', reasonText: 'Dados divergentes na base.', byUserId: clerk.name }), refused: 'Motivo de pendência inválido.' },
  { title: 'going back a stage with a logged reason', user: 'clerk', doc: makeCardEvent({ protocol: CARD, postId: POST, eventId: 'evt-00000015', from: 'validated', to: 'biometrics_collected', reasonCode: 'biometrics_recollection', reasonText: 'Digitais ilegíveis na validação.', byUserId: clerk.name }), refused: null },
  { title: 'handing over without the document shown', user: 'clerk', doc: makeCardEvent({ protocol: CARD, postId: POST, eventId: 'evt-00000016', from: 'available_for_pickup', to: 'delivered', byUserId: clerk.name }), refused: 'Registre o documento apresentado na entrega da carteira.' },
  { title: 'rewriting a stage move', user: 'clerk', doc: { ...seeded('card_event', `${CARD}:evt-00000001`), at: NOW }, refused: REASONS.cardEventImmutable },

  // Access log
  { title: 'officer logs own access in the unit', user: 'officer', doc: access(officer.name, 'triage_officer', UNIT), refused: null },
  { title: 'logging access as another', user: 'officer', doc: access(otherOfficer.name, 'triage_officer', UNIT), refused: REASONS.accessAsOther },
  { title: 'logging access with a role one lacks', user: 'officer', doc: access(officer.name, 'supervisor', UNIT), refused: REASONS.accessWrongRole },
  { title: 'logging access into another unit', user: 'officer', doc: access(officer.name, 'triage_officer', OTHER_UNIT), refused: REASONS.accessOutOfScope },
  { title: 'editing an access entry', user: 'officer', doc: { ...seeded('access_entry', 'acc-00000001'), fields: [] }, refused: REASONS.accessImmutable },
  { title: 'intake logs an access', user: 'intake', doc: access('portal', 'intake', UNIT), refused: REASONS.roleCannotWrite },

  // Reference data and notices
  { title: 'supervisor writes a reason template', user: 'supervisor', doc: { type: 'reason_template', schemaVersion: 1, code: 'third_party', appliesTo: 'rejected', label: 'Terceiro', orientationText: 'Só a vítima pode registrar.', active: true }, refused: null },
  { title: 'supervisor writes a nature', user: 'supervisor', doc: { ...seeded('nature', 'nature:FURTO_CELULAR:v1'), label: 'Outro' }, refused: REASONS.roleCannotWrite },
  { title: 'admin writes a nature', user: 'admin', doc: { ...seeded('nature', 'nature:FURTO_CELULAR:v1'), label: 'Furto de aparelho celular' }, refused: null },
  { title: 'officer publishes a notice', user: 'officer', doc: { ...seeded('notice', 'notice:maint-2025-06'), message: 'Aviso falso de manutenção.' }, refused: REASONS.roleCannotWrite },
  { title: 'admin publishes a notice', user: 'admin', doc: { ...seeded('notice', 'notice:maint-2025-06'), message: 'Manutenção adiada para segunda.' }, refused: null },
];

describe('write checks', () => {
  it.each(CASES)('$title', async ({ user, doc, write, now, refused }) => {
    const policy = createAccessPolicy({ storage, now: () => Date.parse(now ?? NOW) });
    const who = typeof user === 'string' ? principal(user) : user;
    const db = write?.db ?? dbOfDocument(doc!);
    const id = write?.id ?? documentIdOf(doc!);
    const body = (write?.body ?? doc ?? {}) as DocumentBody;
    const current = (await storage.listDatabases()).includes(db) ? await storage.getBody(db, id) : null;
    const result = await policy.checkWrite(
      who,
      { db, id, deleted: write?.deleted ?? false, body, ...(write?.attachmentNames ? { attachmentNames: write.attachmentNames } : {}) },
      current,
    );
    if (refused === null) expect(result).toMatchObject({ ok: true });
    else expect(result).toMatchObject({ ok: false, error: { error: 'forbidden', reason: expect.stringContaining(refused) } });
  });

  it('asks the REDS extension point about every new number, and only then', async () => {
    const seen: string[] = [];
    const policy = createAccessPolicy({
      storage,
      now: () => Date.parse(NOW),
      redsIssueCheck: ({ doc }) => {
        seen.push(doc.number);
        return refuse('Número fora do bloco.');
      },
    });
    const entry = reds({});
    const write = (doc: PlantaoDocument, current: DocumentBody | null) =>
      policy.checkWrite(principal('officer'), { db: 'reds_ledger', id: documentIdOf(doc), deleted: false, body: doc as unknown as DocumentBody }, current);
    expect(await write(entry, null)).toMatchObject({ ok: false, error: { reason: 'Número fora do bloco.' } });
    expect(await write(voided(officer.name), await storage.getBody('reds_ledger', REDS_ISSUED))).toEqual({ ok: true });
    expect(seen).toEqual([documentIdOf(entry)]);
  });

  it('gives the claim, decisions and notes of a secret request the request\u2019s tags, not the unit\u2019s', async () => {
    const policy = createAccessPolicy({ storage, now: () => Date.parse(NOW) });
    const check = (user: UserKey, doc: PlantaoDocument, current: DocumentBody | null = null) =>
      policy.checkWrite(principal(user), { db: dbOfDocument(doc), id: documentIdOf(doc), deleted: false, body: doc as unknown as DocumentBody }, current);
    const secret = [`secret:${UNIT}`, `request:${REQ_SECRET_HELD}`];
    const held = seeded('claim', REQ_SECRET_HELD);
    expect(await check('officer', { ...held, expiresAt: '2025-06-10T12:30:00-03:00' }, held as unknown as DocumentBody)).toEqual({ ok: true, tags: [...secret, `officer:${officer.name}`] });
    // Reassigned by the supervisor: the officer it was taken from keeps reading it.
    expect(await check('supervisor', { ...held, ...as(otherOfficer) }, held as unknown as DocumentBody)).toEqual({
      ok: true,
      tags: [...secret, `officer:${otherOfficer.name}`, `officer:${officer.name}`],
    });
    const next = makeDecision({ requestId: REQ_SECRET_HELD, sequence: 2, outcome: 'resumed', redsNumber: undefined, ...as(officer) });
    expect(await check('officer', next)).toEqual({ ok: true, tags: [...secret, `officer:${officer.name}`] });
    expect(await check('officer', note({ kind: 'request', id: REQ_SECRET_HELD, unitId: UNIT }, officer.name))).toEqual({ ok: true, tags: secret });
    expect(await check('officer', note({ kind: 'request', id: REQ_OPEN, unitId: UNIT }, officer.name))).toEqual({ ok: true });
  });

  it('covers every database of the matrix', () => {
    const dbs = new Set(CASES.map((item) => item.write?.db ?? dbOfDocument(item.doc!)));
    for (const db of ['requests', 'claims', 'decisions', 'notes', 'reds_ledger', 'reds_leases', 'cards', 'card_events', 'access_log', 'reference', 'notices'] satisfies DatabaseName[]) {
      expect(dbs.has(db)).toBe(true);
    }
  });
});
