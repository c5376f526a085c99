import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { listMigrations, migrate, MIGRATIONS_DIR } from './migrate';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('migrations', () => {
  it('ships numbered migrations starting at 001', () => {
    const versions = listMigrations().map((migration) => migration.version);
    expect(versions[0]).toBe(1);
    expect(versions).toEqual(versions.map((_, index) => index + 1));
  });

  it('applies pending migrations in order, once, and records them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plantao-migrations-'));
    dirs.push(dir);
    writeFileSync(join(dir, '002-second.sql'), 'INSERT INTO steps (name) VALUES (\'second\');');
    writeFileSync(join(dir, '001-first.sql'), 'CREATE TABLE steps (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO steps (name) VALUES (\'first\');');
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, dir)).toEqual(['001-first.sql', '002-second.sql']);
    expect(migrate(db, dir)).toEqual([]);
    writeFileSync(join(dir, '003-third.sql'), 'INSERT INTO steps (name) VALUES (\'third\');');
    expect(migrate(db, dir)).toEqual(['003-third.sql']);
    expect(db.prepare('SELECT name FROM steps ORDER BY id').all()).toEqual([{ name: 'first' }, { name: 'second' }, { name: 'third' }]);
    expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1, name: '001-first.sql' },
      { version: 2, name: '002-second.sql' },
      { version: 3, name: '003-third.sql' },
    ]);
  });

  it('rolls a failing migration back and stops there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plantao-migrations-'));
    dirs.push(dir);
    writeFileSync(join(dir, '001-first.sql'), 'CREATE TABLE steps (name TEXT);');
    writeFileSync(join(dir, '002-broken.sql'), 'INSERT INTO steps VALUES (\'half\'); INSERT INTO nowhere VALUES (1);');
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, dir)).toThrow();
    expect(db.prepare('SELECT COUNT(*) AS n FROM steps').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
  });

  it('migrates the real schema from scratch', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, MIGRATIONS_DIR).length).toBeGreaterThan(0);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(tables).toEqual(expect.arrayContaining([{ name: 'documents' }, { name: 'doc_tags' }, { name: 'local_docs' }]));
  });
});
