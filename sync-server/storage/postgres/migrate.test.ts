import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresCluster } from '../../../test/support/postgres';
import { listMigrations } from '../sqlite/migrate';
import { migratePostgres, PG_MIGRATIONS_DIR } from './migrate';
import { createPool } from './pool';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => cluster?.stop());

describe('PostgreSQL migrations', () => {
  it('are numbered without gaps from 001', () => {
    expect(listMigrations(PG_MIGRATIONS_DIR).map((migration) => migration.version)).toEqual(
      listMigrations(PG_MIGRATIONS_DIR).map((_, index) => index + 1),
    );
  });

  it('apply once each, also when processes start together, and only new ones later', async () => {
    const url = await cluster.createDatabase();
    const [a, b] = [createPool(url), createPool(url)];
    try {
      const runs = await Promise.all([migratePostgres(a), migratePostgres(b)]);
      const all = listMigrations(PG_MIGRATIONS_DIR).map((migration) => migration.name);
      expect(runs.flat().sort()).toEqual(all);
      expect(await migratePostgres(a)).toEqual([]);
      const dir = mkdtempSync(join(tmpdir(), 'plantao-pg-migrations-'));
      try {
        for (const migration of listMigrations(PG_MIGRATIONS_DIR)) writeFileSync(join(dir, migration.name), migration.sql);
        const next = `${String(all.length + 1).padStart(3, '0')}-extra.sql`;
        writeFileSync(join(dir, next), 'CREATE TABLE extra (id INTEGER PRIMARY KEY);');
        expect(await migratePostgres(b, dir)).toEqual([next]);
        const recorded = await a.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
        expect(recorded.rows.map((row) => row.name)).toEqual([...all, next]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('roll a failing migration back entirely', async () => {
    const pool = createPool(await cluster.createDatabase());
    const dir = mkdtempSync(join(tmpdir(), 'plantao-pg-migrations-'));
    try {
      writeFileSync(join(dir, '001-broken.sql'), 'CREATE TABLE half (id INTEGER); SELECT no_such_function();');
      await expect(migratePostgres(pool, dir)).rejects.toThrow(/no_such_function/);
      const tables = await pool.query("SELECT 1 FROM information_schema.tables WHERE table_name IN ('half')");
      expect(tables.rowCount).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await pool.end();
    }
  });
});
