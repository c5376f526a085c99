/**
 * Rows of one `_bulk_docs` are checked in order against the storage as the earlier rows left it: a console
 * that decided twice offline pushes both decisions together, and the second is judged by the first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Decision, decisionDocId } from '../../shared/schemas';
import { makeDecision } from '../../shared/rules/test-fixtures';
import { REASONS } from '../../sync-server/policy/reasons';
import { REQ_UNCLAIMED, UNIT, USERS } from '../../sync-server/policy/test-fixtures';
import { startSeededServer, type SeededServer } from './support/seeded-server';

let server: SeededServer;
beforeAll(async () => {
  server = await startSeededServer();
});
afterAll(async () => server?.dispose());

const decision = (sequence: number, outcome: Decision['outcome']) => {
  const explained = outcome === 'on_hold' || outcome === 'rejected' ? { reasonCode: 'missing_info', orientationText: 'Envie o boletim do banco.' } : {};
  const doc = makeDecision({
    requestId: REQ_UNCLAIMED,
    unitId: UNIT,
    sequence,
    outcome,
    officerId: USERS.officer.name,
    officerName: USERS.officer.displayName,
    redsNumber: undefined,
    ...explained,
  });
  return { _id: decisionDocId(REQ_UNCLAIMED, sequence), ...doc };
};

describe('decisions in one _bulk_docs', () => {
  it('checks each decision against the ones before it in the same batch', async () => {
    const reply = await server.as('officer')('/decisions/_bulk_docs', {
      json: { docs: [decision(1, 'on_hold'), decision(2, 'resumed'), decision(3, 'rejected'), decision(4, 'on_hold')] },
    });
    expect(reply.status).toBe(201);
    const rows = (await reply.json()) as { id: string; ok?: boolean; error?: string; reason?: string }[];
    expect(rows.map((row) => row.ok ?? row.reason)).toEqual([true, true, true, REASONS.decisionFinal]);

    const stored = (await (await server.as('supervisor')('/decisions/_all_docs', { json: { keys: [1, 2, 3, 4].map((n) => decisionDocId(REQ_UNCLAIMED, n)) } })).json()) as {
      rows: { key: string; error?: string }[];
    };
    expect(stored.rows.map((row) => row.error ?? 'stored')).toEqual(['stored', 'stored', 'stored', 'not_found']);
  });

  it('keeps what the batch committed: a later push meets the final decision', async () => {
    const reply = await server.as('officer')('/decisions/_bulk_docs', { json: { docs: [decision(4, 'resumed')] } });
    expect(((await reply.json()) as { reason: string }[])[0]?.reason).toBe(REASONS.decisionFinal);
  });
});
