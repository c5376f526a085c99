import 'fake-indexeddb/auto';
import { createRxDatabase, META_INSTANCE_SCHEMA_TITLE, type RxCollection, type RxJsonSchema, type RxStorage, type WithDeleted } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { withPagedCollections } from './paged-storage';
import { PageLog } from './page-log';
import { deriveSealingKey } from './sealed-storage';

interface Person {
  id: string;
  unitId: string;
  name: string;
}

const schema: RxJsonSchema<Person> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    unitId: { type: 'string', maxLength: 40 },
    name: { type: 'string' },
  },
  required: ['id', 'unitId', 'name'],
  indexes: [['unitId', 'id']],
  encrypted: ['name'],
};

const person = (index: number, unitId = 'dv-mg'): Person => ({ id: `p${String(index).padStart(6, '0')}`, unitId, name: `Pessoa Sigilosa ${index}` });

let databases = 0;
const opened: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

const pagedWith = (fallback: ReturnType<typeof getRxStorageMemory>, key: CryptoKey) =>
  withPagedCollections(fallback as RxStorage<unknown, unknown>, {
    roleOf: (params) =>
      params.collectionName === 'people' ? { kind: 'collection' } : params.schema.title === META_INSTANCE_SCHEMA_TITLE ? { kind: 'replication-meta', of: 'people' } : null,
    openLog: (name) => PageLog.open(name, key),
  });

/** A store whose `people` are paged and whose `others` stay in the fallback (RxDB's memory storage). */
async function pagedStore(secret = 'a'.repeat(64)) {
  const name = `paged${(databases += 1)}`;
  const fallback = getRxStorageMemory();
  const key = await deriveSealingKey(secret);
  const storage = pagedWith(fallback, key);
  const open = async (withKey = key) => {
    const db = await createRxDatabase<{ people: RxCollection<Person>; others: RxCollection<Person> }>({
      name,
      storage: withKey === key ? storage : pagedWith(fallback, withKey),
      multiInstance: false,
    });
    // The fallback here is RxDB's memory storage, which takes no `encrypted` list.
    await db.addCollections({ people: { schema }, others: { schema: { ...schema, encrypted: [] } } });
    opened.push(db);
    return db;
  };
  /** The documents of every record of a collection, opened with the store's key. */
  const logged = async (collection: string) => {
    const log = await PageLog.open(`${name}--pages`, key);
    const docs: Array<Record<string, unknown>> = [];
    for await (const entry of log.read(collection)) docs.push(...(JSON.parse(entry.json) as Array<Record<string, unknown>>));
    log.close();
    return docs;
  };
  return { name, open, logged };
}

/** Every record of the store's page log, as IndexedDB holds it. */
async function rawRecords(name: string): Promise<Array<{ key: unknown[]; value: { seq: number; part: number; data: ArrayBuffer } }>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(`${name}--pages`);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const store = db.transaction('records').objectStore('records');
  const [keys, values] = await Promise.all(
    [store.getAllKeys(), store.getAll()].map(
      (request) => new Promise<unknown[]>((resolve) => (request.onsuccess = () => resolve(request.result as unknown[]))),
    ),
  );
  db.close();
  return keys!.map((key, index) => ({ key: key as unknown[], value: values![index] as never }));
}

const textOf = (buffer: ArrayBuffer) => new TextDecoder('latin1').decode(buffer);

/** A server of `count` people for RxDB's replication: pulls by sequence, records pushes (held on demand). */
function fakeServer(count: number) {
  const docs = Array.from({ length: count }, (_, index) => ({ ...person(index), serverSeq: index + 1 }));
  const pushed: Array<{ id: string; assumed?: string }> = [];
  let held: Promise<void> | null = null;
  let release: () => void = () => undefined;
  return {
    pushed,
    holdPushes: () => void (held = new Promise<void>((resolve) => (release = resolve))),
    releasePushes: () => {
      held = null;
      release();
    },
    replicate: (collection: RxCollection<Person>) =>
      replicateRxCollection<Person, { seq: number }>({
        replicationIdentifier: 'people-to-server',
        collection,
        live: true,
        pull: {
          batchSize: 1000,
          handler: async (checkpoint, size) => {
            const page = docs.filter((doc) => doc.serverSeq > (checkpoint?.seq ?? 0)).slice(0, size);
            const documents = page.map(({ serverSeq: _seq, ...doc }) => ({ ...doc, _deleted: false }) as WithDeleted<Person>);
            return { documents, checkpoint: { seq: page.at(-1)?.serverSeq ?? checkpoint?.seq ?? 0 } };
          },
        },
        push: {
          handler: async (rows) => {
            if (held) {
              await held;
              return [];
            }
            pushed.push(...rows.map((row) => ({ id: row.newDocumentState.id, assumed: row.assumedMasterState?.name })));
            return [];
          },
        },
      }),
  };
}

