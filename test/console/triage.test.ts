import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionDocId, OccurrenceRequestSchema, REDS_NUMBER_PATTERN, type OccurrenceRequest } from '../../shared/schemas';
import { createPasswordHasher } from '../../sync-server/auth/password';
import { storageUserStore } from '../../sync-server/auth/storage-user-store';
import { newUserAccount } from '../../sync-server/auth/users';
import { SqliteStorage } from '../../sync-server/storage/sqlite/sqlite-storage';
import { CHEAP_ARGON2, startTestServer, type TestServer } from '../sync-server/support/test-server';
import { buildConsole } from './support/build-console';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { createAccounts, OFFICERS, PASSWORD, seed, UNIT } from './support/seed';
import { SCREENSHOT_DIR } from './support/screenshots';
import { launchChromium } from './support/chromium';

const SEEDED = 120;
const SCREENSHOTS = SCREENSHOT_DIR;
const DESK = { userId: 'carla.mendes', displayName: 'Carla Mendes' };

let server: TestServer;
let consoleServer: ConsoleServer;
let bundleDir: string;
let downloads: string;
let browser: Browser;
let ana: { context: BrowserContext; page: Page };
let bruno: { context: BrowserContext; page: Page };

/** Requests beyond the shared seed: a company, a foreigner, a fact outside the state and a domestic-violence case. */
function extraRequests(now: number): OccurrenceRequest[] {
  return rawExtraRequests(now).map((request) => OccurrenceRequestSchema.parse(request));
}

function rawExtraRequests(now: number): unknown[] {
  const receivedAt = new Date(now - 5 * 60_000).toISOString();
  const base = {
    type: 'request' as const,
    schemaVersion: 1,
    unitId: UNIT,
    receivedAt,
    submittedAt: receivedAt,
    secret: false,
    natureTableVersion: 1,
    authors: [],
    witnesses: [],
    attachments: [],
    narrative: 'Relato detalhado do fato, com data, hora e local, conforme informado pelo cidadão no portal.',
    fact: {
      startedAt: receivedAt,
      place: { street: 'Rua dos Guajajaras', district: 'Centro', municipality: 'Belo Horizonte', uf: 'MG' as const, placeKind: 'public_road' as const },
      domesticContext: false,
    },
  };
  const address = { street: 'Rua Espírito Santo', number: '500', district: 'Centro', municipality: 'Belo Horizonte', uf: 'MG' as const };
  const person = { birthDate: '1990-02-20', sex: 'female' as const, genderIdentity: 'woman' as const, schooling: 'higher' as const, maritalStatus: 'single' as const, address, email: 'cidada@example.com', mobile: '31988887777' };
  return [
    {
      ...base,
      protocol: 'DV-2026-90000001',
      portalSubmissionId: 'portal-extra-0001',
      natureCode: 'DANO',
      requester: { kind: 'company', corporateName: 'Padaria Pão de Minas Ltda', cnpj: '11222333000181', address, contactPerson: 'José Almeida', email: 'contato@padaria.example.com', mobile: '31977776666' },
    },
    {
      ...base,
      protocol: 'DV-2026-90000002',
      portalSubmissionId: 'portal-extra-0002',
      natureCode: 'FURTO_CELULAR',
      requester: { ...person, kind: 'person_foreign', capacity: 'self', nationality: 'AR', fullName: 'Lucía Fernández', document: { kind: 'rne', number: 'V1234567' } },
    },
    {
      ...base,
      protocol: 'DV-2026-90000003',
      portalSubmissionId: 'portal-extra-0003',
      natureCode: 'FURTO',
      requester: { ...person, kind: 'person_br', capacity: 'self', nationality: 'BR', fullName: 'Marcos Vinícius Prado', cpf: '11144477735', rg: { number: 'MG7654321', uf: 'MG' } },
      fact: { ...base.fact, place: { ...base.fact.place, municipality: 'São Paulo', uf: 'SP' } },
    },
    {
      ...base,
      protocol: 'DV-2026-90000004',
      portalSubmissionId: 'portal-extra-0004',
      natureCode: 'VD_AMEACA',
      requester: { ...person, kind: 'person_br', capacity: 'self', nationality: 'BR', fullName: 'Juliana Ribeiro Santos', cpf: '52998224725', rg: { number: 'MG1112223', uf: 'MG' } },
      authors: [{ name: 'Carlos Santos', sex: 'male', relationshipToVictim: 'ex_partner' }],
      fact: { ...base.fact, domesticContext: true },
    },
    {
      ...base,
      protocol: 'DV-2026-90000005',
      portalSubmissionId: 'portal-extra-0005',
      natureCode: 'DANO',
      requester: { ...person, kind: 'person_br', capacity: 'self', nationality: 'BR', fullName: 'Renata Oliveira Costa', cpf: '11144477735', rg: { number: 'MG5556667', uf: 'MG' } },
      authors: ['A', 'B', 'C', 'D'].map((letter) => ({ name: `Autor ${letter}`, sex: 'male' as const })),
    },
  ];
}

