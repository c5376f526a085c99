import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRate, runSimulation } from '../../scripts/simulate';
import { RequestProtocolSchema } from '../../shared/schemas';
import { UNIT, USERS } from '../../sync-server/policy/test-fixtures';
import { startWorldServer, WORLD_PASSWORD, type WorldServer } from './support/world-server';

let server: WorldServer;
beforeAll(async () => {
  server = await startWorldServer({ PLANTAO_INTAKE_UNIT: UNIT });
});
afterAll(async () => server?.dispose());

describe('npm run simulate', () => {
  it('feeds demo submissions through the intake endpoint until the count', async () => {
    const result = await runSimulation({
      server: server.url,
      user: USERS.intake.name,
      password: WORLD_PASSWORD,
      ratePerMinute: 6000,
      count: 8,
      seed: 3,
    });
    expect(result).toMatchObject({ accepted: 8, refused: 0 });
    for (const protocol of result.protocols) {
      expect(RequestProtocolSchema.parse(protocol)).toBe(protocol);
      expect((await server.as('admin')(`/requests/${protocol}`)).status).toBe(200);
    }
  });

  it('reads the rate as N/min', () => {
    expect(parseRate('30/min')).toBe(30);
    expect(parseRate('12')).toBe(12);
    expect(() => parseRate('rápido')).toThrow();
  });
});