describe('paged storage', () => {
  it('keeps a batch of writes as one sealed record, and reads it back after a restart', async () => {
    const store = await pagedStore();
    const first = await store.open();
    await first.people.bulkInsert(Array.from({ length: 1000 }, (_, index) => person(index)));
    await first.others.insert(person(1));

    const records = await rawRecords(store.name);
    expect(records.map((record) => record.key)).toEqual([['people', 1, 0]]);
    expect(records[0]!.value.data).toBeInstanceOf(ArrayBuffer);
    expect(textOf(records[0]!.value.data)).not.toContain('Pessoa Sigilosa');
    expect(textOf(records[0]!.value.data)).not.toContain('dv-mg');

    await (await first.people.findOne('p000007').exec())!.incrementalPatch({ name: 'Nome Trocado' });
    await (await first.people.findOne('p000008').exec())!.remove();
    await first.close();

    const again = await store.open();
    expect(await again.people.count().exec()).toBe(999);
    expect((await again.people.findOne('p000007').exec())?.name).toBe('Nome Trocado');
    expect(await again.people.findOne('p000008').exec()).toBeNull();
    const inUnit = await again.people.find({ selector: { unitId: 'dv-mg' }, sort: [{ unitId: 'asc' }, { id: 'asc' }], limit: 3 }).exec();
    expect(inUnit.map((doc) => doc.id)).toEqual(['p000000', 'p000001', 'p000002']);
    // The collection that is not paged is not in the log.
    expect((await rawRecords(store.name)).every((record) => record.key[0] === 'people')).toBe(true);
  });

  it('compacts a log that outgrew its documents into pages, keeping writes made meanwhile', async () => {
    const store = await pagedStore();
    const db = await store.open();
    await db.people.bulkInsert(Array.from({ length: 1500 }, (_, index) => person(index)));
    // Every document rewritten three times: 6,000 logged states for 1,500 live ones.
    for (let round = 1; round <= 3; round += 1) {
      await db.people.bulkUpsert(Array.from({ length: 1500 }, (_, index) => ({ ...person(index), name: `Rodada ${round} ${index}` })));
    }
    const during = db.people.insert(person(9999, 'dv-sp'));
    await expect.poll(async () => (await rawRecords(store.name)).filter((record) => record.value.part > 0).length).toBe(2);
    await during;
    await db.close();

    const records = await rawRecords(store.name);
    // Two pages of the snapshot, and only the writes that came after it.
    const pages = records.filter((record) => record.value.part > 0);
    expect(pages.map((record) => record.value.part)).toEqual([1, 2]);
    expect(records.filter((record) => record.value.part === 0).every((record) => record.value.seq > pages[0]!.value.seq)).toBe(true);
    expect(records.length).toBeLessThan(7);

    const again = await store.open();
    expect(await again.people.count().exec()).toBe(1501);
    expect((await again.people.findOne('p001499').exec())?.name).toBe('Rodada 3 1499');
    expect((await again.people.findOne('p009999').exec())?.unitId).toBe('dv-sp');
  });

  it('does not open the records with another key', async () => {
    const store = await pagedStore('b'.repeat(64));
    const first = await store.open();
    await first.people.insert(person(1));
    await first.close();
    await expect(store.open(await deriveSealingKey('c'.repeat(64)))).rejects.toThrow();
  });

  it('drops the records of a removed collection', async () => {
    const store = await pagedStore();
    const db = await store.open();
    await db.people.bulkInsert([person(1), person(2)]);
    await db.people.remove();
    expect(await rawRecords(store.name)).toEqual([]);
  });

  it('logs replication metadata as references to the documents it describes, and rebuilds it at open', async () => {
    const server = fakeServer(2500);
    const store = await pagedStore();
    const first = await store.open();
    const sync = server.replicate(first.people);
    await sync.awaitInSync();
    expect(await first.people.count().exec()).toBe(2500);
    const metaCollection = String((await rawRecords(store.name)).find((record) => String(record.key[0]).startsWith('rx-replication-meta-'))?.key[0]);
    const metas = (await store.logged(metaCollection)).filter((meta) => meta.isCheckpoint === '0');
    // Every downloaded document's metadata is logged as a reference to the document's revision, without a copy of it.
    expect(metas).toHaveLength(2500);
    expect(metas.every((meta) => typeof meta.forkRev === 'string' && !('docData' in meta))).toBe(true);

    // A local change waits for the server: the metadata must keep the server's version across a restart.
    server.holdPushes();
    await (await first.people.findOne('p000003').exec())!.incrementalPatch({ name: 'Alterado sem servidor' });
    await sync.cancel();
    await first.close();
    // The changed document's metadata was logged whole before the change, with the server's version.
    const whole = (await store.logged(metaCollection)).filter((meta) => meta.itemId === 'p000003' && 'docData' in meta);
    expect(whole.map((meta) => (meta.docData as Person).name)).toEqual(['Pessoa Sigilosa 3']);

    server.releasePushes();
    const again = await store.open();
    expect((await again.people.findOne('p000003').exec())?.name).toBe('Alterado sem servidor');
    const resumed = server.replicate(again.people);
    await resumed.awaitInSync();
    // The push after the restart names the server's version it started from, rebuilt from the log; nothing
    // else was pushed, so every other document's metadata came back as the server's version too.
    expect(server.pushed).toEqual([{ id: 'p000003', assumed: 'Pessoa Sigilosa 3' }]);
    await resumed.cancel();
  });

  it('keeps the previous state of a document changed before its replication starts', async () => {
    const server = fakeServer(1200);
    const store = await pagedStore();
    const first = await store.open();
    const sync = server.replicate(first.people);
    await sync.awaitInSync();
    await sync.cancel();
    await first.close();

    // Signed in again and changed before the replication (and its metadata) opened.
    const offline = await store.open();
    await (await offline.people.findOne('p000005').exec())!.incrementalPatch({ name: 'Alterado antes da sincronização' });
    expect((await rawRecords(store.name)).some((record) => record.key[0] === 'people~retained')).toBe(true);
    await offline.close();

    const again = await store.open();
    const resumed = server.replicate(again.people);
    await resumed.awaitInSync();
    expect(server.pushed).toEqual([{ id: 'p000005', assumed: 'Pessoa Sigilosa 5' }]);
    // Once the metadata is logged whole, the retained states are gone.
    await expect.poll(async () => (await rawRecords(store.name)).some((record) => record.key[0] === 'people~retained')).toBe(false);
    await resumed.cancel();
  });
});
