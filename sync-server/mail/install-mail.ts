import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { AccessPolicy } from '../policy/access-policy';
import type { Storage } from '../storage/storage';
import { Mailer, type MailerConfig } from './mailer';
import { OutboxFeed } from './outbox-feed';
import { outboxRoutes } from './outbox-routes';
import type { OutboxStorePort } from './outbox-store-port';

/**
 * `PLANTAO_SMTP_URL` (e.g. `smtps://user:pass@smtp.example:465`; unset: messages stay queued),
 * `PLANTAO_MAIL_FROM`, `PLANTAO_PORTAL_URL`, `PLANTAO_MAIL_MAX_ATTEMPTS` (8), `PLANTAO_MAIL_BACKOFF_MS` (30 s),
 * `PLANTAO_MAIL_MAX_BACKOFF_MS` (1 h).
 */
export function mailerConfigFromEnv(env: Record<string, string | undefined>): MailerConfig {
  const number = (name: string, fallback: number): number => {
    const value = env[name] === undefined ? fallback : Number(env[name]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
    return value;
  };
  return {
    from: env.PLANTAO_MAIL_FROM ?? 'Delegacia Virtual <nao-responda@delegaciavirtual.localhost>',
    portalUrl: env.PLANTAO_PORTAL_URL ?? 'https://delegaciavirtual.localhost',
    maxAttempts: Math.max(1, number('PLANTAO_MAIL_MAX_ATTEMPTS', 8)),
    backoffMs: number('PLANTAO_MAIL_BACKOFF_MS', 30_000),
    maxBackoffMs: number('PLANTAO_MAIL_MAX_BACKOFF_MS', 3_600_000),
  };
}

export interface MailInstallation {
  /** Adds `GET /api/outbox` (before `listen`), catches up with the decisions feed and starts the mailer. */
  install(app: FastifyInstance): Promise<void>;
  /** Stops following decisions, lets an in-flight send finish. */
  close(): Promise<void>;
}

/** The citizen e-mail outbox over the storage's outbox store (SQLite or PostgreSQL). */
export function openMail(options: {
  storage: Storage;
  policy: AccessPolicy;
  store: OutboxStorePort;
  env: Record<string, string | undefined>;
  logger: Logger;
}): MailInstallation {
  const { store } = options;
  const smtpUrl = options.env.PLANTAO_SMTP_URL;
  const mailer = smtpUrl
    ? new Mailer({ store, storage: options.storage, transport: nodemailer.createTransport(smtpUrl), config: mailerConfigFromEnv(options.env), logger: options.logger })
    : null;
  const feed = new OutboxFeed(options.storage, store, () => mailer?.kick(), (error) =>
    options.logger.error({ err: error }, 'mail: reading the decisions feed failed; retried at the next decision'),
  );
  return {
    async install(app) {
      await app.register(outboxRoutes({ store, storage: options.storage, policy: options.policy }));
      await feed.start();
      if (mailer) await mailer.start();
      else options.logger.warn('mail: PLANTAO_SMTP_URL is not set; citizen e-mails stay queued');
    },
    async close() {
      await feed.stop();
      await mailer?.stop();
      await store.close();
    },
  };
}
