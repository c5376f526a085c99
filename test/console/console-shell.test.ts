import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../sync-server/support/test-server';
import { buildConsole } from './support/build-console';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { claimOf, createAccounts, noteOf, OFFICERS, OTHER_UNIT, PASSWORD, seed, UNIT } from './support/seed';
import { SCREENSHOT_DIR } from './support/screenshots';
import { launchChromium } from './support/chromium';

// Three pulls of 1,000: the progress bar has steps to show.
const REQUESTS = 6_000;

let server: TestServer;
let consoleServer: ConsoleServer;
let bundleDir: string;
let browser: Browser;
let first: { context: BrowserContext; page: Page };
let second: { context: BrowserContext; page: Page };

type Status = { connection: string; pending: number; refused: number };

async function status(page: Page): Promise<Status> {
  const element = page.getByTestId('sync-status');
  return {
    connection: (await element.getAttribute('data-connection')) ?? '',
    pending: Number(await element.getAttribute('data-pending')),
    refused: Number(await element.getAttribute('data-refused')),
  };
}

async function waitForStatus(page: Page, wanted: Partial<Status>, timeout = 30_000): Promise<void> {
  await expect.poll(async () => status(page), { timeout, interval: 100 }).toMatchObject(wanted);
}

/** Runs in the page: the console's local store, exposed by the test build only. */
const localCount = (page: Page, collection: string) =>
  page.evaluate(
    (name) => (window as unknown as { plantaoTest: { database: Record<string, { count(): { exec(): Promise<number> } }> } }).plantaoTest.database[name]!.count().exec(),
    collection,
  );

const hasLocal = (page: Page, collection: string, id: string) =>
  page.evaluate(
    ([name, docId]) =>
      (window as unknown as { plantaoTest: { database: Record<string, { findOne(id: string): { exec(): Promise<unknown> } }> } }).plantaoTest.database[name]!
        .findOne(docId)
        .exec()
        .then((doc) => doc !== null),
    [collection, id] as const,
  );

const insertLocal = (page: Page, collection: string, doc: object) =>
  page.evaluate(
    ([name, data]) => (window as unknown as { plantaoTest: { database: Record<string, { insert(d: object): Promise<unknown> }> } }).plantaoTest.database[name]!.insert(data).then(() => undefined),
    [collection, doc] as const,
  );

