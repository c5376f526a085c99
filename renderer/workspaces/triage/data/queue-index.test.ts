import { afterEach, describe, expect, it } from 'vitest';
import { makeRequest, makeUnit } from '../../../../shared/rules/test-fixtures';
import { documentIdOf, type OccurrenceRequest } from '../../../../shared/schemas';
import type { PlantaoDatabase } from '../../../data/open-store';
import { openTestStore } from '../../cards/data/test-store';
import { queueIndexOf, requestsOldestFirst, type QueueSnapshot } from './queue-index';

const databases: PlantaoDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.close()));
});

const until = async (check: () => boolean) => {
  for (let tries = 0; tries < 500 && !check(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

const UNIT = makeUnit();
const protocolOf = (index: number) => `DV-2025-${String(index).padStart(8, '0')}`;
/** Requests of the unit arriving one second apart, except a run of `tied` that arrive in the same instant. */
function requests(count: number, tiedFrom: number, tied: number): OccurrenceRequest[] {
  return Array.from({ length: count }, (_, index) => {
    const second = index < tiedFrom ? index : index < tiedFrom + tied ? tiedFrom : index - tied + 1;
    const receivedAt = new Date(Date.parse('2025-06-10T10:00:00-03:00') + second * 1000).toISOString();
    return makeRequest({ protocol: protocolOf(index), portalSubmissionId: `portal-${index}`, receivedAt, submittedAt: receivedAt });
  });
}
const withIds = <T extends object>(docs: T[]) => docs.map((doc) => ({ ...doc, id: documentIdOf(doc as never) }));

describe('requestsOldestFirst', () => {
  it('reads every request of the unit once, by arrival, also when more than a page arrived in one instant', async () => {
    const db = await openTestStore(['requests']);
    databases.push(db);
    // 4 distinct instants, then 12 requests of one instant (more than a page), then 6 more.
    const all = requests(22, 4, 12);
    const elsewhere = makeRequest({ protocol: protocolOf(99), portalSubmissionId: 'portal-99', unitId: 'dv-sp' });
    await db.requests.bulkInsert(withIds([...all, elsewhere]));

    const pages: string[][] = [];
    for await (const page of requestsOldestFirst(db, UNIT.unitId, { first: 3, next: 5 })) pages.push(page.map((doc) => doc.id));
    expect(pages.map((page) => page.length)).toEqual([3, 5, 5, 5, 4]);
    expect(pages.flat()).toEqual(all.map((request) => request.protocol));
  });
});

describe('queueIndexOf', () => {
  it('shows the oldest requests first while it reads the rest, and then every request', async () => {
    const db = await openTestStore(['requests', 'claims', 'decisions', 'reference']);
    databases.push(db);
    const all = requests(600, 0, 0);
    await db.reference.insert({ ...UNIT, id: documentIdOf(UNIT) });
    await db.requests.bulkInsert(withIds(all));

    const index = queueIndexOf(db, UNIT.unitId);
    const seen: QueueSnapshot[] = [];
    index.subscribe(() => seen.push(index.getSnapshot()));
    await until(() => !index.getSnapshot().loading);

    const first = seen.find((snapshot) => snapshot.requests.size > 0)!;
    expect(first.loading).toBe(true);
    expect(first.requests.size).toBe(200);
    expect([...first.requests.keys()]).toEqual(all.slice(0, 200).map((request) => request.protocol));
    const loaded = index.getSnapshot();
    expect(loaded.requests.size).toBe(all.length);
    expect(loaded.entries.size).toBe(all.length);
    expect(new Set(loaded.requests.keys())).toEqual(new Set(all.map((request) => request.protocol)));
    expect(loaded.requests.get(protocolOf(599))?.requester).toEqual(all[599]!.requester);
    expect(queueIndexOf(db, UNIT.unitId)).toBe(index);
  });

  it('keeps a request written while the queue is read', async () => {
    const db = await openTestStore(['requests', 'claims', 'decisions', 'reference']);
    databases.push(db);
    const all = requests(600, 0, 0);
    await db.reference.insert({ ...UNIT, id: documentIdOf(UNIT) });
    await db.requests.bulkInsert(withIds(all));

    const index = queueIndexOf(db, UNIT.unitId);
    const late = makeRequest({ protocol: protocolOf(9_999), portalSubmissionId: 'portal-late', receivedAt: '2025-06-10T09:00:00-03:00' });
    await db.requests.insert({ ...late, id: documentIdOf(late) });
    await until(() => !index.getSnapshot().loading && index.getSnapshot().requests.has(late.protocol));
    expect(index.getSnapshot().requests.size).toBe(601);
  });

  it('started on an empty store, takes what is written afterwards, and never changes a snapshot a reader holds', async () => {
    const db = await openTestStore(['requests', 'claims', 'decisions', 'reference']);
    databases.push(db);
    const index = queueIndexOf(db, UNIT.unitId);
    await until(() => !index.getSnapshot().loading);
    await db.reference.insert({ ...UNIT, id: documentIdOf(UNIT) });
    const all = requests(300, 0, 0);
    // As a first download stores them: batch after batch, while no workspace reads the index.
    await db.requests.bulkInsert(withIds(all.slice(0, 100)));
    await db.requests.bulkInsert(withIds(all.slice(100, 200)));
    await until(() => index.getSnapshot().requests.size === 200);

    const held = index.getSnapshot();
    const heldRequests = [...held.requests.keys()];
    const heldEntries = held.entries.size;
    await db.requests.bulkInsert(withIds(all.slice(200)));
    await until(() => index.getSnapshot().requests.size === 300);
    expect(index.getSnapshot().entries.size).toBe(300);
    expect(index.getSnapshot().requests).not.toBe(held.requests);
    expect([...held.requests.keys()]).toEqual(heldRequests);
    expect(held.entries.size).toBe(heldEntries);
  });
});
