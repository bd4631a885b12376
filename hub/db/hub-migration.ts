import type { Migration } from '../../core/db/migration';

/**
 * A hub migration: its SQLite SQL (`sql`, run by `up`, never edited once released) and, for the region's
 * PostgreSQL, the same schema change in PostgreSQL's dialect (`postgres`). A module without `postgres` cannot be
 * applied to PostgreSQL (hub/db/postgres-migrate.ts says which one), and tests/unit/hub-migrations-postgres.test.ts
 * fails until it has one that gives the same tables and columns.
 */
export interface HubMigration extends Migration {
  postgres?: string;
}

export const migrationFile = (migration: Migration) =>
  `hub/db/migrations/${String(migration.version).padStart(4, '0')}-*.ts (${migration.name})`;
