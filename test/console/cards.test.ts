import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../sync-server/support/test-server';
import { buildConsole } from './support/build-console';
import { cardWithEvents, CLERKS, createCardAccounts, localCount, openConsoleAs, protocolOf, SERVICE_DESK, seedCards, waitForSync, type CardSpec } from './support/card-fixtures';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { seed } from './support/seed';
import { SCREENSHOT_DIR } from './support/screenshots';
import { launchChromium } from './support/chromium';

const JOURNEY = protocolOf(1);
const IRREGULAR = protocolOf(2);
const OVERDUE = protocolOf(3);
const RACED = [protocolOf(4), protocolOf(5)] as const;
const range = (from: number, count: number) => Array.from({ length: count }, (_, offset) => from + offset);
const SHIPPED = range(1001, 180);
const ALREADY = range(1181, 5);
const PRODUCING = range(1186, 5);

const SPECS: CardSpec[] = [
  { index: 1, stage: 'pre_requested', fullName: 'Joana Conceição Prado' },
  { index: 2, stage: 'validated', cpfSituation: 'pending_regularization', fullName: 'Marcos Vinícius Teixeira' },
  { index: 3, stage: 'available_for_pickup', daysInStage: 120 },
  { index: 4, stage: 'shipped' },
  { index: 5, stage: 'shipped' },
  ...SHIPPED.map((index): CardSpec => ({ index, stage: 'shipped', daysInStage: 3 })),
  ...ALREADY.map((index): CardSpec => ({ index, stage: 'available_for_pickup', daysInStage: 10 })),
  ...PRODUCING.map((index): CardSpec => ({ index, stage: 'in_production', daysInStage: 20 })),
];
const SEEDED_EVENTS = SPECS.reduce((sum, spec) => sum + cardWithEvents(spec).events.length, 0);
const SCREENSHOTS = SCREENSHOT_DIR;

let server: TestServer;
let consoleServer: ConsoleServer;
let bundleDir: string;
let browser: Browser;
let clerk: { context: BrowserContext; page: Page };
let partner: { context: BrowserContext; page: Page };

async function openCard(page: Page, protocol: string): Promise<void> {
  if (await page.getByTestId('card-detail-body').count()) await page.keyboard.press('Escape');
  await expect.poll(() => page.getByTestId('card-detail-body').count(), { timeout: 20_000 }).toBe(0);
  await page.getByRole('tab', { name: 'Quadro por etapa' }).click();
  await page.getByTestId('board-search').fill(protocol);
  await page.locator(`[data-testid="board-list"] [data-protocol="${protocol}"]`).click();
  await expect.poll(() => page.getByTestId('card-detail-body').count(), { timeout: 20_000 }).toBe(1);
}

const detailStage = (page: Page) => page.getByTestId('card-detail-body').getAttribute('data-stage');

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.locator('input').and(page.getByLabel(label, { exact: true })).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function move(page: Page, option: string, expected: string, extra: { reason?: string; text?: string } = {}): Promise<void> {
  await choose(page, 'Movimentação', option);
  if (extra.reason) await choose(page, 'Motivo', extra.reason);
  if (extra.text) await page.getByTestId('move-form').locator('textarea').fill(extra.text);
  await page.getByRole('button', { name: 'Registrar movimentação' }).click();
  await expect.poll(() => detailStage(page), { timeout: 10_000 }).toBe(expected);
}

/** Runs in the page: the stored events of one card. */
const localEvents = (page: Page, protocol: string) =>
  page.evaluate(
    (wanted) =>
      (window as unknown as { plantaoTest: { database: { card_events: { find(q: object): { exec(): Promise<unknown[]> } } } } }).plantaoTest.database.card_events
        .find({ selector: { protocol: wanted } })
        .exec()
        .then((docs) => docs.length),
    protocol,
  );

async function serverEvents(protocol: string): Promise<number> {
  const response = await server.request(`/card_events/_all_docs?startkey=${encodeURIComponent(JSON.stringify(`${protocol}:`))}&endkey=${encodeURIComponent(JSON.stringify(`${protocol}:\ufff0`))}`);
  return ((await response.json()) as { rows: unknown[] }).rows.length;
}

async function openBoard(account: (typeof CLERKS)[number]) {
  const opened = await openConsoleAs(browser, consoleServer.url, account);
  await expect.poll(() => localCount(opened.page, 'cards'), { timeout: 60_000 }).toBe(SPECS.length);
  await waitForSync(opened.page, { connection: 'online', pending: 0 });
  await expect.poll(() => localCount(opened.page, 'card_events'), { timeout: 60_000 }).toBeGreaterThanOrEqual(SEEDED_EVENTS);
  await expect.poll(() => opened.page.getByTestId('stage-count-all').textContent(), { timeout: 20_000 }).toBe(String(SPECS.length));
  return opened;
}

