import { createHash } from 'node:crypto';
import pg from 'pg';
import { checkHistory, MigrationHistoryError, type AppliedMigration } from '../../core/db/migrate';
import type { PostgresSettings } from './database-url';
import { migrationFile, type HubMigration } from './hub-migration';

/** Any two hub instances starting at once: one migrates, the other waits on this lock and then finds nothing to do. */
const MIGRATION_LOCK = 'buergerkiosk-hub-migrations';

export const postgresChecksum = (migration: HubMigration) =>
  createHash('sha256')
    .update(migration.postgres ?? '', 'utf8')
    .digest('hex');

/**
 * Applies the hub's numbered migrations to PostgreSQL, the same numbers as on SQLite, each in its own transaction
 * with its row in schema_migrations (the checksum of its PostgreSQL SQL). Refuses, naming it, a migration without
 * PostgreSQL SQL, and a database whose history does not match the code. Returns the versions applied.
 */
export async function migratePostgres(
  settings: PostgresSettings,
  migrations: readonly HubMigration[],
  options: { targetVersion?: number; now?: () => number } = {},
): Promise<number[]> {
  const target = options.targetVersion ?? migrations.length;
  const missing = migrations.slice(0, target).filter((migration) => !migration.postgres?.trim());
  if (missing.length > 0)
    throw new MigrationHistoryError(
      `No PostgreSQL SQL for ${missing.map(migrationFile).join(', ')}: add \`export const postgres = \`…\`\` next to its SQLite \`sql\``,
    );
  const now = options.now ?? Date.now;
  const client = new pg.Client({ ...settings.connection, application_name: 'buergerkiosk-hub-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version BIGINT PRIMARY KEY,
      name TEXT NOT NULL,
      checksum TEXT NOT NULL,
      applied_at BIGINT NOT NULL
    )`);
    const rows = await client.query<{ version: string; name: string; checksum: string; applied_at: string }>(
      'SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version',
    );
    const history: AppliedMigration[] = rows.rows.map((row) => ({
      version: Number(row.version),
      name: row.name,
      checksum: row.checksum,
      applied_at: Number(row.applied_at),
    }));
    checkHistory(history, migrations, postgresChecksum);
    const applied: number[] = [];
    for (const migration of migrations.slice(history.length, target)) {
      await client.query('BEGIN');
      try {
        await client.query(migration.postgres!);
        await client.query(
          'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)',
          [migration.version, migration.name, postgresChecksum(migration), now()],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new MigrationHistoryError(
          `Migration ${migration.version} (${migration.name}) failed on PostgreSQL: ${(error as Error).message}`,
          { cause: error },
        );
      }
      applied.push(migration.version);
    }
    return applied;
  } finally {
    // Closing the session releases the advisory lock too.
    await client.end();
  }
}