async function createServiceDesk(): Promise<void> {
  await server.close();
  const storage = SqliteStorage.open(server.dataDir);
  await storageUserStore(storage).putUser(
    await newUserAccount({ name: DESK.userId, displayName: DESK.displayName, roles: ['service_desk'], unitId: UNIT, password: PASSWORD }, createPasswordHasher(CHEAP_ARGON2), new Date()),
  );
  await storage.close();
  await server.restart();
}

async function openConsole(user: { userId: string; displayName: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(consoleServer.url);
  await page.getByLabel('Usuário').fill(user.userId);
  await page.getByLabel('Senha').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect.poll(() => page.getByTestId('user-name').textContent(), { timeout: 30_000 }).toBe(user.displayName);
  return { context, page };
}

type LocalDb = Record<string, { findOne(id: string): { exec(): Promise<{ toJSON(): Record<string, unknown> } | null> }; find(q?: object): { exec(): Promise<Array<{ toJSON(): Record<string, unknown> }>> } }>;

const localDoc = (page: Page, collection: string, id: string) =>
  page.evaluate(
    ([name, docId]) => ((window as unknown as { plantaoTest: { database: LocalDb } }).plantaoTest.database[name]!.findOne(docId).exec().then((doc) => doc?.toJSON() ?? null)),
    [collection, id] as const,
  );

const localDocs = (page: Page, collection: string) =>
  page.evaluate((name) => (window as unknown as { plantaoTest: { database: LocalDb } }).plantaoTest.database[name]!.find().exec().then((docs) => docs.map((doc) => doc.toJSON())), collection);

const serverDoc = async (db: string, id: string): Promise<Record<string, unknown> | null> => {
  const response = await server.request(`/${db}/${encodeURIComponent(id)}`);
  return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : null;
};

/** Escape closes forms, then the request view: back to the queue whatever the previous test left open. */
async function backToQueue(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 4 && (await page.getByTestId('queue-search').count()) === 0; attempt++) {
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Escape');
  }
  await page.getByTestId('queue-search').fill('');
}

const protocolOf = (index: number) => `DV-2026-${String(index).padStart(8, '0')}`;

/** Searches the queue for one protocol and opens it with Enter (which claims it). */
async function openByKeyboard(page: Page, protocol: string): Promise<void> {
  await page.getByTestId('queue-search').fill(protocol);
  await page.keyboard.press('Escape');
  await expect.poll(() => selectedProtocol(page)).toBe(protocol);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('request-view').getAttribute('data-protocol')).toBe(protocol);
}

const row = (page: Page, protocol: string) => page.locator(`[role="option"][data-protocol="${protocol}"]`);
const selectedProtocol = (page: Page) => page.locator('[role="option"][aria-selected="true"]').getAttribute('data-protocol');

async function pdfText(path: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(path)), standardFontDataUrl: `${resolve(import.meta.dirname, '../../node_modules/pdfjs-dist/standard_fonts')}/` }).promise;
  const page = await pdf.getPage(1);
  const content = await page.getTextContent();
  return content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
}

