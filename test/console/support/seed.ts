import {
  type Claim,
  DATABASE_NAMES,
  documentIdOf,
  type MaintenanceNotice,
  type Note,
  type OccurrenceRequest,
  type PlantaoDocument,
  type Role,
  type UserProfile,
  userAccountDocId,
  type UserPut,
} from '../../../shared/schemas';
import type { TestServer } from '../../sync-server/support/test-server';

export const PASSWORD = 'senha-do-plantao-123';
export const UNIT = 'dv-mg-capital';
export const OTHER_UNIT = 'dv-mg-sul';

export const OFFICERS = [
  { userId: 'ana.ferreira', displayName: 'Ana Paula Ferreira' },
  { userId: 'bruno.rocha', displayName: 'Bruno Henrique Rocha' },
] as const;

const profile = (userId: string, displayName: string, roles: Role[]): UserProfile => ({
  type: 'user',
  schemaVersion: 1,
  userId,
  displayName,
  roles,
  unitId: UNIT,
  active: true,
});

/** The unit's officers' accounts, created over HTTP by the server admin (`PUT /_users/org.couchdb.user:<name>`). */
export async function createAccounts(server: TestServer): Promise<void> {
  for (const officer of OFFICERS) {
    const account: UserPut = { name: officer.userId, displayName: officer.displayName, roles: ['triage_officer'], unitId: UNIT, password: PASSWORD };
    const response = await server.request(`/_users/${userAccountDocId(officer.userId)}`, { method: 'PUT', json: account });
    if (!response.ok) throw new Error(`could not create ${officer.userId}: ${response.status} ${await response.text()}`);
  }
}

const pad = (value: number, size: number) => String(value).padStart(size, '0');

function request(index: number, now: number): OccurrenceRequest {
  const receivedAt = new Date(now - (index + 1) * 60_000).toISOString();
  return {
    type: 'request',
    schemaVersion: 1,
    protocol: `DV-2026-${pad(index + 1, 8)}`,
    unitId: UNIT,
    receivedAt,
    secret: false,
    portalSubmissionId: `portal-${pad(index, 8)}`,
    submittedAt: receivedAt,
    natureCode: 'EXTRAVIO_DOCUMENTOS',
    natureTableVersion: 1,
    requester: {
      kind: 'person_br',
      capacity: 'self',
      nationality: 'BR',
      fullName: `Solicitante Número ${index + 1}`,
      birthDate: '1985-04-12',
      sex: 'female',
      genderIdentity: 'woman',
      schooling: 'higher',
      maritalStatus: 'single',
      address: { street: 'Rua da Bahia', number: '1000', district: 'Centro', municipality: 'Belo Horizonte', uf: 'MG' },
      rg: { number: 'MG1234567', uf: 'MG' },
      cpf: '52998224725',
      email: 'solicitante@example.com',
      mobile: '31999990000',
    },
    authors: [],
    witnesses: [],
    narrative: 'Perdi minha carteira de identidade no trajeto entre o trabalho e minha casa.',
    fact: {
      startedAt: receivedAt,
      place: { street: 'Av. Afonso Pena', district: 'Centro', municipality: 'Belo Horizonte', uf: 'MG', placeKind: 'public_road' },
      domesticContext: false,
    },
    attachments: [],
  };
}

export function noticeOf(now: number): MaintenanceNotice {
  return {
    type: 'notice',
    schemaVersion: 1,
    noticeId: 'manutencao-1',
    message: 'O servidor de sincronização ficará indisponível para atualização. Continue trabalhando: as alterações serão enviadas depois.',
    startsAt: new Date(now + 2 * 3_600_000).toISOString(),
    endsAt: new Date(now + 3 * 3_600_000).toISOString(),
    publishedBy: 'admin',
    publishedAt: new Date(now).toISOString(),
  };
}

export function noteOf(author: (typeof OFFICERS)[number], unitId: string, requestIndex: number, text: string, createdAt = new Date()): Note & { id: string } {
  const note: Note = {
    type: 'note',
    schemaVersion: 1,
    subject: { kind: 'request', id: `DV-2026-${pad(requestIndex + 1, 8)}`, unitId },
    authorId: author.userId,
    authorName: author.displayName,
    createdAt: createdAt.toISOString(),
    text,
  };
  return { ...note, id: documentIdOf(note) };
}

export function claimOf(officer: (typeof OFFICERS)[number], requestIndex: number, now = new Date()): Claim & { id: string } {
  const claim: Claim = {
    type: 'claim',
    schemaVersion: 1,
    requestId: `DV-2026-${pad(requestIndex + 1, 8)}`,
    unitId: UNIT,
    officerId: officer.userId,
    officerName: officer.displayName,
    workstationId: `ws-${officer.userId.replace(/\./g, '-')}`,
    claimedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 30 * 60_000).toISOString(),
    provisional: false,
  };
  return { ...claim, id: documentIdOf(claim) };
}

async function bulk(server: TestServer, db: string, docs: PlantaoDocument[]): Promise<void> {
  const response = await server.request(`/${db}/_bulk_docs`, { method: 'POST', json: { docs: docs.map((doc) => ({ _id: documentIdOf(doc), ...doc })) } });
  const rows = (await response.json()) as Array<{ ok?: boolean; error?: string; reason?: string }>;
  const failed = rows.filter((row) => !row.ok);
  if (failed.length > 0) throw new Error(`seeding ${db} failed: ${JSON.stringify(failed.slice(0, 3))}`);
}

/** Every database, the unit's officers' profiles, a maintenance notice and `requests` occurrence requests. */
export async function seed(server: TestServer, requests: number, now = Date.now()): Promise<void> {
  for (const db of DATABASE_NAMES) {
    const status = (await server.request(`/${db}`, { method: 'PUT' })).status;
    if (status !== 201 && status !== 412) throw new Error(`could not create ${db}: ${status}`);
  }
  await bulk(server, 'reference', [
    { type: 'unit', schemaVersion: 1, unitId: UNIT, name: 'Delegacia Virtual MG — Capital', uf: 'MG', serviceLevelMinutes: 60, maxFactAgeDays: 180, claimLeaseMinutes: 30 },
    ...OFFICERS.map((officer) => profile(officer.userId, officer.displayName, ['triage_officer'])),
  ]);
  await bulk(server, 'notices', [noticeOf(now)]);
  for (let start = 0; start < requests; start += 250) {
    await bulk(server, 'requests', Array.from({ length: Math.min(250, requests - start) }, (_, offset) => request(start + offset, now)));
  }
}