async function openConsole(officer: (typeof OFFICERS)[number]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  const page = await context.newPage();
  // Records every value the initial-sync progress bar shows, however briefly, and the requests stored when it says done.
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { progressSeen: seen });
    new MutationObserver(() => {
      const value = document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-initial-progress');
      if (value && value !== 'done' && seen[seen.length - 1] !== value) seen.push(value);
      const test = window as unknown as { storedAtDone?: number | 'counting'; plantaoTest?: { database: { requests: { count(): { exec(): Promise<number> } } } } };
      if (value === 'done' && seen.length > 0 && test.storedAtDone === undefined && test.plantaoTest) {
        test.storedAtDone = 'counting';
        void test.plantaoTest.database.requests
          .count()
          .exec()
          .then((count) => (test.storedAtDone = count));
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto(consoleServer.url);
  await page.getByLabel('Usuário').fill(officer.userId);
  await page.getByLabel('Senha').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect.poll(() => page.getByTestId('user-name').textContent(), { timeout: 30_000 }).toBe(officer.displayName);
  return { context, page };
}

beforeAll(async () => {
  [bundleDir, server] = await Promise.all([buildConsole(), startTestServer()]);
  await createAccounts(server);
  await seed(server, REQUESTS);
  consoleServer = await startConsoleServer(bundleDir, () => server.url);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await consoleServer?.close();
  await server?.dispose();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

describe('console shell against the real sync server', () => {
  it('says in pt-BR what is wrong with a login', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(consoleServer.url);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => page.getByText('Informe o usuário.').count()).toBe(1);
    await expect.poll(() => page.getByText('Informe a senha.').count()).toBe(1);
    await page.getByLabel('Usuário').fill(OFFICERS[0].userId);
    await page.getByLabel('Senha').fill('senha-errada-123');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('Nome ou senha incorretos');
    await expect.poll(() => page.getByRole('button', { name: 'Entrar' }).getAttribute('data-loading')).toBeNull();
    await page.waitForTimeout(500); // let the button's loading transition finish before the picture
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, 'console-login.png') });
    await context.close();
  });

  it('logs in, pulls everything with a progress bar, and shows the maintenance notice', async () => {
    first = await openConsole(OFFICERS[0]);
    await expect.poll(() => localCount(first.page, 'requests'), { timeout: 60_000 }).toBe(REQUESTS);
    await waitForStatus(first.page, { connection: 'online', pending: 0, refused: 0 });
    const progress = (await first.page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)).map(Number);
    console.info(`initial-sync progress seen: ${progress.join(', ')}`);
    expect(progress.some((value) => value > 0 && value < 100)).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Done means stored: every request is in the local store when the bar says so.
    await expect.poll(() => first.page.evaluate(() => (window as unknown as { storedAtDone?: number | 'counting' }).storedAtDone)).toBe(REQUESTS);
    await expect.poll(() => first.page.getByTestId('initial-sync-progress').count()).toBe(0);
    expect(await first.page.getByTestId('notices').textContent()).toContain('Manutenção programada');
    expect(await first.page.getByTestId('sync-last').textContent()).toMatch(/Última sincronização: \d\d:\d\d:\d\d/);
  }, 90_000);

  it('keeps personal data encrypted in IndexedDB', async () => {
    const raw = await first.page.evaluate(async () => {
      // Binary values (the sealed pages) as latin1 text, so a clear string in them would still be found.
      const asText = (_key: string, value: unknown) => (value instanceof ArrayBuffer ? new TextDecoder('latin1').decode(value) : value);
      const found: Array<{ database: string; key: string; row: string }> = [];
      for (const info of await indexedDB.databases()) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(info.name!);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        for (const store of Array.from(db.objectStoreNames)) {
          const [keys, rows] = await Promise.all(
            ['getAllKeys', 'getAll'].map(
              (method) =>
                new Promise<unknown[]>((resolve) => {
                  const request = (db.transaction(store).objectStore(store) as unknown as Record<string, () => IDBRequest<unknown[]>>)[method]!();
                  request.onsuccess = () => resolve(request.result);
                }),
            ),
          );
          rows!.forEach((row, index) => found.push({ database: info.name!, key: JSON.stringify(keys![index]), row: JSON.stringify(row, asText) }));
        }
        db.close();
      }
      return found;
    });
    for (const needle of ['Solicitante Número', '52998224725', 'Perdi minha carteira', 'DV-2026-00000001']) {
      expect(raw.some(({ row }) => row.includes(needle)), needle).toBe(false);
    }
    // Requests and their replication metadata live in sealed pages: a record per downloaded batch, not per request.
    const pageRecords = raw.filter(({ database }) => database.endsWith('--pages'));
    const requestPages = pageRecords.filter(({ key }) => key.startsWith('["requests",'));
    expect(requestPages.length).toBeGreaterThan(0);
    expect(requestPages.length).toBeLessThan(REQUESTS);
    expect(pageRecords.some(({ key }) => key.startsWith('["rx-replication-meta-'))).toBe(true);
    for (const { row } of pageRecords) expect(Object.keys(JSON.parse(row) as object).sort()).toEqual(['data', 'part', 'seq']);
    // The application still reads every request.
    expect(await localCount(first.page, 'requests')).toBe(REQUESTS);
  }, 30_000);

  it('refuses to open a store that another window of this desk holds open', async () => {
    // Two windows would append to one page log under the same sequence numbers.
    const page = await first.context.newPage();
    await page.goto(consoleServer.url);
    await page.getByLabel('Usuário').fill(OFFICERS[0].userId);
    await page.getByLabel('Senha').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('aberto em outra janela deste computador');
    await page.close();
    // The window that holds it goes on working.
    expect(await localCount(first.page, 'requests')).toBe(REQUESTS);
  }, 30_000);

  it('a second console sees a change made on the first one', async () => {
    second = await openConsole(OFFICERS[1]);
    await expect.poll(() => localCount(second.page, 'requests'), { timeout: 60_000 }).toBe(REQUESTS);
    const note = noteOf(OFFICERS[0], UNIT, 0, 'Solicitante ligou informando o número do boletim anterior.');
    const started = Date.now();
    await insertLocal(first.page, 'notes', note);
    await expect.poll(() => hasLocal(second.page, 'notes', note.id), { timeout: 10_000, interval: 25 }).toBe(true);
    console.info(`second console saw the note after ${Date.now() - started} ms`);
    await waitForStatus(first.page, { pending: 0 });
  }, 90_000);

  it('changes made while the server is down sync once it is back, and show as synced', async () => {
    await server.close();
    const notes = [1, 2, 3].map((index) => noteOf(OFFICERS[0], UNIT, index, `Nota feita sem servidor número ${index}.`));
    for (const note of notes) await insertLocal(first.page, 'notes', note);
    await waitForStatus(first.page, { connection: 'offline', pending: 3 });
    await first.page.getByRole('link', { name: 'Sincronização' }).or(first.page.getByText('Sincronização', { exact: true })).first().click();
    await expect.poll(() => first.page.locator('[data-testid="sync-items"] tr[data-state="pending"]').count()).toBe(3);

    await server.restart();
    await waitForStatus(first.page, { connection: 'online', pending: 0, refused: 0 }, 60_000);
    for (const note of notes) {
      expect(await first.page.locator(`tr[data-doc-id="${note.id}"]`).getAttribute('data-state')).toBe('synced');
      const stored = await server.request(`/notes/${encodeURIComponent(note.id)}`);
      expect(stored.status).toBe(200);
    }
    await expect.poll(() => hasLocal(second.page, 'notes', notes[2]!.id), { timeout: 15_000 }).toBe(true);
  }, 120_000);

  it('a change the server refuses shows as refused with its reason while the others sync', async () => {
    const refused = noteOf(OFFICERS[0], OTHER_UNIT, 5, 'Nota sobre uma solicitação de outra unidade.');
    const accepted = noteOf(OFFICERS[0], UNIT, 6, 'Nota aceita no mesmo envio.');
    await first.page.evaluate(
      (docs) => (window as unknown as { plantaoTest: { database: { notes: { bulkInsert(d: object[]): Promise<unknown> } } } }).plantaoTest.database.notes.bulkInsert(docs).then(() => undefined),
      [refused, accepted],
    );
    await waitForStatus(first.page, { pending: 0, refused: 1 });
    const row = first.page.locator(`tr[data-doc-id="${refused.id}"]`);
    expect(await row.getAttribute('data-state')).toBe('refused');
    const reason = (await row.locator('td').nth(3).textContent()) ?? '';
    expect(reason.length).toBeGreaterThan(10);
    expect(await first.page.locator(`tr[data-doc-id="${accepted.id}"]`).getAttribute('data-state')).toBe('synced');
    expect((await server.request(`/notes/${encodeURIComponent(accepted.id)}`)).status).toBe(200);
    expect((await server.request(`/notes/${encodeURIComponent(refused.id)}`)).status).toBe(404);
    expect(await first.page.getByTestId('sync-refused').textContent()).toBe('1 recusada');
  }, 60_000);

  it('a document changed again before its echo returns is pushed on the new revision', async () => {
    const claim = claimOf(OFFICERS[0], 30);
    await insertLocal(first.page, 'claims', claim);
    await first.page.evaluate(
      (id) =>
        (window as unknown as { plantaoTest: { database: { claims: { findOne(id: string): { exec(): Promise<{ incrementalPatch(p: object): Promise<unknown> }> } } } } }).plantaoTest.database.claims
          .findOne(id)
          .exec()
          .then((doc) => doc.incrementalPatch({ releasedAt: new Date().toISOString() })),
      claim.id,
    );
    await waitForStatus(first.page, { pending: 0, refused: 1 });
    await expect.poll(async () => ((await (await server.request(`/claims/${claim.id}`)).json()) as { releasedAt?: string }).releasedAt, { timeout: 15_000 }).toBeDefined();
  }, 60_000);

  it('two consoles claiming one request offline converge on the server winner', async () => {
    await server.close();
    const mine = claimOf(OFFICERS[0], 31);
    const theirs = claimOf(OFFICERS[1], 31);
    await insertLocal(first.page, 'claims', mine);
    await insertLocal(second.page, 'claims', theirs);
    await server.restart();
    await waitForStatus(first.page, { connection: 'online', pending: 0 }, 60_000);
    await waitForStatus(second.page, { connection: 'online', pending: 0 }, 60_000);
    const winner = ((await (await server.request(`/claims/${mine.id}`)).json()) as { officerId: string }).officerId;
    const localOfficer = (page: Page) =>
      page.evaluate(
        (id) =>
          (window as unknown as { plantaoTest: { database: { claims: { findOne(id: string): { exec(): Promise<{ officerId: string } | null> } } } } }).plantaoTest.database.claims
            .findOne(id)
            .exec()
            .then((doc) => doc?.officerId),
        mine.id,
      );
    console.info(`claim race winner: ${winner}; first console has ${await localOfficer(first.page)}, second has ${await localOfficer(second.page)}`);
    await expect.poll(() => localOfficer(first.page), { timeout: 15_000 }).toBe(winner);
    await expect.poll(() => localOfficer(second.page), { timeout: 15_000 }).toBe(winner);
    const loser = winner === OFFICERS[0].userId ? second.page : first.page;
    const record = await loser.evaluate(
      (id) =>
        (window as unknown as { plantaoTest: { database: { sync_meta: { findOne(id: string): { exec(): Promise<{ toJSON(): { state: string; reason?: string } } | null> } } } } }).plantaoTest.database.sync_meta
          .findOne(`claims/${id}`)
          .exec()
          .then((doc) => doc?.toJSON()),
      mine.id,
    );
    expect(record).toMatchObject({ state: 'synced', reason: expect.stringContaining('prevaleceu a versão do servidor') });
  }, 120_000);

  it('a user switch on a shared desk keeps the unsynced changes of the one who left', async () => {
    const { page } = first;
    await server.close();
    const left = noteOf(OFFICERS[0], UNIT, 8, 'Nota feita antes de trocar de usuário.');
    await insertLocal(page, 'notes', left);
    await waitForStatus(page, { pending: 1 });
    await page.getByRole('button', { name: 'Sair' }).click();
    await server.restart();

    await page.getByLabel('Usuário').fill(OFFICERS[1].userId);
    await page.getByLabel('Senha').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => page.getByTestId('user-name').textContent(), { timeout: 30_000 }).toBe(OFFICERS[1].displayName);
    await waitForStatus(page, { connection: 'online', pending: 0 }, 60_000);
    expect((await server.request(`/notes/${encodeURIComponent(left.id)}`)).status).toBe(404);
    await page.getByRole('button', { name: 'Sair' }).click();

    await page.getByLabel('Usuário').fill(OFFICERS[0].userId);
    await page.getByLabel('Senha').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => page.getByTestId('user-name').textContent(), { timeout: 30_000 }).toBe(OFFICERS[0].displayName);
    await waitForStatus(page, { connection: 'online', pending: 0 }, 60_000);
    expect((await server.request(`/notes/${encodeURIComponent(left.id)}`)).status).toBe(200);
  }, 120_000);

  it('screenshots the shell with demo data', async () => {
    const shots = SCREENSHOT_DIR;
    await first.page.getByText('Sincronização', { exact: true }).click();
    await first.page.screenshot({ path: resolve(shots, 'console-shell-sync.png') });
    await first.page.getByText('Fila de triagem', { exact: true }).click();
    await first.page.screenshot({ path: resolve(shots, 'console-shell.png') });
    await second.context.close();
    await first.context.close();
  }, 30_000);
});
