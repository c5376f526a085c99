import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSubmission } from '../../demo';
import { makeBrazilianRequester, makeDecision } from '../../shared/rules/test-fixtures';
import { decisionDocId, IntakeAcceptedSchema, OutboxStatusSchema, type Decision, type MailStatus } from '../../shared/schemas';
import { REQ_FOREIGN, REQ_OPEN, UNIT, USERS } from '../../sync-server/policy/test-fixtures';
import { SqliteStorage } from '../../sync-server/storage/sqlite/sqlite-storage';
import { startWorldServer, waitFor, type WorldServer } from '../intake/support/world-server';

const REFUSED_ONCE = 'recusa.primeira@example.com';
const received: ParsedMail[] = [];
const refusals: string[] = [];
let smtp: SMTPServer;
let server: WorldServer;

/** A real SMTP server: it refuses the first RCPT of REFUSED_ONCE with a 550, then accepts everything. */
async function startSmtp(): Promise<number> {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === REFUSED_ONCE && !refusals.includes(REFUSED_ONCE)) {
        refusals.push(REFUSED_ONCE);
        return callback(Object.assign(new Error('550 caixa temporariamente recusada'), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return (smtp.server.address() as AddressInfo).port;
}

beforeAll(async () => {
  const port = await startSmtp();
  server = await startWorldServer({
    PLANTAO_INTAKE_UNIT: UNIT,
    PLANTAO_SMTP_URL: `smtp://127.0.0.1:${port}`,
    PLANTAO_MAIL_FROM: 'Delegacia Virtual <nao-responda@dv.example>',
    PLANTAO_PORTAL_URL: 'https://dv.example/consulta',
    PLANTAO_MAIL_BACKOFF_MS: '1500',
    PLANTAO_MAIL_MAX_ATTEMPTS: '4',
  });
});
afterAll(async () => {
  await server?.dispose();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const mailTo = (address: string) => received.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value.some((to) => to.address === address));
const outbox = async (requestId: string, user: Parameters<WorldServer['as']>[0] = 'officer'): Promise<MailStatus[]> => {
  const response = await server.as(user)(`/api/outbox?requestId=${requestId}`);
  expect(response.status).toBe(200);
  return OutboxStatusSchema.parse(await response.json()).messages;
};

/** A new request from the portal with the citizen's e-mail, then the officer's decision on it. */
async function decide(email: string, index: number, decision: Partial<Decision>): Promise<{ protocol: string; decisionId: string }> {
  const submission = { ...demoSubmission(11, index, new Date().toISOString()), requester: makeBrazilianRequester({ email }), portalSubmissionId: `portal-mail-${index}` };
  const { protocol } = IntakeAcceptedSchema.parse(await (await server.as('intake')('/api/intake/requests', { json: submission })).json());
  const officer = USERS.officer;
  const doc = makeDecision({
    requestId: protocol,
    unitId: UNIT,
    officerId: officer.name,
    officerName: officer.displayName,
    decidedAt: new Date().toISOString(),
    ...decision,
  });
  const decisionId = decisionDocId(protocol, 1);
  const response = await server.as('officer')(`/decisions/${encodeURIComponent(decisionId)}`, { method: 'PUT', json: doc });
  expect(response.status, await response.clone().text()).toBe(201);
  return { protocol, decisionId };
}

describe('citizen e-mails of decisions', () => {
  it('mails the decisions already on the server at start (orientation and REDS number)', async () => {
    const seeded = makeBrazilianRequester().email ?? '';
    await waitFor(() => (mailTo(seeded).length >= 2 ? true : undefined), 'seeded decision e-mails');
    const texts = mailTo(seeded).map((mail) => `${mail.subject}\n${mail.text}`);
    expect(texts.some((text) => text.includes('Envie o boletim do banco.') && text.includes(REQ_OPEN))).toBe(true);
    expect(texts.some((text) => text.includes('REDS 2025-000000201-001') && text.includes(REQ_FOREIGN))).toBe(true);
  });

  it('sends a new validation to the requester with the REDS number and how to print it; staff of the unit see it sent', async () => {
    const { protocol, decisionId } = await decide('cidada.validada@example.com', 1, { outcome: 'validated', redsNumber: '2026-000000777-001' });
    const [mail] = await waitFor(() => (mailTo('cidada.validada@example.com').length > 0 ? mailTo('cidada.validada@example.com') : undefined), 'validation e-mail');
    expect(mail?.subject).toContain('2026-000000777-001');
    expect(mail?.text).toContain('número REDS 2026-000000777-001');
    expect(mail?.text).toContain('Imprimir');
    expect(mail?.text).toContain('https://dv.example/consulta');
    expect(mail?.from?.value[0]?.address).toBe('nao-responda@dv.example');

    const [status] = await waitFor(async () => {
      const messages = await outbox(protocol);
      return messages[0]?.state === 'sent' ? messages : undefined;
    }, 'sent state');
    expect(status).toMatchObject({ decisionId, requestId: protocol, outcome: 'validated', state: 'sent', attempts: 1 });
    expect(await outbox(protocol, 'supervisor')).toHaveLength(1);
    expect(await outbox(protocol, 'foreignOfficer')).toEqual([]);
    expect((await server.as('clerk')(`/api/outbox?requestId=${protocol}`)).status).toBe(403);
    expect((await server.as('intake')(`/api/outbox?requestId=${protocol}`)).status).toBe(403);
  });

  it('retries a delivery the SMTP server refused, showing retrying and then sent', async () => {
    const orientation = 'Compareça a uma unidade policial com seus documentos.';
    const { protocol } = await decide(REFUSED_ONCE, 2, { outcome: 'rejected', redsNumber: undefined, reasonCode: 'in_person', orientationText: orientation });
    const retrying = await waitFor(async () => {
      const [message] = await outbox(protocol);
      return message?.state === 'retrying' ? message : undefined;
    }, 'retrying state');
    expect(retrying.attempts).toBe(1);
    expect(retrying.lastError).toContain('550');
    expect(retrying.nextAttemptAt).toBeDefined();

    const sent = await waitFor(async () => {
      const [message] = await outbox(protocol);
      return message?.state === 'sent' ? message : undefined;
    }, 'sent after retry');
    expect(sent.attempts).toBe(2);
    const mails = mailTo(REFUSED_ONCE);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(orientation);
    expect(mails[0]?.subject).toContain(protocol);
  });

  it('after a restart sends nothing twice and mails a decision written while the server was down', async () => {
    await waitFor(() => (received.length >= 4 ? true : undefined), 'earlier e-mails');
    const before = received.length;
    const { protocol } = await decide('durante.parada@example.com', 3, { outcome: 'on_hold', redsNumber: undefined, reasonCode: 'missing_info', orientationText: 'Envie a nota fiscal do aparelho.' });
    await waitFor(() => (mailTo('durante.parada@example.com').length === 1 ? true : undefined), 'on-hold e-mail');
    await server.close();

    // Written straight into the data directory while the server is down: only the feed can find it.
    const storage = SqliteStorage.open(server.dataDir);
    const second = makeDecision({ requestId: protocol, sequence: 2, unitId: UNIT, outcome: 'resumed', redsNumber: undefined, officerId: USERS.officer.name, officerName: USERS.officer.displayName, decidedAt: new Date().toISOString() });
    const third = makeDecision({ requestId: protocol, sequence: 3, unitId: UNIT, outcome: 'validated', redsNumber: '2026-000000778-001', officerId: USERS.officer.name, officerName: USERS.officer.displayName, decidedAt: new Date().toISOString() });
    const write = (doc: Decision) => ({ id: decisionDocId(doc.requestId, doc.sequence), deleted: false, body: doc, attachments: {} });
    await storage.bulkWrite('decisions', [write(second), write(third)], { newEdits: true, scopeOf: () => [`unit:${UNIT}`], check: async () => ({ ok: true }) });
    await storage.close();

    await server.restart();
    await waitFor(() => (mailTo('durante.parada@example.com').length === 2 ? true : undefined), 'e-mail of the decision written while down');
    const messages = await waitFor(async () => {
      const list = await outbox(protocol);
      return list.length === 2 && list.every((message) => message.state === 'sent') ? list : undefined;
    }, 'both sent');
    // The resumed decision e-mails nothing; each of the others once.
    expect(messages.map((message) => message.outcome)).toEqual(['on_hold', 'validated']);
    expect(received.length).toBe(before + 2);
    const ids = received.map((mail) => mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
