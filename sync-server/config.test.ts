import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES, loadConfig } from './config';

describe('server configuration', () => {
  it('takes flags over environment over defaults', () => {
    const env = { PLANTAO_HOST: '0.0.0.0', PLANTAO_PORT: '6000', PLANTAO_DATA_DIR: '/tmp/env-data', PLANTAO_CORS_ORIGINS: 'http://a, http://b' };
    expect(loadConfig([], env)).toMatchObject({
      host: '0.0.0.0',
      port: 6000,
      dataDir: '/tmp/env-data',
      corsOrigins: ['http://a', 'http://b'],
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    });
    const flags = ['--host', '127.0.0.1', '--port', '0', '--data', '/tmp/flag-data', '--cors-origin', 'http://c', '--max-body', '1024'];
    expect(loadConfig(flags, env)).toMatchObject({ host: '127.0.0.1', port: 0, dataDir: '/tmp/flag-data', corsOrigins: ['http://c'], maxBodyBytes: 1024 });
    expect(loadConfig([], {})).toMatchObject({ host: '127.0.0.1', port: 5984 });
    expect(loadConfig([], {}).consoleDir).toBeUndefined();
    expect(loadConfig([], { PLANTAO_CONSOLE_DIR: '/tmp/env-web' }).consoleDir).toBe('/tmp/env-web');
    expect(loadConfig(['--console-dir', '/tmp/flag-web'], { PLANTAO_CONSOLE_DIR: '/tmp/env-web' }).consoleDir).toBe('/tmp/flag-web');
  });

  it('selects PostgreSQL by DATABASE_URL or --database-url, SQLite otherwise', () => {
    expect(loadConfig([], {}).databaseUrl).toBeUndefined();
    expect(loadConfig([], { DATABASE_URL: 'postgres://env/db' }).databaseUrl).toBe('postgres://env/db');
    expect(loadConfig(['--database-url', 'postgres://flag/db'], { DATABASE_URL: 'postgres://env/db' }).databaseUrl).toBe('postgres://flag/db');
  });

  it('rejects malformed values and unknown flags', () => {
    expect(() => loadConfig(['--port', 'abc'], {})).toThrow(/port/);
    expect(() => loadConfig(['--max-body', '0'], {})).toThrow(/max-body/);
    expect(() => loadConfig(['--verbose'], {})).toThrow();
  });
});
