import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AccessPolicy } from '../policy/access-policy';
import type { Storage } from '../storage/storage';
import type { IntakeStorePort } from './intake-store-port';
import { intakeRoutes } from './intake-routes';
import { IntakeService } from './intake-service';
import { intakeRoutingFromEnv } from './routing';

export interface IntakeInstallation {
  /** Adds `POST /api/intake/requests` (before `listen`) and writes submissions a crash left unstored. */
  install(app: FastifyInstance): Promise<void>;
  close(): Promise<void>;
}

/** Citizen-portal intake over the storage's intake store (SQLite or PostgreSQL). */
export function openIntake(options: {
  storage: Storage;
  policy: AccessPolicy;
  store: IntakeStorePort;
  env: Record<string, string | undefined>;
  logger: Logger;
}): IntakeInstallation {
  const { store } = options;
  return {
    async install(app) {
      const service = new IntakeService({ storage: options.storage, policy: options.policy, store, routing: intakeRoutingFromEnv(options.env) });
      const repaired = await service.repair();
      if (repaired > 0) options.logger.warn({ repaired }, 'intake: stored requests a crash left unwritten');
      await app.register(intakeRoutes(service));
    },
    close: async () => store.close(),
  };
}
