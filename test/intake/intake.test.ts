import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSubmission } from '../../demo';
import { IntakeAcceptedSchema, IntakeRefusedSchema, OccurrenceRequestSchema, type RequestSubmission } from '../../shared/schemas';
import { makeBrazilianRequester } from '../../shared/rules/test-fixtures';
import { UNIT } from '../../sync-server/policy/test-fixtures';
import { startWorldServer, type WorldServer } from './support/world-server';

let server: WorldServer;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  server = await startWorldServer({ PLANTAO_INTAKE_UNIT: UNIT });
});
afterAll(async () => server?.dispose());

const submission = (index: number, overrides: Partial<RequestSubmission> = {}): RequestSubmission => ({
  ...demoSubmission(7, index, new Date().toISOString()),
  portalSubmissionId: `portal-test-${index}`,
  ...overrides,
});
const submit = (body: unknown, user: Parameters<WorldServer['as']>[0] = 'intake') => server.as(user)('/api/intake/requests', { json: body });
const requestIds = async (): Promise<string[]> => {
  const response = await server.as('admin')('/requests/_all_docs');
  return ((await response.json()) as { rows: { id: string }[] }).rows.map((row) => row.id);
};
const reverseKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(reverseKeys)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reverseKeys(item)]))
      : value;

describe('POST /api/intake/requests', () => {
  it('refuses everyone but the intake account', async () => {
    for (const user of ['officer', 'supervisor', 'desk', 'admin'] as const) {
      const response = await submit(submission(1), user);
      expect(response.status, user).toBe(403);
    }
    expect((await submit(submission(1), null)).status).toBe(401);
  });

  it('refuses a malformed request field by field, in Portuguese, and stores nothing', async () => {
    const before = await requestIds();
    const valid = submission(2);
    const broken = {
      ...valid,
      narrative: 'curto',
      requester: makeBrazilianRequester({ cpf: '123' }),
      fact: { ...valid.fact, startedAt: 'ontem' },
    };
    const response = await submit(broken);
    expect(response.status).toBe(400);
    const body = IntakeRefusedSchema.parse(await response.json());
    const fields = new Map(body.fields.map((field) => [field.path, field.message]));
    expect(fields.get('narrative')).toBe('histórico muito curto');
    expect(fields.get('requester.cpf')).toBe('CPF deve ter 11 dígitos');
    expect(fields.get('fact.startedAt')).toMatch(/inválid/i);
    expect(await requestIds()).toEqual(before);

    const unknownNature = await submit({ ...valid, natureCode: 'NATUREZA_INEXISTENTE' });
    expect(unknownNature.status).toBe(400);
    expect(IntakeRefusedSchema.parse(await unknownNature.json()).fields.map((field) => field.path)).toEqual(['natureCode']);
    expect(await requestIds()).toEqual(before);
  });

  it('numbers, routes and stores a request; the same submission again is the same protocol', async () => {
    const body = submission(3);
    const first = await submit(body);
    expect(first.status).toBe(201);
    const { protocol } = IntakeAcceptedSchema.parse(await first.json());
    expect(protocol).toMatch(new RegExp(`^DV-${year}-\\d{8}$`));

    const stored = OccurrenceRequestSchema.parse(await (await server.as('admin')(`/requests/${protocol}`)).json());
    expect(stored).toMatchObject({ protocol, unitId: UNIT, portalSubmissionId: body.portalSubmissionId, narrative: body.narrative });
    const after = await requestIds();

    // The portal retries with the same content in another key order: nothing new.
    const again = await submit(reverseKeys(body));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, protocol });
    expect(await requestIds()).toEqual(after);

    const changed = await submit({ ...body, narrative: `${body.narrative} Acrescento um detalhe.` });
    expect(changed.status).toBe(409);
    expect(await requestIds()).toEqual(after);
  });

  it('gives distinct, increasing protocols under concurrent submissions', async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, (_, index) => submit(submission(100 + index))));
    const protocols = await Promise.all(responses.map(async (response) => IntakeAcceptedSchema.parse(await response.json()).protocol));
    expect(new Set(protocols).size).toBe(12);
    const ids = await requestIds();
    for (const protocol of protocols) expect(ids).toContain(protocol);
  });

  it('marks domestic-violence natures secret', async () => {
    const base = submission(4);
    const body = { ...base, natureCode: 'VD_AMEACA', fact: { ...base.fact, domesticContext: true } };
    const response = await submit(body);
    expect(response.status).toBe(201);
    const { protocol } = IntakeAcceptedSchema.parse(await response.json());
    const stored = OccurrenceRequestSchema.parse(await (await server.as('admin')(`/requests/${protocol}`)).json());
    expect(stored.secret).toBe(true);
    const plain = OccurrenceRequestSchema.parse(
      await (await server.as('admin')(`/requests/${IntakeAcceptedSchema.parse(await (await submit(submission(5))).json()).protocol}`)).json(),
    );
    expect(plain.secret).toBe(false);
  });
});