beforeAll(async () => {
  [bundleDir, server] = await Promise.all([buildConsole(), startTestServer()]);
  await createCardAccounts(server, [...CLERKS, SERVICE_DESK]);
  await seed(server, 0);
  await seedCards(server, [...CLERKS, SERVICE_DESK], SPECS);
  consoleServer = await startConsoleServer(bundleDir, () => server.url);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await consoleServer?.close();
  await server?.dispose();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

describe('identity-card workspace against the real sync server', () => {
  it('shows the post board with counts per stage and aging against the post targets', async () => {
    clerk = await openBoard(CLERKS[0]);
    const { page } = clerk;
    expect(await page.getByTestId('stage-count-shipped').textContent()).toBe(String(SHIPPED.length + 2));
    expect(await page.getByTestId('stage-count-in_production').textContent()).toBe(String(PRODUCING.length));
    // 20 days in production against a 15-day target: late.
    await page.getByTestId('board-search').fill(protocolOf(PRODUCING[0]!));
    await expect.poll(() => page.locator(`[data-protocol="${protocolOf(PRODUCING[0]!)}"] [data-aging]`).getAttribute('data-aging'), { timeout: 20_000 }).toBe('late');
    await page.getByTestId('board-search').fill('joana conceicao');
    await expect.poll(() => page.getByTestId('board-list').getAttribute('data-rows'), { timeout: 20_000 }).toBe('1');
    // The list shows the CPF masked; searching by the full CPF still finds the card.
    const cpf = cardWithEvents(SPECS[0]!).card.holder.cpf;
    const formatted = `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`;
    const rowText = await page.locator(`[data-testid="board-list"] [data-protocol="${JOURNEY}"]`).textContent();
    expect(rowText).toContain(`***.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-**`);
    expect(rowText).not.toContain(formatted);
    expect(rowText).not.toContain(cpf);
    await page.getByTestId('board-search').fill(formatted);
    await expect.poll(() => page.getByTestId('board-list').getAttribute('data-rows'), { timeout: 20_000 }).toBe('1');
    await page.getByTestId('board-search').fill('');
    await page.getByTestId('stage-tab-shipped').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOTS}/cards-board.png` });
  }, 300_000);

  it('moves a card through every stage, with a pendência and a reversal, and hands it over', async () => {
    const { page } = clerk;
    await page.getByTestId('stage-tab-all').click();
    await openCard(page, JOURNEY);
    expect(await page.getByTestId('card-fee').textContent()).toBe('Gratuita (primeira via)');
    await move(page, 'Avançar para Taxa resolvida', 'fee_settled');
    await move(page, 'Avançar para Agendado', 'scheduled');
    await move(page, 'Avançar para Biometria coletada', 'biometrics_collected');
    // A reversal needs a written justification: refused without one, recorded with it.
    await choose(page, 'Movimentação', 'Voltar para Agendado (estorno)');
    await choose(page, 'Motivo', 'Nova coleta de biometria');
    await page.getByRole('button', { name: 'Registrar movimentação' }).click();
    await expect.poll(() => page.getByTestId('move-error').textContent(), { timeout: 20_000 }).toContain('Justifique por escrito');
    await page.getByTestId('move-form').locator('textarea').fill('Digitais ilegíveis, titular volta amanhã.');
    await page.getByRole('button', { name: 'Registrar movimentação' }).click();
    await expect.poll(() => detailStage(page), { timeout: 20_000 }).toBe('scheduled');
    await move(page, 'Avançar para Biometria coletada', 'biometrics_collected');
    await move(page, 'Avançar para Validado', 'validated');
    await move(page, 'Registrar pendência', 'pending_issue', { reason: 'Dados divergentes', text: 'Nome da mãe diverge da certidão.' });
    expect(await page.getByTestId('card-detail-body').textContent()).toContain('Pendência aberta em “Validado”');
    await move(page, 'Resolver pendência → Validado', 'validated', { text: 'Certidão corrigida apresentada.' });
    await move(page, 'Avançar para Em produção', 'in_production');
    expect(await page.getByTestId('card-validity').textContent()).toMatch(/^Válida até \d\d\/\d\d\/\d{4}$/);
    await move(page, 'Avançar para Enviado ao posto', 'shipped');
    await move(page, 'Avançar para Disponível para retirada', 'available_for_pickup');
    await page.getByRole('button', { name: 'Confirmar entrega' }).click();
    await expect.poll(() => page.getByTestId('handover-error').textContent(), { timeout: 20_000 }).toContain('Informe o documento apresentado');
    await choose(page, 'Documento apresentado', 'CNH');
    await page.getByLabel('Últimos dígitos do documento').fill('4321');
    await page.getByRole('button', { name: 'Confirmar entrega' }).click();
    await expect.poll(() => detailStage(page), { timeout: 20_000 }).toBe('delivered');
    expect(await page.getByTestId('move-form').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/cards-detail.png` });
    await waitForSync(page, { pending: 0, refused: 0 });
    expect(await serverEvents(JOURNEY)).toBe(12);
  }, 300_000);

  it('holds production while the holder CPF is not regular', async () => {
    const { page } = clerk;
    await openCard(page, IRREGULAR);
    await choose(page, 'Movimentação', 'Avançar para Em produção');
    await page.getByRole('button', { name: 'Registrar movimentação' }).click();
    await expect.poll(() => page.getByTestId('move-error').textContent(), { timeout: 20_000 }).toContain('Produção bloqueada');
    expect(await detailStage(page)).toBe('validated');
    expect(await localEvents(page, IRREGULAR)).toBe(4);
    await page.keyboard.press('Escape');
  }, 120_000);

  it('receives a batch of 200 protocol numbers with a result per line, all written in one go', async () => {
    const { page } = clerk;
    const lines = [
      ...SHIPPED.map(protocolOf),
      ...ALREADY.map(protocolOf),
      ...PRODUCING.map(protocolOf),
      ...range(9001, 6).map(protocolOf),
      'CI-2026-123',
      'RG-1234',
      protocolOf(SHIPPED[0]!),
      protocolOf(SHIPPED[1]!),
    ];
    expect(lines).toHaveLength(200);
    const before = await localCount(page, 'card_events');
    await page.getByRole('tab', { name: 'Receber lote' }).click();
    await page.getByTestId('batch-input').fill(lines.join('\n'));
    await page.getByLabel('Identificação do lote (opcional)').fill('LOTE-2026-0042');
    await page.getByRole('button', { name: /Receber lote \(200 protocolos\)/ }).click();
    const count = (outcome: string) => page.locator(`[data-testid="batch-summary"] [data-outcome="${outcome}"]`).getAttribute('data-count');
    await expect.poll(() => count('moved'), { timeout: 15_000 }).toBe('180');
    expect(await count('already_there')).toBe('5');
    expect(await count('not_movable')).toBe('5');
    expect(await count('not_found')).toBe('8');
    expect(await count('repeated')).toBe('2');
    expect(await page.locator('[data-testid="batch-results"] tbody tr').count()).toBe(200);
    expect(await page.locator(`[data-testid="batch-results"] tr[data-protocol="${protocolOf(PRODUCING[0]!)}"]`).textContent()).toContain('Em produção');
    expect(await localCount(page, 'card_events')).toBe(before + 180);
    await page.screenshot({ path: `${SCREENSHOTS}/cards-batch.png` });
    await waitForSync(page, { pending: 0, refused: 0 });
    expect(await serverEvents(protocolOf(SHIPPED[42]!))).toBe(7);
    await page.getByRole('tab', { name: 'Quadro por etapa' }).click();
    await page.getByTestId('board-search').fill('');
    await expect.poll(() => page.getByTestId('stage-count-available_for_pickup').textContent(), { timeout: 20_000 }).toBe(String(SHIPPED.length + ALREADY.length + 1));
  }, 300_000);

  it('lists cards not picked up within the post deadline and returns them', async () => {
    const { page } = clerk;
    await page.getByRole('tab', { name: 'Retirada vencida' }).click();
    const rows = page.locator('[data-testid="pickup-overdue"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(1);
    expect(await rows.first().getAttribute('data-protocol')).toBe(OVERDUE);
    await page.getByRole('button', { name: 'Registrar devolução de todas' }).click();
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(0);
    await page.getByRole('tab', { name: 'Quadro por etapa' }).click();
    await page.getByTestId('board-search').fill('');
    await expect.poll(() => page.getByTestId('stage-count-returned').textContent(), { timeout: 20_000 }).toBe('1');
  }, 120_000);

  it('the service desk finds the card by protocol or CPF and birth date and sees its new stage', async () => {
    const desk = await openConsoleAs(browser, consoleServer.url, SERVICE_DESK);
    await waitForSync(clerk.page, { pending: 0, refused: 0 });
    await expect.poll(() => localCount(desk.page, 'cards'), { timeout: 60_000 }).toBe(SPECS.length);
    await waitForSync(desk.page, { connection: 'online', pending: 0 });
    await desk.page.getByText('Consulta', { exact: true }).click();
    const lookup = desk.page.getByTestId('card-lookup');
    await lookup.getByRole('textbox', { name: 'Protocolo' }).fill(JOURNEY.toLowerCase());
    await lookup.getByRole('button', { name: 'Consultar' }).click();
    await expect.poll(() => desk.page.locator(`[data-testid="lookup-results"] tr[data-protocol="${JOURNEY}"]`).getAttribute('data-stage'), { timeout: 15_000 }).toBe('delivered');
    expect(await desk.page.getByTestId('lookup-results').textContent()).not.toContain('Joana Conceição Prado');
    await lookup.getByText('Por CPF e data de nascimento').click();
    const cpf = await clerk.page.evaluate(
      (protocol) =>
        (window as unknown as { plantaoTest: { database: { cards: { findOne(id: string): { exec(): Promise<{ holder: { cpf: string } }> } } } } }).plantaoTest.database.cards
          .findOne(protocol)
          .exec()
          .then((doc) => doc.holder.cpf),
      IRREGULAR,
    );
    await lookup.getByRole('textbox', { name: 'CPF', exact: true }).fill(cpf);
    await lookup.getByLabel('Data de nascimento', { exact: true }).fill('1990-05-17');
    await lookup.getByRole('button', { name: 'Consultar' }).click();
    await expect.poll(() => desk.page.locator(`[data-testid="lookup-results"] tr[data-protocol="${IRREGULAR}"]`).getAttribute('data-stage'), { timeout: 20_000 }).toBe('validated');
    await desk.page.screenshot({ path: `${SCREENSHOTS}/cards-lookup.png` });
    // Both look-ups are in the access log, by whom and of which card, and the CPF searched for is not.
    const logged = await desk.page.evaluate(() =>
      (window as unknown as { plantaoTest: { database: { access_log: { find(): { exec(): Promise<Array<{ toJSON(): object }>> } } } } }).plantaoTest.database.access_log
        .find()
        .exec()
        .then((docs) => docs.map((doc) => doc.toJSON() as { userId: string; action: string; record: { kind: string; id: string }; fields: string[] })),
    );
    const cardLookups = logged.filter((entry) => entry.record.kind === 'card');
    expect(cardLookups.map((entry) => `${entry.userId} ${entry.action} ${entry.record.id}`).sort()).toEqual([`${SERVICE_DESK.userId} lookup ${JOURNEY}`, `${SERVICE_DESK.userId} lookup ${IRREGULAR}`].sort());
    expect(cardLookups.find((entry) => entry.record.id === IRREGULAR)?.fields).toContain('holder.cpf');
    expect(JSON.stringify(logged)).not.toContain(cpf);
    await desk.context.close();
  }, 300_000);

  it('two offline consoles of one post moving the same cards converge, keep every event and flag the conflicts', async () => {
    partner = await openBoard(CLERKS[1]);
    await server.close();
    // Carla moves first: both cards to the counter.
    for (const protocol of RACED) {
      await openCard(clerk.page, protocol);
      await move(clerk.page, 'Avançar para Disponível para retirada', 'available_for_pickup');
    }
    // Diego, also offline, still sees them as shipped: a pendência on one, the same move on the other.
    await openCard(partner.page, RACED[0]);
    await move(partner.page, 'Registrar pendência', 'pending_issue', { reason: 'Foto sem qualidade' });
    await openCard(partner.page, RACED[1]);
    await move(partner.page, 'Avançar para Disponível para retirada', 'available_for_pickup');
    await waitForSync(clerk.page, { connection: 'offline', pending: 2 });
    await waitForSync(partner.page, { connection: 'offline', pending: 2 });

    await server.restart();
    await waitForSync(clerk.page, { connection: 'online', pending: 0, refused: 0 }, 90_000);
    await waitForSync(partner.page, { connection: 'online', pending: 0, refused: 0 }, 90_000);
    for (const protocol of RACED) {
      for (const { page } of [clerk, partner]) {
        await expect.poll(() => localEvents(page, protocol), { timeout: 30_000 }).toBe(8);
        await openCard(page, protocol);
        await expect.poll(() => detailStage(page), { timeout: 10_000 }).toBe('available_for_pickup');
        expect(await page.getByTestId('card-anomalies').textContent()).toContain('Conflito para o supervisor');
        expect(await page.locator(`[data-testid="board-list"] [data-protocol="${protocol}"] [data-testid="conflict-marker"]`).count()).toBe(1);
      }
      expect(await serverEvents(protocol)).toBe(8);
    }
    await partner.page.screenshot({ path: `${SCREENSHOTS}/cards-conflict.png` });
  }, 400_000);
});
