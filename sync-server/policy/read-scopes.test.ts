import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage';
import { allDocsQuery } from '../storage/storage';
import { createAccessPolicy } from './plantao-policy';
import { documentIdOf } from '../../shared/schemas';
import { makeDecision } from '../../shared/rules/test-fixtures';
import type { DocumentBody } from './access-policy';
import { MATRIX_DATABASES, principal, REQ_SECRET_OTHER, seedWorld, UNIT, USER_KEYS, VISIBLE } from './test-fixtures';

let dir: string;
let storage: SqliteStorage;
const policy = () => createAccessPolicy({ storage });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plantao-policy-'));
  storage = SqliteStorage.open(dir);
  await seedWorld(storage);
});
afterAll(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Live ids a user reads in a database, through the storage's own tag filter. */
async function visibleIds(userKey: (typeof USER_KEYS)[number], db: string): Promise<string[]> {
  const scope = await policy().readableScopes(principal(userKey), db, storage);
  const page = await storage.allDocs(db, allDocsQuery({ scope }));
  return page.rows.map((row) => row.key).sort();
}

describe('read matrix: each role reads exactly its scope', () => {
  const cases = USER_KEYS.flatMap((user) => MATRIX_DATABASES.map((db) => ({ user, db, expected: VISIBLE[user][db] })));

  it.each(cases)('$user in $db', async ({ user, db, expected }) => {
    expect(policy().canAccessDatabase(principal(user), db)).toBe(expected !== undefined);
    if (expected !== undefined) expect(await visibleIds(user, db)).toEqual([...expected].sort());
  });

  it('keeps unknown and system databases to server admins', () => {
    for (const user of USER_KEYS) {
      expect(policy().canAccessDatabase(principal(user), '_users')).toBe(user === 'admin');
      expect(policy().canAccessDatabase(principal(user), 'anything')).toBe(user === 'admin');
    }
  });

  it('lets an officer read a secret request they decided on, after the claim moved on', async () => {
    const officer = principal('otherOfficer');
    expect(await policy().readableScopes(officer, 'requests', storage)).not.toContain(`request:${REQ_SECRET_OTHER}`);
    const decision = makeDecision({ requestId: REQ_SECRET_OTHER, unitId: UNIT, officerId: officer.name, outcome: 'rejected', redsNumber: undefined, reasonCode: 'third_party', orientationText: 'Procure uma delegacia.' });
    await storage.bulkWrite('decisions', [{ id: documentIdOf(decision), deleted: false, body: decision as unknown as DocumentBody, attachments: {} }], {
      newEdits: true,
      scopeOf: (id, body) => policy().scopeOf('decisions', id, body),
      check: async () => ({ ok: true }),
    });
    expect(await policy().readableScopes(officer, 'requests', storage)).toContain(`request:${REQ_SECRET_OTHER}`);
  });
});
