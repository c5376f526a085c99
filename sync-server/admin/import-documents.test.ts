import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentIdOf } from '../../shared/schemas';
import { makeDecision, makeRequest } from '../../shared/rules/test-fixtures';
import { createAccessPolicy } from '../policy/plantao-policy';
import { secretUnitTag, unitTag } from '../policy/scope-tags';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage';
import { importDocuments } from './import-documents';

const withId = <T extends Parameters<typeof documentIdOf>[0]>(doc: T) => ({ _id: documentIdOf(doc), ...doc });

describe('importDocuments', () => {
  let dir: string;
  let storage: SqliteStorage;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plantao-import-'));
    storage = SqliteStorage.open(dir);
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const tagsOf = async (db: string, id: string) => (await storage.getDocuments(db, [id], 'all')).get(id)?.tags ?? [];

  it('tags the decision of a secret request with the request’s narrow scope, even when the decision comes first in its batch', async () => {
    const secret = makeRequest({ protocol: 'DV-2025-00000001', secret: true });
    const open = makeRequest({ protocol: 'DV-2025-00000002' });
    const secretDecision = makeDecision({ requestId: secret.protocol });
    const openDecision = makeDecision({ requestId: open.protocol, redsNumber: '2025-000000102-001' });
    const summary = await importDocuments(storage, createAccessPolicy({ storage }), [withId(secretDecision), withId(secret), withId(open), withId(openDecision)]);

    expect(summary.refused.size).toBe(0);
    expect(summary.written).toBe(4);
    const secretTags = await tagsOf('decisions', documentIdOf(secretDecision));
    expect(secretTags).toContain(secretUnitTag('dv-mg'));
    expect(secretTags).not.toContain(unitTag('dv-mg'));
    expect(await tagsOf('decisions', documentIdOf(openDecision))).toContain(unitTag('dv-mg'));
  });

  it('refuses a document that fails its schema or sits under another _id, and imports the rest', async () => {
    const good = makeRequest({ protocol: 'DV-2025-00000003' });
    const summary = await importDocuments(storage, createAccessPolicy({ storage }), [
      withId(good),
      { ...withId(makeRequest({ protocol: 'DV-2025-00000004' })), _id: 'DV-2025-00000005' },
      { _id: 'x', type: 'request', schemaVersion: 1 },
    ]);
    expect(summary.written).toBe(1);
    expect([...summary.refused.keys()].sort()).toEqual(['DV-2025-00000005', 'x']);
  });
});
