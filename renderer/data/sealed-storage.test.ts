import { createRxDatabase, type RxCollection, type RxJsonSchema, type RxStorage, type RxStorageInstance } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFLATE_FROM_CHARS, deriveSealingKey, SEALED_FIELD, sealedStorage } from './sealed-storage';

interface Person {
  id: string;
  unitId: string;
  name: string;
  cpf: string;
  phones?: string[];
}

const schema: RxJsonSchema<Person> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    unitId: { type: 'string', maxLength: 40 },
    name: { type: 'string' },
    cpf: { type: 'string' },
    phones: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'unitId', 'name', 'cpf'],
  indexes: ['unitId'],
  encrypted: ['name', 'cpf', 'phones'],
};

const ana: Person = { id: 'p1', unitId: 'dv-mg', name: 'Ana Souza', cpf: '52998224725', phones: ['31 99999-0000'] };
const bia: Person = { id: 'p2', unitId: 'dv-sp', name: 'Ana Souza', cpf: '52998224725' };

/** The memory storage keeps its data across database instances; the spy hands out the raw instances. */
function spiedMemory() {
  const memory = getRxStorageMemory();
  const raw: Array<RxStorageInstance<Record<string, unknown>, unknown, unknown>> = [];
  const storage = Object.assign({}, memory, {
    async createStorageInstance(params: Parameters<typeof memory.createStorageInstance>[0]) {
      const instance = await memory.createStorageInstance(params);
      raw.push(instance as RxStorageInstance<Record<string, unknown>, unknown, unknown>);
      return instance;
    },
  }) as RxStorage<unknown, unknown>;
  return { storage, rawDocs: async (collectionName: string) => {
    const instance = raw.find((candidate) => candidate.collectionName === collectionName && !candidate.schema.properties.name);
    return instance ? instance.findDocumentsById(['p1', 'p2'], true) : [];
  } };
}

let databases = 0;
/** A new storage per test, so each test names its database after its storage. */
const names = new WeakMap<object, string>();
const open = async (storage: RxStorage<unknown, unknown>, secret: string) => {
  if (!names.has(storage)) names.set(storage, `sealed${(databases += 1)}`);
  const db = await createRxDatabase<{ people: RxCollection<Person> }>({ name: names.get(storage)!, storage: sealedStorage(storage, await deriveSealingKey(secret)), multiInstance: false });
  await db.addCollections({ people: { schema } });
  return db;
};

const opened: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

describe('sealed storage', () => {
  it('stores all personal fields of a document in one sealed field, and gives the application the document unchanged', async () => {
    const { storage, rawDocs } = spiedMemory();
    const db = await open(storage, 'a'.repeat(64));
    opened.push(db);
    await db.people.bulkInsert([ana, bia]);

    const raw = await rawDocs('people');
    expect(raw).toHaveLength(2);
    const text = JSON.stringify(raw);
    for (const secret of ['Ana Souza', '52998224725', '99999']) expect(text).not.toContain(secret);
    for (const doc of raw) {
      expect(Object.keys(doc)).not.toContain('name');
      expect(typeof doc[SEALED_FIELD]).toBe('string');
    }
    // Not personal: stays readable and indexed.
    expect(raw.map((doc) => doc.unitId).sort()).toEqual(['dv-mg', 'dv-sp']);
    // Same personal data, different ciphertext: every seal has its own IV.
    expect(raw[0]![SEALED_FIELD]).not.toBe(raw[1]![SEALED_FIELD]);

    const found = await db.people.find({ selector: { unitId: 'dv-mg' } }).exec();
    expect(found.map((doc) => doc.toJSON())).toEqual([ana]);
  });

  it('reads back from the stored form after a restart, including updates', async () => {
    const { storage } = spiedMemory();
    const first = await open(storage, 'b'.repeat(64));
    await first.people.insert(ana);
    await (await first.people.findOne('p1').exec())!.incrementalPatch({ name: 'Ana Souza Lima' });
    await first.close();

    const again = await open(storage, 'b'.repeat(64));
    opened.push(again);
    expect((await again.people.findOne('p1').exec())?.toJSON()).toEqual({ ...ana, name: 'Ana Souza Lima' });
  });

  it('deflates large personal data before sealing it, and reads both forms back', async () => {
    const { storage, rawDocs } = spiedMemory();
    const db = await open(storage, 'e'.repeat(64));
    opened.push(db);
    const phones = Array.from({ length: 8_000 }, (_, index) => `31 9${String(index).padStart(4, '0')}-0000`);
    const large = { ...ana, phones };
    expect(JSON.stringify(phones).length).toBeGreaterThan(DEFLATE_FROM_CHARS);
    await db.people.bulkInsert([large, bia]);

    const raw = await rawDocs('people');
    const sealedOf = (id: string) => String(raw.find((doc) => doc.id === id)?.[SEALED_FIELD]);
    expect(sealedOf('p1').startsWith('~')).toBe(true);
    // Repetitive JSON deflates to a small part of its size, sealed or not.
    expect(sealedOf('p1').length).toBeLessThan(JSON.stringify(phones).length / 3);
    expect(JSON.stringify(raw)).not.toContain('Ana Souza');
    expect(sealedOf('p2').startsWith('~')).toBe(false);
    await db.close();

    const again = await open(storage, 'e'.repeat(64));
    opened.push(again);
    expect((await again.people.findOne('p1').exec())?.toJSON()).toEqual(large);
    expect((await again.people.findOne('p2').exec())?.toJSON()).toEqual(bia);
  });

  it('does not open personal data with another key', async () => {
    const { storage } = spiedMemory();
    const first = await open(storage, 'c'.repeat(64));
    await first.people.insert(ana);
    await first.close();

    const other = await open(storage, 'd'.repeat(64));
    opened.push(other);
    await expect(other.people.findOne('p1').exec()).rejects.toThrow();
  });
});
