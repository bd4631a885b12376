import { createHash } from 'node:crypto';
import type { Migration } from './migration';
import type { Db } from './open-database';

export class MigrationHistoryError extends Error {
  override name = 'MigrationHistoryError';
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
  applied_at: number;
}

export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql, 'utf8').digest('hex');
}

function ensureHistoryTable(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
}

export function readHistory(db: Db): AppliedMigration[] {
  ensureHistoryTable(db);
  return db
    .prepare('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version')
    .all() as AppliedMigration[];
}

function assertWellFormedList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationHistoryError(
        `Migration list is broken: expected version ${index + 1} at position ${index + 1}, found ${migration.version} (${migration.name})`,
      );
    }
  });
}

/** Throws MigrationHistoryError naming the first mismatch between the database's history and the code's list. */
export function verifyHistory(db: Db, migrations: readonly Migration[]): AppliedMigration[] {
  return checkHistory(readHistory(db), migrations, migrationChecksum);
}

/**
 * The check itself, for any engine's history rows (the hub's PostgreSQL keeps the checksum of its own SQL:
 * hub/db/postgres-migrate.ts).
 */
export function checkHistory<M extends Migration>(
  history: AppliedMigration[],
  migrations: readonly M[],
  checksum: (migration: M) => string,
): AppliedMigration[] {
  assertWellFormedList(migrations);
  const latest = migrations.length;
  history.forEach((row, index) => {
    if (row.version > latest) {
      throw new MigrationHistoryError(
        `Database schema version ${row.version} (${row.name}) is newer than this program knows (latest ${latest}); refusing to start`,
      );
    }
    if (row.version !== index + 1) {
      throw new MigrationHistoryError(
        `Migration history has a gap: found version ${row.version} at position ${index + 1}`,
      );
    }
    const known = migrations[row.version - 1]!;
    if (row.name !== known.name) {
      throw new MigrationHistoryError(
        `Migration ${row.version} is recorded as "${row.name}" but this program has "${known.name}"; refusing to start`,
      );
    }
    if (row.checksum !== checksum(known)) {
      throw new MigrationHistoryError(
        `Migration ${row.version} (${row.name}) has a different checksum than the one applied to this database; refusing to start`,
      );
    }
  });
  return history;
}

/**
 * Verifies the history, then applies the missing migrations up to `targetVersion`
 * (default: all), each in its own transaction together with its history row.
 */
export function migrate(
  db: Db,
  migrations: readonly Migration[],
  options: { targetVersion?: number; now?: () => number } = {},
): number[] {
  const history = verifyHistory(db, migrations);
  const target = options.targetVersion ?? migrations.length;
  const now = options.now ?? Date.now;
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const applied: number[] = [];
  for (const migration of migrations.slice(history.length, target)) {
    db.transaction(() => {
      migration.up(db);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) {
        throw new MigrationHistoryError(`Migration ${migration.version} left ${broken.length} foreign key violations`);
      }
      record.run(migration.version, migration.name, migrationChecksum(migration), now());
    })();
    applied.push(migration.version);
  }
  return applied;
}
