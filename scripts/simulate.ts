import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { demoSubmission } from '../demo';
import { IntakeAcceptedSchema, IntakeRefusedSchema } from '../shared/schemas';

export interface SimulationOptions {
  server: string;
  user: string;
  password: string;
  /** Submissions per minute. */
  ratePerMinute: number;
  /** Stop after this many accepted submissions (unbounded when undefined). */
  count?: number;
  seed: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface SimulationResult {
  accepted: number;
  refused: number;
  protocols: string[];
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Feeds the intake endpoint with the demo generator's submissions at a steady rate, as the citizen portal
 * would. A failed send (network, 5xx) is retried with the same submission: the portal id makes it idempotent.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const log = options.log ?? (() => undefined);
  const authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  const interval = 60_000 / options.ratePerMinute;
  const result: SimulationResult = { accepted: 0, refused: 0, protocols: [] };
  for (let index = 0; !options.signal?.aborted && (options.count === undefined || result.accepted < options.count); index++) {
    const started = Date.now();
    const submission = demoSubmission(options.seed, index, new Date(started).toISOString());
    for (;;) {
      try {
        const response = await fetch(new URL('/api/intake/requests', options.server), {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify(submission),
        });
        const body: unknown = await response.json();
        if (response.ok) {
          const { protocol } = IntakeAcceptedSchema.parse(body);
          result.accepted++;
          result.protocols.push(protocol);
          log(`${protocol} ${submission.natureCode} (${response.status})`);
        } else if (response.status === 400) {
          result.refused++;
          log(`recusada: ${IntakeRefusedSchema.parse(body).fields.map((field) => `${field.path}: ${field.message}`).join('; ')}`);
        } else if (response.status < 500) {
          throw new Error(`intake answered ${response.status}: ${JSON.stringify(body)}`);
        } else {
          log(`servidor respondeu ${response.status}; tentando de novo`);
          await sleep(1_000, options.signal);
          continue;
        }
        break;
      } catch (error) {
        if (!(error instanceof TypeError) || options.signal?.aborted) throw error;
        log(`sem conexão (${error.message}); tentando de novo`);
        await sleep(1_000, options.signal);
      }
    }
    await sleep(Math.max(0, interval - (Date.now() - started)), options.signal);
  }
  return result;
}

/** `--rate 30/min` or `--rate 30`. */
export function parseRate(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(?:\/min)?$/.exec(text.trim());
  const rate = match ? Number(match[1]) : NaN;
  if (!(rate > 0)) throw new Error(`--rate must look like 30/min, got ${text}`);
  return rate;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '10/min' },
      server: { type: 'string', default: 'http://127.0.0.1:5984' },
      user: { type: 'string', default: 'intake' },
      password: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const password = values.password ?? process.env.PLANTAO_INTAKE_PASSWORD;
  if (!password) throw new Error('--password (or PLANTAO_INTAKE_PASSWORD) is required');
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const result = await runSimulation({
    server: values.server,
    user: values.user,
    password,
    ratePerMinute: parseRate(values.rate),
    ...(values.count ? { count: Number(values.count) } : {}),
    seed: values.seed ? Number(values.seed) : Date.now() % 2 ** 31,
    signal: controller.signal,
    log: (line) => console.log(line),
  });
  console.error(`${result.accepted} accepted, ${result.refused} refused`);
}

// `npm run simulate -- --rate N/min --server URL --user intake --password …`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
