import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cpfCheckDigits } from '../../../shared/rules';
import { CARD_MAIN_STAGES, documentIdOf, type CardProcess, type CardStage, type CardStageEvent, type CpfSituation, type PlantaoDocument, type Post, type Role } from '../../../shared/schemas';
import { createPasswordHasher } from '../../../sync-server/auth/password';
import { storageUserStore } from '../../../sync-server/auth/storage-user-store';
import { newUserAccount } from '../../../sync-server/auth/users';
import { SqliteStorage } from '../../../sync-server/storage/sqlite/sqlite-storage';
import type { TestServer } from '../../sync-server/support/test-server';
import { PASSWORD, UNIT } from './seed';

export const POST_ID = 'posto-bh-centro';
export const OTHER_POST_ID = 'posto-contagem';

export const CLERKS = [
  { userId: 'carla.mendes', displayName: 'Carla Mendes', roles: ['identification_clerk'] as Role[], postId: POST_ID },
  { userId: 'diego.alves', displayName: 'Diego Alves', roles: ['identification_clerk'] as Role[], postId: POST_ID },
] as const;
export const SERVICE_DESK = { userId: 'sara.lima', displayName: 'Sara Lima', roles: ['service_desk'] as Role[], unitId: UNIT } as const;
export type StaffAccount = { userId: string; displayName: string; roles: Role[]; postId?: string; unitId?: string };

export const POST: Post = {
  type: 'post',
  schemaVersion: 1,
  postId: POST_ID,
  name: 'Posto de Identificação BH Centro',
  municipality: 'Belo Horizonte',
  uf: 'MG',
  pickupDeadlineDays: 90,
  stageTargetDays: { in_production: 15, shipped: 5, available_for_pickup: 90 },
  defaultStageTargetDays: 7,
};

/** Accounts go straight into the stopped server's storage, as in seed.ts. */
export async function createCardAccounts(server: TestServer, accounts: readonly StaffAccount[]): Promise<void> {
  await server.close();
  const storage = SqliteStorage.open(server.dataDir);
  const store = storageUserStore(storage);
  const hasher = createPasswordHasher();
  for (const account of accounts) {
    await store.putUser(await newUserAccount({ name: account.userId, displayName: account.displayName, roles: account.roles, ...(account.postId ? { postId: account.postId } : {}), ...(account.unitId ? { unitId: account.unitId } : {}), password: PASSWORD }, hasher, new Date()));
  }
  await storage.close();
  await server.restart();
}

const pad = (value: number, size: number) => String(value).padStart(size, '0');
export const protocolOf = (index: number) => `CI-2026-${pad(index, 8)}`;
const cpfOf = (index: number) => {
  const base = pad(100_000_000 + index * 7919, 9).slice(-9);
  return base + cpfCheckDigits(base);
};

export interface CardSpec {
  index: number;
  stage: CardStage;
  /** Days the card has been in its stage. */
  daysInStage?: number;
  postId?: string;
  cpfSituation?: CpfSituation;
  fullName?: string;
}

const DAY = 86_400_000;

