/**
 * Valid documents for tests (shared by every folder's tests). Each builder returns a fresh object that
 * passes its zod schema; pass overrides for the one thing a test breaks.
 */
import type { BrazilianRequester, CardProcess, CardStageEvent, Claim, Decision, OccurrenceRequest, Unit } from '../schemas';

/** The moment most fixtures are relative to: a Tuesday in June 2025, 12:00 in Belo Horizonte. */
export const FIXTURE_NOW = '2025-06-10T12:00:00-03:00';

export const VALID_CPF = '52998224725';
export const VALID_CNPJ = '11222333000181';
export const VALID_ALPHANUMERIC_CNPJ = '12ABC34501DE35';
export const VALID_SP_RG = '123456782';

export function makeUnit(overrides: Partial<Unit> = {}): Unit {
  return {
    type: 'unit',
    schemaVersion: 1,
    unitId: 'dv-mg',
    name: 'Delegacia Virtual de Minas Gerais',
    uf: 'MG',
    serviceLevelMinutes: 60,
    maxFactAgeDays: 180,
    claimLeaseMinutes: 15,
    ...overrides,
  };
}

export function makeBrazilianRequester(overrides: Partial<BrazilianRequester> = {}): BrazilianRequester {
  return {
    kind: 'person_br',
    capacity: 'self',
    nationality: 'BR',
    fullName: 'Maria Aparecida da Silva',
    birthDate: '1985-04-12',
    sex: 'female',
    genderIdentity: 'woman',
    schooling: 'high_school',
    maritalStatus: 'married',
    address: {
      street: 'Rua dos Guajajaras',
      number: '1200',
      complement: 'apto 302',
      district: 'Centro',
      municipality: 'Belo Horizonte',
      municipalityCode: '3106200',
      uf: 'MG',
      cep: '30180101',
    },
    rg: { number: 'MG12345678', uf: 'MG' },
    cpf: VALID_CPF,
    email: 'maria.silva@example.com.br',
    mobile: '(31) 98765-4321',
    ...overrides,
  };
}

/** A theft of a mobile phone in Belo Horizonte the evening before `FIXTURE_NOW`, filed by the victim. */
export function makeRequest(overrides: Partial<OccurrenceRequest> = {}): OccurrenceRequest {
  return {
    type: 'request',
    schemaVersion: 1,
    protocol: 'DV-2025-00001234',
    unitId: 'dv-mg',
    portalSubmissionId: 'portal-7f3a9c21',
    submittedAt: '2025-06-10T10:15:00-03:00',
    receivedAt: '2025-06-10T10:15:04-03:00',
    natureCode: 'FURTO_CELULAR',
    natureTableVersion: 1,
    requester: makeBrazilianRequester(),
    authors: [{ sex: 'male', approximateAge: 25, relationshipToVictim: 'stranger', description: 'Camiseta azul, boné preto' }],
    witnesses: [],
    narrative: 'Estava no ponto de ônibus da Avenida Afonso Pena quando um homem puxou meu celular da minha mão e correu.',
    fact: {
      startedAt: '2025-06-09T19:40:00-03:00',
      endedAt: '2025-06-09T19:45:00-03:00',
      place: {
        street: 'Avenida Afonso Pena',
        number: '1500',
        district: 'Centro',
        municipality: 'Belo Horizonte',
        uf: 'MG',
        placeKind: 'public_road',
      },
      domesticContext: false,
    },
    attachments: [],
    secret: false,
    ...overrides,
  };
}

export function makeClaim(overrides: Partial<Claim> = {}): Claim {
  return {
    type: 'claim',
    schemaVersion: 1,
    requestId: 'DV-2025-00001234',
    unitId: 'dv-mg',
    officerId: 'joao.souza',
    officerName: 'João Souza',
    workstationId: 'ws-bh-01',
    claimedAt: '2025-06-10T11:55:00-03:00',
    expiresAt: '2025-06-10T12:10:00-03:00',
    provisional: false,
    ...overrides,
  };
}

export function makeDecision(overrides: Partial<Decision> = {}): Decision {
  return {
    type: 'decision',
    schemaVersion: 1,
    requestId: 'DV-2025-00001234',
    sequence: 1,
    unitId: 'dv-mg',
    outcome: 'validated',
    officerId: 'joao.souza',
    officerName: 'João Souza',
    workstationId: 'ws-bh-01',
    decidedAt: '2025-06-10T12:05:00-03:00',
    redsNumber: '2025-000000101-001',
    overrides: [],
    ...overrides,
  };
}

/** A first CIN at a Belo Horizonte post, fee free, CPF regular, still at the pre-request stage. */
export function makeCardProcess(overrides: Partial<CardProcess> = {}): CardProcess {
  return {
    type: 'card_process',
    schemaVersion: 1,
    protocol: 'CI-2025-00004321',
    postId: 'bh-praca-sete',
    cardKind: 'cin',
    issuance: 'first',
    holder: {
      fullName: 'José Carlos Pereira',
      birthDate: '1990-08-20',
      sex: 'male',
      motherName: 'Ana Pereira',
      cpf: VALID_CPF,
    },
    cpfSituation: 'regular',
    fee: { status: 'free' },
    createdAt: '2025-06-01T09:00:00-03:00',
    ...overrides,
  };
}

export function makeCardEvent(overrides: Partial<CardStageEvent> = {}): CardStageEvent {
  return {
    type: 'card_event',
    schemaVersion: 1,
    eventId: 'evt-00000001',
    protocol: 'CI-2025-00004321',
    postId: 'bh-praca-sete',
    from: 'pre_requested',
    to: 'fee_settled',
    at: '2025-06-01T09:05:00-03:00',
    byUserId: 'ana.clerk',
    byName: 'Ana Atendente',
    workstationId: 'ws-post-01',
    ...overrides,
  };
}