beforeAll(async () => {
  [bundleDir, server] = await Promise.all([buildConsole(), startTestServer()]);
  await createAccounts(server);
  await createServiceDesk();
  const now = Date.now();
  await seed(server, SEEDED, now);
  const response = await server.request('/requests/_bulk_docs', { method: 'POST', json: { docs: extraRequests(now).map((doc) => ({ _id: doc.protocol, ...doc })) } });
  expect(response.status).toBe(201);
  consoleServer = await startConsoleServer(bundleDir, () => server.url);
  browser = await launchChromium();
  downloads = mkdtempSync(join(tmpdir(), 'plantao-receipts-'));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await consoleServer?.close();
  await server?.dispose();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

describe('triage workspace against the real sync server', () => {
  let validated: { protocol: string; reds: string };

  it('lists the open queue by time left, with the clock coloured and domestic-violence names masked', async () => {
    ana = await openConsole(OFFICERS[0]);
    const queue = ana.page.getByTestId('triage-queue');
    await expect.poll(() => queue.getAttribute('data-count'), { timeout: 60_000 }).toBe(String(SEEDED + 5));
    // The oldest seeded request has the least time left: it leads, breached.
    expect(await selectedProtocol(ana.page)).toBe(`DV-2026-${String(SEEDED).padStart(8, '0')}`);
    expect(await row(ana.page, `DV-2026-${String(SEEDED).padStart(8, '0')}`).locator('[data-clock]').getAttribute('data-clock')).toBe('breached');
    // Virtualized: far fewer rows in the DOM than in the queue.
    expect(await ana.page.locator('[role="option"]').count()).toBeLessThan(60);
    await ana.page.getByTestId('queue-search').fill('DV-2026-90000004');
    const masked = (await row(ana.page, 'DV-2026-90000004').textContent()) ?? '';
    expect(masked).not.toContain('Juliana');
    expect(masked).toContain('J******');
    await ana.page.getByTestId('queue-search').fill('');
    await ana.page.keyboard.press('Escape');
    await ana.page.screenshot({ path: join(SCREENSHOTS, 'triage-queue.png') });
  }, 120_000);

  it('works the queue by keyboard: next, previous, help, open claims the request and logs the view', async () => {
    const { page } = ana;
    const first = await selectedProtocol(page);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k');
    const target = (await selectedProtocol(page))!;
    expect(target).not.toBe(first);
    await page.keyboard.press('?');
    await expect.poll(() => page.getByText('Atalhos do teclado').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'triage-shortcuts.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByText('Atalhos do teclado').count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('request-view').getAttribute('data-protocol')).toBe(target);
    await expect.poll(async () => (await localDoc(page, 'claims', target))?.officerId).toBe(OFFICERS[0].userId);
    await expect.poll(async () => (await serverDoc('claims', target))?.officerId, { timeout: 15_000 }).toBe(OFFICERS[0].userId);
    const views = (await localDocs(page, 'access_log')).filter((entry) => entry.action === 'view' && (entry.record as { id: string }).id === target);
    expect(views).toHaveLength(1);
    expect(views[0]!.fields).toEqual(expect.arrayContaining(['requester', 'fact', 'narrative']));
    expect(await page.getByTestId('request-fields').textContent()).toContain('52998224725');
    validated = { protocol: target, reds: '' };
  }, 60_000);

  it('a second officer sees the claim live and is told who holds it', async () => {
    bruno = await openConsole(OFFICERS[1]);
    await expect.poll(() => row(bruno.page, validated.protocol).getByTestId('claim-holder').textContent(), { timeout: 30_000 }).toBe(OFFICERS[0].displayName);
    await row(bruno.page, validated.protocol).dblclick();
    await expect.poll(() => bruno.page.getByTestId('claim-alert').textContent()).toContain(OFFICERS[0].displayName);
    // Bruno's refused claim left Ana's in place.
    expect((await localDoc(bruno.page, 'claims', validated.protocol))?.officerId).toBe(OFFICERS[0].userId);
    expect(await bruno.page.getByRole('button', { name: 'Validar (v)' }).isDisabled()).toBe(true);
    await bruno.page.screenshot({ path: join(SCREENSHOTS, 'triage-claimed-by-other.png') });
    await bruno.page.keyboard.press('Escape');
  }, 90_000);

  it('validates: REDS number from the local pool, ledger entry, and a PDF receipt holding the number', async () => {
    const { page } = ana;
    await page.keyboard.press('v');
    await page.getByRole('button', { name: 'Confirmar validação' }).click();
    await expect.poll(() => page.getByTestId('reds-number').textContent(), { timeout: 30_000 }).toMatch(REDS_NUMBER_PATTERN);
    validated.reds = (await page.getByTestId('reds-number').textContent())!;
    await page.screenshot({ path: join(SCREENSHOTS, 'triage-validated.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Baixar comprovante (PDF)' }).click()]);
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
    const text = await pdfText(path);
    expect(text).toContain(validated.reds);
    expect(text).toContain(validated.protocol);
    expect(text).toContain('Extravio/perda de documentos');
    expect(text).toContain('imprimir');
    await expect.poll(async () => (await serverDoc('decisions', `${validated.protocol}:001`))?.redsNumber, { timeout: 15_000 }).toBe(validated.reds);
    await expect.poll(async () => (await serverDoc('reds_ledger', validated.reds))?.status, { timeout: 15_000 }).toBe('issued');
    // Bruno's queue drops the validated request.
    await expect.poll(() => row(bruno.page, validated.protocol).count(), { timeout: 15_000 }).toBe(0);
    await page.keyboard.press('Escape');
  }, 90_000);

  it('rejects a request with a blocking flag using the suggested template, text edited before sending', async () => {
    const { page } = ana;
    await backToQueue(page);
    await page.getByTestId('queue-search').fill('90000003');
    await page.keyboard.press('Escape');
    await expect.poll(() => selectedProtocol(page)).toBe('DV-2026-90000003');
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('decision-panel').getAttribute('data-mode')).toBe('rejected');
    expect(await page.getByTestId('request-flags').textContent()).toContain('fora do estado');
    expect(await page.getByRole('combobox', { name: 'Motivo' }).inputValue()).toBe('Fato ocorrido em outro estado');
    const orientation = page.getByLabel('Orientação enviada ao cidadão por e-mail (pode editar)');
    expect(await orientation.inputValue()).toContain('procure a delegacia virtual');
    await orientation.fill(`${await orientation.inputValue()} O fato ocorreu na cidade de São Paulo.`);
    await page.screenshot({ path: join(SCREENSHOTS, 'triage-reject.png') });
    await page.getByRole('button', { name: 'Rejeitar e enviar orientação' }).click();
    await expect.poll(() => page.getByTestId('decision-done').getAttribute('data-outcome')).toBe('rejected');
    await expect.poll(async () => serverDoc('decisions', 'DV-2026-90000003:001'), { timeout: 15_000 }).toMatchObject({
      outcome: 'rejected',
      reasonCode: 'fact_outside_state',
      orientationText: expect.stringContaining('cidade de São Paulo'),
      officerId: OFFICERS[0].userId,
    });
    await page.keyboard.press('Escape');
  }, 60_000);

  it('validating over a blocking flag needs a justification', async () => {
    const { page } = ana;
    await backToQueue(page);
    await page.getByTestId('queue-search').fill('90000005');
    await page.keyboard.press('Escape');
    await expect.poll(() => selectedProtocol(page)).toBe('DV-2026-90000005');
    await page.keyboard.press('v');
    expect(await page.getByTestId('request-flags').textContent()).toContain('Impeditivo');
    await page.getByRole('button', { name: 'Confirmar validação' }).click();
    await expect.poll(() => page.getByText('justifique a validação').count()).toBe(1);
    expect(await localDoc(page, 'decisions', 'DV-2026-90000005:001')).toBeNull();
    await page.getByLabel('Justificativa para validar mesmo assim (mín. 10 caracteres)').fill('Autores são uma só empresa; registro on-line autorizado pela chefia.');
    await page.getByRole('button', { name: 'Confirmar validação' }).click();
    await expect.poll(() => page.getByTestId('reds-number').textContent(), { timeout: 30_000 }).toMatch(REDS_NUMBER_PATTERN);
    await expect.poll(async () => (await serverDoc('decisions', 'DV-2026-90000005:001'))?.overrides, { timeout: 15_000 }).toEqual([
      { flagCode: 'too_many_authors', justification: 'Autores são uma só empresa; registro on-line autorizado pela chefia.' },
    ]);
    await page.keyboard.press('Escape');
    await page.getByTestId('queue-search').fill('');
    await page.keyboard.press('Escape');
  }, 60_000);

  it('the service desk finds requests by each identifier set and sees state and REDS number, not the narrative', async () => {
    const desk = await openConsole(DESK);
    const page = desk.page.getByTestId('request-lookup');
    await expect.poll(() => page.count(), { timeout: 30_000 }).toBe(1);
    // The look-up reads the desk's local store: search once it holds what the searches must find.
    for (const [collection, id] of [['requests', 'DV-2026-90000001'], ['requests', 'DV-2026-90000002'], ['decisions', decisionDocId(validated.protocol, 1)]] as const) {
      await expect.poll(() => localDoc(desk.page, collection, id).then(Boolean), { timeout: 120_000 }).toBe(true);
    }
    const index = Number(validated.protocol.slice(-8));
    await page.getByLabel('Nome completo', { exact: true }).fill(`solicitante número ${index}`);
    await page.getByLabel('CPF', { exact: true }).fill('529.982.247-25');
    await page.getByLabel('RG', { exact: true }).fill('MG1234567');
    await page.getByLabel('UF do RG', { exact: true }).fill('MG');
    await page.getByLabel('Data de nascimento', { exact: true }).fill('1985-04-12');
    await page.getByRole('button', { name: 'Consultar' }).click();
    const results = page.getByTestId('lookup-results');
    await expect.poll(() => results.locator('tbody tr').count(), { timeout: 30_000 }).toBe(1);
    expect(await results.locator(`tr[data-protocol="${validated.protocol}"]`).getByTestId('lookup-state').textContent()).toBe('Validada');
    expect(await results.getByTestId('lookup-reds').textContent()).toBe(validated.reds);
    expect(await desk.page.textContent('body')).not.toContain('Perdi minha carteira');
    await desk.page.screenshot({ path: join(SCREENSHOTS, 'lookup-person.png') });

    await page.getByText('Estrangeiro', { exact: true }).click();
    await page.getByLabel('Nome completo', { exact: true }).fill('Lucia Fernandez');
    await page.getByLabel('RNE/RNM ou passaporte', { exact: true }).fill('v1234567');
    await page.getByLabel('Data de nascimento', { exact: true }).fill('1990-02-20');
    await page.getByRole('button', { name: 'Consultar' }).click();
    await expect.poll(() => results.locator('tr[data-protocol="DV-2026-90000002"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await results.getByTestId('lookup-state').textContent()).toBe('Recebida');

    await page.getByText('Empresa', { exact: true }).click();
    await page.getByLabel('Razão social', { exact: true }).fill('PADARIA PÃO DE MINAS LTDA');
    await page.getByLabel('CNPJ', { exact: true }).fill('11.222.333/0001-81');
    await page.getByRole('button', { name: 'Consultar' }).click();
    await expect.poll(() => results.locator('tr[data-protocol="DV-2026-90000001"]').count(), { timeout: 15_000 }).toBe(1);

    // A domestic-violence requester found by her full identifier set is still listed masked.
    await page.getByText('Brasileiro', { exact: true }).click();
    await page.getByLabel('Nome completo', { exact: true }).fill('Juliana Ribeiro Santos');
    await page.getByLabel('CPF', { exact: true }).fill('52998224725');
    await page.getByLabel('RG', { exact: true }).fill('MG1112223');
    await page.getByLabel('UF do RG', { exact: true }).fill('MG');
    await page.getByLabel('Data de nascimento', { exact: true }).fill('1990-02-20');
    await page.getByRole('button', { name: 'Consultar' }).click();
    await expect.poll(() => results.locator('tr[data-protocol="DV-2026-90000004"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await results.getByTestId('lookup-name').textContent()).toBe('J****** R****** S*****');
    expect(await results.textContent()).not.toContain('Juliana');

    await page.getByText('Empresa', { exact: true }).click();
    await page.getByLabel('Razão social', { exact: true }).fill('PADARIA PÃO DE MINAS LTDA');
    await page.getByLabel('CNPJ', { exact: true }).fill('11.222.333/0001-82');
    await page.getByRole('button', { name: 'Consultar' }).click();
    await expect.poll(() => page.getByText('Nenhuma solicitação encontrada').count()).toBe(1);

    const lookups = (await localDocs(desk.page, 'access_log')).filter((entry) => entry.action === 'lookup');
    expect(lookups.map((entry) => (entry.record as { id: string }).id).sort()).toEqual(['DV-2026-90000001', 'DV-2026-90000002', 'DV-2026-90000004', validated.protocol].sort());
    expect(lookups.every((entry) => entry.userId === DESK.userId && entry.role === 'service_desk')).toBe(true);
    await desk.context.close();
  }, 240_000);

  it('releases the claim when the officer leaves the request, moves to another or leaves the workspace', async () => {
    const first = protocolOf(1);
    await backToQueue(ana.page);
    await backToQueue(bruno.page);
    await bruno.page.getByTestId('queue-search').fill(first);
    await openByKeyboard(ana.page, first);
    await expect.poll(() => row(bruno.page, first).getByTestId('claim-holder').textContent(), { timeout: 30_000 }).toBe(OFFICERS[0].displayName);
    // Leaves it (Esc): free again for everyone.
    await ana.page.keyboard.press('Escape');
    await expect.poll(async () => (await serverDoc('claims', first))?.releasedAt, { timeout: 30_000 }).toBeTruthy();
    await expect.poll(() => row(bruno.page, first).getByTestId('claim-holder').textContent(), { timeout: 30_000 }).toBe('Livre');
    // Moves to a duplicate candidate from the request view: the first is released, the second held.
    await openByKeyboard(ana.page, first);
    await expect.poll(() => row(bruno.page, first).getByTestId('claim-holder').textContent(), { timeout: 30_000 }).toBe(OFFICERS[0].displayName);
    // Seeded requests share requester and nature: each lists the others; take one no other test decides.
    const links = await ana.page.getByTestId('duplicates').getByRole('button').allTextContents();
    let second: string | undefined;
    for (const protocol of links) {
      if (second || [protocolOf(5), protocolOf(8), protocolOf(SEEDED - 10)].includes(protocol)) continue;
      if (!(await localDoc(ana.page, 'decisions', decisionDocId(protocol, 1))) && !(await localDoc(ana.page, 'claims', protocol))) second = protocol;
    }
    if (!second) throw new Error(`no undecided duplicate among ${links.join(', ')}`);
    await ana.page.getByTestId('duplicates').getByRole('button', { name: second, exact: true }).click();
    await expect.poll(() => ana.page.getByTestId('request-view').getAttribute('data-protocol')).toBe(second);
    await expect.poll(() => row(bruno.page, first).getByTestId('claim-holder').textContent(), { timeout: 30_000 }).toBe('Livre');
    await bruno.page.getByTestId('queue-search').fill(second);
    await expect.poll(() => row(bruno.page, second).getByTestId('claim-holder').textContent(), { timeout: 30_000 }).toBe(OFFICERS[0].displayName);
    // Leaves the workspace with the request open.
    await ana.page.getByText('Consulta', { exact: true }).click();
    await expect.poll(() => row(bruno.page, second).getByTestId('claim-holder').textContent(), { timeout: 30_000 }).toBe('Livre');
    expect((await serverDoc('claims', second))?.releasedAt).toBeTruthy();
    await ana.page.getByText('Fila de triagem', { exact: true }).click();
    await expect.poll(() => ana.page.getByTestId('queue-search').count(), { timeout: 30_000 }).toBe(1);
  }, 180_000);

  it('a claim made offline is provisional until the server holds it', async () => {
    const protocol = protocolOf(5);
    await backToQueue(bruno.page);
    await bruno.context.setOffline(true);
    await openByKeyboard(bruno.page, protocol);
    await expect.poll(async () => (await localDoc(bruno.page, 'claims', protocol))?.provisional).toBe(true);
    // The badge renders after the local write, not with it.
    await expect.poll(() => bruno.page.getByTestId('claim-provisional').count()).toBe(1);
    await bruno.context.setOffline(false);
    // The server got the claim; the console then clears the flag everywhere.
    await expect.poll(async () => serverDoc('claims', protocol), { timeout: 60_000 }).toMatchObject({ officerId: OFFICERS[1].userId, provisional: false });
    await expect.poll(() => bruno.page.getByTestId('claim-provisional').count(), { timeout: 30_000 }).toBe(0);
    expect((await localDoc(bruno.page, 'claims', protocol))?.provisional).toBe(false);
    await backToQueue(ana.page);
    await ana.page.getByTestId('queue-search').fill(protocol);
    await expect.poll(() => row(ana.page, protocol).getByTestId('claim-holder').textContent(), { timeout: 30_000 }).toBe(OFFICERS[1].displayName);
    await bruno.page.keyboard.press('Escape');
  }, 180_000);

  it('an officer takes a held request back (resume) and decides it', async () => {
    const protocol = protocolOf(8);
    const { page } = ana;
    await backToQueue(page);
    await page.getByTestId('queue-search').fill(protocol);
    await page.keyboard.press('Escape');
    await expect.poll(() => selectedProtocol(page)).toBe(protocol);
    await page.keyboard.press('h');
    await expect.poll(() => page.getByTestId('decision-panel').getAttribute('data-mode')).toBe('on_hold');
    await page.getByTestId('decision-panel').getByRole('button').first().click();
    await expect.poll(() => page.getByTestId('decision-done').getAttribute('data-outcome')).toBe('on_hold');
    await page.keyboard.press('Escape');
    await expect.poll(() => row(page, protocol).getByTestId('claim-holder').textContent(), { timeout: 15_000 }).toBe('Sobrestada');
    // Reopened: held, so it cannot be validated before it is resumed.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('request-state').textContent()).toBe('Sobrestada');
    expect(await page.getByRole('button', { name: 'Validar (v)' }).isDisabled()).toBe(true);
    await page.keyboard.press('u');
    await expect.poll(() => page.getByTestId('request-state').textContent()).toBe('Em triagem');
    await page.keyboard.press('v');
    await page.getByRole('button', { name: 'Confirmar validação' }).click();
    await expect.poll(() => page.getByTestId('reds-number').textContent(), { timeout: 30_000 }).toMatch(REDS_NUMBER_PATTERN);
    const reds = await page.getByTestId('reds-number').textContent();
    await expect.poll(async () => (await serverDoc('decisions', `${protocol}:003`))?.redsNumber, { timeout: 30_000 }).toBe(reds);
    expect(await serverDoc('decisions', `${protocol}:001`)).toMatchObject({ outcome: 'on_hold' });
    expect(await serverDoc('decisions', `${protocol}:002`)).toMatchObject({ outcome: 'resumed', officerId: OFFICERS[0].userId });
    await page.keyboard.press('Escape');
    await page.getByTestId('queue-search').fill('');
    await page.keyboard.press('Escape');
  }, 120_000);

  it('two officers decide one request offline: one decision stands, the loser is told why and the REDS number is void', async () => {
    const protocol = `DV-2026-${String(SEEDED - 10).padStart(8, '0')}`;
    await backToQueue(ana.page);
    await backToQueue(bruno.page);
    await ana.context.setOffline(true);
    await bruno.context.setOffline(true);
    for (const page of [ana.page, bruno.page]) {
      await page.getByTestId('queue-search').fill(protocol);
      await page.keyboard.press('Escape');
      await expect.poll(() => selectedProtocol(page)).toBe(protocol);
    }
    await ana.page.keyboard.press('v');
    await ana.page.getByRole('button', { name: 'Confirmar validação' }).click();
    await expect.poll(() => ana.page.getByTestId('reds-number').textContent(), { timeout: 30_000 }).toMatch(REDS_NUMBER_PATTERN);
    const lostNumber = (await ana.page.getByTestId('reds-number').textContent())!;
    await bruno.page.keyboard.press('r');
    await bruno.page.getByRole('button', { name: 'Rejeitar e enviar orientação' }).click();
    await expect.poll(() => bruno.page.getByTestId('decision-done').getAttribute('data-outcome')).toBe('rejected');

    // Bruno's decision reaches the server first.
    await bruno.context.setOffline(false);
    await expect.poll(async () => (await serverDoc('decisions', `${protocol}:001`))?.officerId, { timeout: 60_000 }).toBe(OFFICERS[1].userId);
    await ana.context.setOffline(false);

    await expect.poll(() => ana.page.getByTestId('lost-decisions').textContent(), { timeout: 60_000 }).toContain(OFFICERS[1].displayName);
    const told = (await ana.page.getByTestId('lost-decisions').textContent()) ?? '';
    expect(told).toContain('rejeitou');
    expect(told).toContain(lostNumber);
    // The lost validation's number is no longer offered as the citizen's.
    await expect.poll(() => ana.page.getByTestId('reds-number').count()).toBe(0);
    await ana.page.screenshot({ path: join(SCREENSHOTS, 'triage-lost-race.png') });
    await expect.poll(async () => (await localDoc(ana.page, 'reds_ledger', lostNumber))?.status, { timeout: 30_000 }).toBe('void');
    await expect.poll(async () => serverDoc('reds_ledger', lostNumber), { timeout: 30_000 }).toMatchObject({ status: 'void', void: { automatic: true, voidedBy: OFFICERS[0].userId } });
    expect(await serverDoc('decisions', `${protocol}:001`)).toMatchObject({ outcome: 'rejected', officerId: OFFICERS[1].userId });
  }, 180_000);
});
