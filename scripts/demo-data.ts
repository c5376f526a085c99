import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_DAYS, generateDemoData } from '../demo';
import { DATABASE_NAMES, databaseOf, type DatabaseName } from '../shared/schemas';

const USAGE = `uso: npm run demo:data -- [--requests N] [--cards M] [--seed S] [--out DIR] [--days D] [--now ISO]
  --requests  solicitações de registro a gerar (padrão 10000)
  --cards     processos de carteira de identidade (padrão 2000)
  --seed      semente inteira; mesma semente e mesmo --now geram arquivos idênticos (padrão 1)
  --out       pasta de saída, um <banco>.ndjson por banco (padrão .data/demo)
  --days      dias de envios antes de --now (padrão ${DEFAULT_DEMO_DAYS})
  --now       instante ISO 8601 do "agora" da demonstração (padrão: a hora cheia atual)`;

class UsageError extends Error {}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} deve ser um inteiro entre ${min} e ${max} (recebido: "${raw}")`);
  }
  return value;
}

function parseNow(raw: string | undefined): Date {
  if (raw === undefined) {
    const now = new Date();
    now.setUTCMinutes(0, 0, 0);
    return now;
  }
  const parsed = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(parsed.getTime())) throw new UsageError(`--now deve ser um instante ISO 8601, ex. 2026-03-01T12:00:00Z (recebido: "${raw}")`);
  return parsed;
}

function parseOptions(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        requests: { type: 'string' },
        cards: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        days: { type: 'string' },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    help: values.help ?? false,
    requests: integer('requests', values.requests, 10_000, 0, 50_000_000),
    cards: integer('cards', values.cards, 2_000, 0, 10_000_000),
    seed: integer('seed', values.seed, 1, -(2 ** 31), 2 ** 31 - 1),
    days: integer('days', values.days, DEFAULT_DEMO_DAYS, 1, 3650),
    now: parseNow(values.now),
    out: resolve(values.out ?? '.data/demo'),
  };
}

/** One NDJSON file per database; buffered synchronous writes keep memory flat for millions of lines. */
class NdjsonFiles {
  private readonly files = new Map<DatabaseName, { fd: number; buffer: string; count: number }>();

  constructor(dir: string) {
    for (const db of DATABASE_NAMES) this.files.set(db, { fd: openSync(join(dir, `${db}.ndjson`), 'w'), buffer: '', count: 0 });
  }

  write(db: DatabaseName, doc: unknown): void {
    const file = this.files.get(db) as { fd: number; buffer: string; count: number };
    file.buffer += `${JSON.stringify(doc)}\n`;
    file.count++;
    if (file.buffer.length >= 1 << 20) {
      writeSync(file.fd, file.buffer);
      file.buffer = '';
    }
  }

  /** Flushes and closes every file; returns the line count per database. */
  close(): Map<DatabaseName, number> {
    const counts = new Map<DatabaseName, number>();
    for (const [db, file] of this.files) {
      if (file.buffer) writeSync(file.fd, file.buffer);
      closeSync(file.fd);
      counts.set(db, file.count);
    }
    return counts;
  }
}

function main(argv: string[]): number {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`demo-data: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  mkdirSync(options.out, { recursive: true });
  const files = new NdjsonFiles(options.out);
  let counts: Map<DatabaseName, number>;
  try {
    for (const doc of generateDemoData(options).all) files.write(databaseOf(doc.type), doc);
  } finally {
    counts = files.close();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`demo-data: seed ${options.seed}, now ${options.now.toISOString()}, ${options.days} dias → ${options.out}: ${[...counts].map(([db, count]) => `${db} ${count}`).join(', ')} (${seconds} s)`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
