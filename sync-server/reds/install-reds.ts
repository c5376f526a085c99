import type { FastifyInstance } from 'fastify';
import { DEFAULT_REDS_LEASE_CONFIG, RedsLeaseConfigSchema, type RedsLeaseConfig } from '../../shared/reds';
import type { AccessPolicy } from '../policy/access-policy';
import type { RedsIssueCheck } from '../policy/reds-writes';
import type { Storage } from '../storage/storage';
import type { LeaseStore } from './lease-store-port';
import { redsRoutes } from './reds-routes';
import { RedsService } from './reds-service';

/** `PLANTAO_REDS_BLOCK_SIZE`, `…_MAX_BLOCK_SIZE`, `…_LEASE_MINUTES`, `…_MAX_ACTIVE_LEASES` override the defaults. */
export function redsConfigFromEnv(env: Record<string, string | undefined>): RedsLeaseConfig {
  const read = (name: string, fallback: number) => (env[name] === undefined ? fallback : Number(env[name]));
  return RedsLeaseConfigSchema.parse({
    defaultBlockSize: read('PLANTAO_REDS_BLOCK_SIZE', DEFAULT_REDS_LEASE_CONFIG.defaultBlockSize),
    maxBlockSize: read('PLANTAO_REDS_MAX_BLOCK_SIZE', DEFAULT_REDS_LEASE_CONFIG.maxBlockSize),
    leaseMinutes: read('PLANTAO_REDS_LEASE_MINUTES', DEFAULT_REDS_LEASE_CONFIG.leaseMinutes),
    maxActiveLeases: read('PLANTAO_REDS_MAX_ACTIVE_LEASES', DEFAULT_REDS_LEASE_CONFIG.maxActiveLeases),
  });
}

export interface RedsInstallation {
  /** For `createAccessPolicy({ redsIssueCheck })`. */
  issueCheck: RedsIssueCheck;
  /** Adds the `/_reds` routes (before `listen`) and publishes leases a crash left unwritten. */
  install(app: FastifyInstance, policy: Pick<AccessPolicy, 'scopeOf'>): Promise<void>;
  close(): Promise<void>;
}

/** REDS leasing over the storage's lease store (SQLite or PostgreSQL). */
export function openReds(options: { storage: Storage; store: LeaseStore; env: Record<string, string | undefined> }): RedsInstallation {
  const { store } = options;
  let service: RedsService | null = null;
  return {
    issueCheck: (context) => {
      if (!service) throw new Error('REDS routes are not installed');
      return service.issueCheck(context);
    },
    async install(app, policy) {
      service = new RedsService({ store, storage: options.storage, policy, config: redsConfigFromEnv(options.env) });
      await service.start();
      await app.register(redsRoutes(service));
    },
    close: async () => store.close(),
  };
}
