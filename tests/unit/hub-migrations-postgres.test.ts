import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_MIGRATIONS } from '../../hub/db/migrations';
import type { HubMigration } from '../../hub/db/hub-migration';
import { openHubDb } from '../../hub/db/open-hub-db';
import { parseDatabaseUrl } from '../../hub/db/database-url';
import { migratePostgres } from '../../hub/db/postgres-migrate';
import { removeDir, tempDir } from '../fixtures/core-harness';
import { startPostgres, type TestPostgres } from '../fixtures/postgres';

/**
 * The hub's numbered migrations on both engines (issue 20): applied to a real PostgreSQL and to SQLite, the two
 * schemas must have the same tables, columns (types mapped), NOT NULLs, primary keys and named indexes. A new hub
 * migration without its PostgreSQL half (`export const postgres`) fails here, naming the file.
 */

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop(), 30_000);

/** SQLite's declared type → PostgreSQL's, as the migrations' PostgreSQL halves write them. */
const TYPE_MAP: Record<string, string> = { INTEGER: 'bigint', TEXT: 'text', BLOB: 'bytea', REAL: 'double precision' };

interface Column {
  type: string;
  notNull: boolean;
}
interface Schema {
  tables: Record<string, { columns: Record<string, Column>; primaryKey: string[] }>;
  indexes: string[];
}

function sqliteSchema(dataDir: string): Schema {
  const db = openHubDb(dataDir, Date.now);
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    const schema: Schema = { tables: {}, indexes: [] };
    for (const { name } of tables) {
      const info = db.prepare(`PRAGMA table_info(${name})`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      schema.tables[name] = {
        columns: Object.fromEntries(
          info.map((column) => [
            column.name,
            // A primary key column is NOT NULL on PostgreSQL; SQLite (STRICT or not) enforces it only for INTEGER.
            {
              type: TYPE_MAP[column.type] ?? `unmapped ${column.type}`,
              notNull: column.notnull === 1 || column.pk > 0,
            },
          ]),
        ),
        primaryKey: info
          .filter((column) => column.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((column) => column.name),
      };
    }
    schema.indexes = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    return schema;
  } finally {
    db.close();
  }
}

async function postgresSchema(url: string): Promise<Schema> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
    const keys = await client.query<{ table_name: string; column_name: string }>(
      `SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu
           ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
        WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY' ORDER BY kcu.ordinal_position`,
    );
    // Indexes created by CREATE INDEX, not the ones behind PRIMARY KEY and UNIQUE constraints (SQLite's autoindexes).
    const indexes = await client.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes i WHERE schemaname = 'public'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY indexname`,
    );
    const schema: Schema = { tables: {}, indexes: indexes.rows.map((row) => row.indexname) };
    for (const row of columns.rows) {
      const table = (schema.tables[row.table_name] ??= { columns: {}, primaryKey: [] });
      table.columns[row.column_name] = { type: row.data_type, notNull: row.is_nullable === 'NO' };
    }
    for (const row of keys.rows) schema.tables[row.table_name]!.primaryKey.push(row.column_name);
    return schema;
  } finally {
    await client.end();
  }
}

describe('hub migrations on PostgreSQL', () => {
  it('every hub migration has its PostgreSQL half', () => {
    const missing = HUB_MIGRATIONS.filter((migration) => !migration.postgres?.trim()).map(
      (migration) =>
        `hub/db/migrations/${String(migration.version).padStart(4, '0')}-*.ts (${migration.name}) has no ` +
        '`export const postgres`: write the same schema change in PostgreSQL SQL (INTEGER → BIGINT, BLOB → BYTEA, no STRICT)',
    );
    expect(missing).toEqual([]);
  });

  it('gives the same tables, columns, keys and indexes as on SQLite, with the same numbered history', async () => {
    const url = await postgres.createDatabase();
    const applied = await migratePostgres(parseDatabaseUrl(url), HUB_MIGRATIONS);
    expect(applied).toEqual(HUB_MIGRATIONS.map((migration) => migration.version));
    const dataDir = tempDir('hub-schema-');
    try {
      const expected = sqliteSchema(dataDir);
      const actual = await postgresSchema(url);
      // Table by table, so a difference names the table (and the migration that made it).
      expect(Object.keys(actual.tables).sort()).toEqual(Object.keys(expected.tables).sort());
      for (const [name, table] of Object.entries(expected.tables))
        expect({ table: name, ...actual.tables[name] }).toEqual({ table: name, ...table });
      expect(actual.indexes).toEqual(expected.indexes);
    } finally {
      removeDir(dataDir);
    }
    const history = await query<{ version: number; name: string }>(
      url,
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(history.map((row) => [Number(row.version), row.name])).toEqual(
      HUB_MIGRATIONS.map((migration) => [migration.version, migration.name]),
    );
    // Started again (a second instance, a restart): nothing to apply.
    expect(await migratePostgres(parseDatabaseUrl(url), HUB_MIGRATIONS)).toEqual([]);
  });

  it('applies the migrations once when two instances start at the same time', async () => {
    const url = await postgres.createDatabase();
    const [a, b] = await Promise.all([
      migratePostgres(parseDatabaseUrl(url), HUB_MIGRATIONS),
      migratePostgres(parseDatabaseUrl(url), HUB_MIGRATIONS),
    ]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(HUB_MIGRATIONS.map((migration) => migration.version));
  });

  it('refuses a migration without PostgreSQL SQL, naming it, and applies nothing', async () => {
    const url = await postgres.createDatabase();
    const next: HubMigration = { version: HUB_MIGRATIONS.length + 1, name: 'hub-next', sql: 'SELECT 1', up: () => {} };
    await expect(migratePostgres(parseDatabaseUrl(url), [...HUB_MIGRATIONS, next])).rejects.toThrow(
      new RegExp(
        `No PostgreSQL SQL for hub/db/migrations/${String(next.version).padStart(4, '0')}-\\*\\.ts \\(hub-next\\)`,
      ),
    );
    expect(await query(url, "SELECT to_regclass('schema_migrations') AS t")).toEqual([{ t: null }]);
  });

  it('refuses a database whose recorded migration differs from the code, and one from a newer program', async () => {
    const url = await postgres.createDatabase();
    await migratePostgres(parseDatabaseUrl(url), HUB_MIGRATIONS.slice(0, 2));
    const edited = HUB_MIGRATIONS.map((migration, index) =>
      index === 1 ? { ...migration, postgres: `${migration.postgres!}\n-- edited` } : migration,
    );
    await expect(migratePostgres(parseDatabaseUrl(url), edited)).rejects.toThrow(
      /Migration 2 \(hub-kiosk-bookings\) has a different checksum/,
    );
    await expect(migratePostgres(parseDatabaseUrl(url), HUB_MIGRATIONS.slice(0, 1))).rejects.toThrow(
      /schema version 2 .* is newer than this program knows/,
    );
    // A failing migration leaves no trace: its tables and its history row are rolled back together.
    const broken = [
      ...HUB_MIGRATIONS.slice(0, 2),
      { ...HUB_MIGRATIONS[2]!, postgres: 'CREATE TABLE x (a BIGINT); SELECT nonsense' },
    ];
    await expect(migratePostgres(parseDatabaseUrl(url), broken)).rejects.toThrow(/Migration 3 .* failed on PostgreSQL/);
    expect(await query(url, "SELECT to_regclass('x') AS t, (SELECT MAX(version) FROM schema_migrations) AS v")).toEqual(
      [{ t: null, v: '2' }],
    );
  });
});

async function query<Row>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}
