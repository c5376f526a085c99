import pino, { type Logger } from 'pino';
import { DATABASE_NAMES } from '../shared/schemas';
import { createAuthenticator } from './auth/cookie-authenticator';
import { bootstrapAdmin } from './auth/bootstrap';
import { createPasswordHasher, OWASP_ARGON2 } from './auth/password';
import { storageUserStore } from './auth/storage-user-store';
import { openBackend } from './backend';
import type { ServerConfig } from './config';
import { buildApp } from './http/app';
import { registerUserRoutes } from './http/routes/user-routes';
import { openIntake } from './intake/install-intake';
import { openMail } from './mail/install-mail';
import { createAccessPolicy } from './policy/plantao-policy';
import { openReds } from './reds/install-reds';

export interface StartOptions {
  config: ServerConfig;
  /** Read for `PLANTAO_ADMIN_PASSWORD` on first start. */
  env?: Record<string, string | undefined>;
  logger?: Logger;
}

export interface RunningServer {
  url: string;
  /** Stops accepting, ends live feeds, finishes in-flight writes, closes the storage. */
  close(): Promise<void>;
}

/** Opens the data directory (or PostgreSQL, with `databaseUrl`) and serves the API; used by the CLI, `npm start` and the tests. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const logger = options.logger ?? pino({ level: process.env.PLANTAO_LOG_LEVEL ?? 'info' });
  const backend = await openBackend(config);
  const { storage } = backend;
  const env = options.env ?? process.env;
  let reds: ReturnType<typeof openReds> | null = null;
  let intake: ReturnType<typeof openIntake> | null = null;
  let mail: ReturnType<typeof openMail> | null = null;
  const closeStores = async (): Promise<void> => {
    await (mail ? mail.close() : backend.outbox.close());
    await (intake ? intake.close() : backend.intake.close());
    await (reds ? reds.close() : backend.leases.close());
  };
  try {
    // Consoles replicate every database: a fresh server must serve them all before anyone writes.
    for (const db of DATABASE_NAMES) await storage.createDatabase(db);
    const store = storageUserStore(storage);
    const argon2 = config.argon2 ?? OWASP_ARGON2;
    const hasher = createPasswordHasher(argon2);
    if (await bootstrapAdmin(store, env, hasher)) {
      logger.info({ user: 'admin' }, 'bootstrap admin created');
    }
    const authenticator = createAuthenticator({ store, argon2 });
    reds = openReds({ storage, store: backend.leases, env });
    const policy = createAccessPolicy({ storage, redsIssueCheck: reds.issueCheck });
    const app = await buildApp({ storage, authenticator, policy, config, logger });
    registerUserRoutes(app, store, hasher);
    await reds.install(app, policy);
    const services = { storage, policy, env, logger };
    intake = openIntake({ ...services, store: backend.intake });
    await intake.install(app);
    mail = openMail({ ...services, store: backend.outbox });
    await mail.install(app);
    // The one line operators and scripts wait for.
    await app.listen({ host: config.host, port: config.port, listenTextResolver: (address) => `plantao sync server listening on ${address}` });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    let closing: Promise<void> | null = null;
    return {
      url: `http://${host}:${port}`,
      close: () =>
        (closing ??= (async () => {
          await app.close();
          await closeStores();
          await storage.close();
        })()),
    };
  } catch (error) {
    await closeStores().catch(() => undefined);
    await storage.close();
    throw error;
  }
}