/** A card and the forward events (signed by the server admin) that take it along the main line to its stage. */
export function cardWithEvents(spec: CardSpec, now = Date.now()): { card: CardProcess; events: CardStageEvent[] } {
  const postId = spec.postId ?? POST_ID;
  const target = (CARD_MAIN_STAGES as readonly CardStage[]).indexOf(spec.stage);
  if (target < 0) throw new Error(`seed only main-line stages, not ${spec.stage}`);
  const lastAt = now - (spec.daysInStage ?? 1) * DAY;
  const createdAt = new Date(lastAt - (target + 1) * DAY).toISOString();
  const card: CardProcess = {
    type: 'card_process',
    schemaVersion: 1,
    protocol: protocolOf(spec.index),
    postId,
    cardKind: 'cin',
    issuance: spec.index % 3 === 0 ? 'second_copy' : 'first',
    holder: { fullName: spec.fullName ?? `Titular Número ${spec.index}`, birthDate: '1990-05-17', sex: 'female', cpf: cpfOf(spec.index) },
    cpfSituation: spec.cpfSituation ?? 'regular',
    fee: spec.index % 3 === 0 ? { status: 'paid', amountCents: 4_500, paidAt: createdAt } : { status: 'free' },
    createdAt,
  };
  // The hand-over records the document shown, as the server requires.
  const handover = { documentShown: 'previous_rg', documentSuffix: '4821', receivedBy: 'holder' } as const;
  const events = Array.from({ length: target }, (_, step): CardStageEvent => ({
    ...(CARD_MAIN_STAGES[step + 1] === 'delivered' ? { handover } : {}),
    type: 'card_event',
    schemaVersion: 1,
    eventId: `seed-${pad(spec.index, 8)}-${step}`,
    protocol: card.protocol,
    postId,
    from: CARD_MAIN_STAGES[step] as CardStage,
    to: CARD_MAIN_STAGES[step + 1] as CardStage,
    at: new Date(lastAt - (target - 1 - step) * DAY).toISOString(),
    byUserId: 'admin',
    byName: 'Carga inicial',
    workstationId: 'ws-carga',
  }));
  return { card, events };
}

async function bulk(server: TestServer, db: string, docs: PlantaoDocument[]): Promise<void> {
  for (let start = 0; start < docs.length; start += 500) {
    const slice = docs.slice(start, start + 500);
    const response = await server.request(`/${db}/_bulk_docs`, { method: 'POST', json: { docs: slice.map((doc) => ({ _id: documentIdOf(doc), ...doc })) } });
    const rows = (await response.json()) as Array<{ ok?: boolean }>;
    const failed = rows.filter((row) => !row.ok);
    if (failed.length > 0) throw new Error(`seeding ${db} failed: ${JSON.stringify(failed.slice(0, 3))}`);
  }
}

/** The post, the accounts' profiles and the cards with their events (cards first: events are checked against them). */
export async function seedCards(server: TestServer, accounts: readonly StaffAccount[], specs: readonly CardSpec[]): Promise<void> {
  const profiles: PlantaoDocument[] = accounts.map((account) => ({
    type: 'user',
    schemaVersion: 1,
    userId: account.userId,
    displayName: account.displayName,
    roles: account.roles,
    ...(account.postId ? { postId: account.postId } : {}),
    ...(account.unitId ? { unitId: account.unitId } : {}),
    active: true,
  }));
  await bulk(server, 'reference', [POST, ...profiles]);
  const built = specs.map((spec) => cardWithEvents(spec));
  await bulk(server, 'cards', built.map((entry) => entry.card));
  await bulk(server, 'card_events', built.flatMap((entry) => entry.events));
}


export async function openConsoleAs(browser: Browser, url: string, account: StaffAccount): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('Usuário').fill(account.userId);
  await page.getByLabel('Senha').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect.poll(() => page.getByTestId('user-name').textContent(), { timeout: 30_000 }).toBe(account.displayName);
  return { context, page };
}

type SyncStatus = { connection: string; pending: number; refused: number };

export async function syncStatus(page: Page): Promise<SyncStatus> {
  const element = page.getByTestId('sync-status');
  return {
    connection: (await element.getAttribute('data-connection')) ?? '',
    pending: Number(await element.getAttribute('data-pending')),
    refused: Number(await element.getAttribute('data-refused')),
  };
}

export async function waitForSync(page: Page, wanted: Partial<SyncStatus>, timeout = 60_000): Promise<void> {
  await expect.poll(() => syncStatus(page), { timeout, interval: 100 }).toMatchObject(wanted);
}

/** Runs in the page: the number of documents in a local collection (test builds expose the store). */
export const localCount = (page: Page, collection: string) =>
  page.evaluate(
    (name) => (window as unknown as { plantaoTest: { database: Record<string, { count(): { exec(): Promise<number> } }> } }).plantaoTest.database[name]!.count().exec(),
    collection,
  );
