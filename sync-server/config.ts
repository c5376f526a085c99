import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Argon2Cost } from './auth/password';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Origins allowed to call with credentials (the console's). */
  corsOrigins: string[];
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** The server's version, shown in `GET /`. */
  version: string;
  /** argon2id cost of password hashes; absent: OWASP's recommended setting. Tests pass a cheap one. */
  argon2?: Argon2Cost;
  /** The built browser console (`dist/web`), served at `/_console/`; absent: not served. */
  consoleDir?: string;
  /** PostgreSQL connection string (`DATABASE_URL`): storage shared by several server processes; absent: SQLite in `dataDir`. */
  databaseUrl?: string;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
const DEFAULT_CORS_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173', 'app://plantao'];

export const SERVER_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function integer(value: string, name: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min) throw new Error(`${name} must be an integer >= ${min}, got "${value}"`);
  return Number(value);
}

/** Flags win over environment variables, which win over defaults. */
export function loadConfig(argv: string[], env: Record<string, string | undefined>): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      data: { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      'max-body': { type: 'string' },
      'console-dir': { type: 'string' },
      'database-url': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const origins = values['cors-origin'] ?? env.PLANTAO_CORS_ORIGINS?.split(',');
  const consoleDir = values['console-dir'] ?? env.PLANTAO_CONSOLE_DIR;
  const databaseUrl = values['database-url'] ?? env.DATABASE_URL;
  return {
    host: values.host ?? env.PLANTAO_HOST ?? '127.0.0.1',
    port: integer(values.port ?? env.PLANTAO_PORT ?? '5984', 'port', 0),
    dataDir: resolve(values.data ?? env.PLANTAO_DATA_DIR ?? '.data/sync-server'),
    corsOrigins: (origins ?? DEFAULT_CORS_ORIGINS).map((origin) => origin.trim()).filter(Boolean),
    maxBodyBytes: integer(values['max-body'] ?? env.PLANTAO_MAX_BODY ?? String(DEFAULT_MAX_BODY_BYTES), 'max-body', 1),
    version: SERVER_VERSION,
    ...(consoleDir ? { consoleDir: resolve(consoleDir) } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
  };
}
