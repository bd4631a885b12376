import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MigrationHistoryError, readHistory } from '../../core/db/migrate';
import { MIGRATIONS } from '../../core/db/migrations';
import type { Migration } from '../../core/db/migration';
import { openDatabase } from '../../core/db/open-database';
import { openTestCore, removeDir, tempDir } from '../fixtures/core-harness';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

/** A data dir whose database was created by the real core, then edited with `tamper`. */
function tamperedDataDir(tamper: (db: Database.Database) => void): string {
  const kiosk = openTestCore();
  kiosk.close();
  dirs.push(kiosk.dataDir);
  const db = new Database(join(kiosk.dataDir, 'kiosk.db'));
  tamper(db);
  db.close();
  return kiosk.dataDir;
}

describe('migration history', () => {
  it('re-opens an untouched database without re-applying anything', () => {
    const dataDir = tamperedDataDir(() => {});
    const kiosk = openTestCore({ dataDir });
    kiosk.close();
    expect(kiosk.logger.lines.filter((line) => line.event === 'db.migrated')).toEqual([]);
  });

  it.each([
    [
      'a different checksum',
      "UPDATE schema_migrations SET checksum = 'abc' WHERE version = 1",
      /Migration 1 \(initial\) has a different checksum/,
    ],
    [
      'a different name',
      "UPDATE schema_migrations SET name = 'first' WHERE version = 1",
      /recorded as "first" but this program has "initial"/,
    ],
    [
      'a newer version than the code knows',
      `INSERT INTO schema_migrations VALUES (${MIGRATIONS.length + 1}, 'future', 'x', 1)`,
      new RegExp(
        `schema version ${MIGRATIONS.length + 1} \\(future\\) is newer than this program knows \\(latest ${MIGRATIONS.length}\\)`,
      ),
    ],
    [
      'a gap',
      `UPDATE schema_migrations SET version = ${MIGRATIONS.length + 1} WHERE version = 1`,
      /newer than this program knows|gap/,
    ],
  ])('refuses to start on %s', (_name, sql, message) => {
    const dataDir = tamperedDataDir((db) => db.exec(sql));
    expect(() => openTestCore({ dataDir })).toThrow(MigrationHistoryError);
    expect(() => openTestCore({ dataDir })).toThrow(message);
  });

  it('refuses an unknown version inside the known range', () => {
    const dir = tempDir('kiosk-migration-');
    dirs.push(dir);
    const db = openDatabase(join(dir, 'kiosk.db'));
    const one: Migration = {
      version: 1,
      name: 'one',
      sql: 'CREATE TABLE a (x INTEGER) STRICT',
      up: (d) => d.exec('CREATE TABLE a (x INTEGER) STRICT'),
    };
    const two: Migration = {
      version: 2,
      name: 'two',
      sql: 'CREATE TABLE b (x INTEGER) STRICT',
      up: (d) => d.exec('CREATE TABLE b (x INTEGER) STRICT'),
    };
    migrate(db, [one, two]);
    db.exec('DELETE FROM schema_migrations WHERE version = 1');
    expect(() => migrate(db, [one, two])).toThrow(/gap/);
    db.close();
  });

  it('applies each migration in a transaction: a failing one leaves no trace', () => {
    const dir = tempDir('kiosk-migration-');
    dirs.push(dir);
    const db = openDatabase(join(dir, 'kiosk.db'));
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE half (x INTEGER) STRICT; then fail',
      up(d) {
        d.exec('CREATE TABLE half (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(readHistory(db).map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a migration list that is out of order', () => {
    const dir = tempDir('kiosk-migration-');
    dirs.push(dir);
    const db = openDatabase(join(dir, 'kiosk.db'));
    const skipping = MIGRATIONS.length + 2;
    const ahead: Migration = { version: skipping, name: 'ahead', sql: '', up: () => {} };
    expect(() => migrate(db, [...MIGRATIONS, ahead])).toThrow(`expected version ${MIGRATIONS.length + 1}`);
    db.close();
  });
});
