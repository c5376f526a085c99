import type { Logger } from 'pino';
import type { Transporter } from 'nodemailer';
import { citizenEmail } from '../../shared/rules/citizen-email';
import { DecisionSchema, OccurrenceRequestSchema, type MailStatus } from '../../shared/schemas';
import type { Storage } from '../storage/storage';
import { DECISIONS_DB } from './outbox-feed';
import type { OutboxStorePort } from './outbox-store-port';

export interface MailerConfig {
  from: string;
  portalUrl: string;
  /** Attempts before a message is `failed`. */
  maxAttempts: number;
  /** Wait after the first failure; doubled after each next one, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

/** A failure that retrying cannot fix (no address, a decision that sends nothing). */
class Undeliverable extends Error {}

const BATCH = 20;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Sends the outbox over SMTP one message at a time: queued → sending → sent, or retrying with exponential
 * backoff (attempts and the last error kept) → failed after `maxAttempts`. The message id is derived from the
 * decision id, so a copy sent twice after a crash mid-send is recognisable as the same message.
 */
export class Mailer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly options: {
      store: OutboxStorePort;
      storage: Storage;
      transport: Pick<Transporter, 'sendMail' | 'close'>;
      config: MailerConfig;
      logger: Logger;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async start(): Promise<void> {
    const interrupted = await this.options.store.resumeInterrupted(this.now());
    if (interrupted > 0) this.options.logger.warn({ interrupted }, 'mail: messages interrupted mid-send will be tried again');
    this.kick();
  }

  /** Sends what is due now and schedules the next due message. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        let batch: MailStatus[];
        while (!this.stopped && (batch = await this.options.store.due(this.now(), BATCH)).length > 0) {
          for (const message of batch) if (!this.stopped) await this.attempt(message);
        }
      } while (this.again && !this.stopped);
    })()
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'mail: outbox run failed'))
      .finally(() => {
        this.running = null;
        this.schedule().catch((error: unknown) => this.options.logger.error({ err: error }, 'mail: scheduling failed'));
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.options.transport.close();
  }

  private async schedule(): Promise<void> {
    if (this.stopped) return;
    const next = await this.options.store.nextDueAt();
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    if (!next) return;
    this.timer = setTimeout(() => this.kick(), Math.min(Math.max(next.getTime() - this.now().getTime(), 0), MAX_TIMER_MS));
    this.timer.unref();
  }

  private async attempt(message: MailStatus): Promise<void> {
    const { store, config, logger } = this.options;
    await store.markSending(message.decisionId, this.now());
    const attempts = message.attempts + 1;
    try {
      const email = await this.compose(message);
      await this.options.transport.sendMail({
        from: config.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        messageId: `<${message.decisionId.replace(/[^A-Za-z0-9.-]/g, '.')}@plantao>`,
      });
      await store.markSent(message.decisionId, this.now());
      logger.info({ decision: message.decisionId, attempts }, 'mail: sent');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof Undeliverable || attempts >= config.maxAttempts) {
        await store.markFailed(message.decisionId, reason, this.now());
        logger.warn({ decision: message.decisionId, attempts }, 'mail: failed');
        return;
      }
      const wait = Math.min(config.backoffMs * 2 ** (attempts - 1), config.maxBackoffMs);
      await store.markRetrying(message.decisionId, reason, new Date(this.now().getTime() + wait), this.now());
      logger.info({ decision: message.decisionId, attempts, wait }, 'mail: will retry');
    }
  }

  private async compose(message: MailStatus) {
    const decision = DecisionSchema.safeParse(await this.options.storage.getBody(DECISIONS_DB, message.decisionId));
    if (!decision.success) throw new Undeliverable('Decisão não encontrada no servidor.');
    // A request can reach the server after its decision (replication order): retried, not failed.
    const request = OccurrenceRequestSchema.safeParse(await this.options.storage.getBody('requests', message.requestId));
    if (!request.success) throw new Error('Solicitação não encontrada no servidor.');
    const email = citizenEmail(decision.data, request.data, { portalUrl: this.options.config.portalUrl });
    if (!email.ok) throw new Undeliverable(email.error);
    return email.value;
  }
}
