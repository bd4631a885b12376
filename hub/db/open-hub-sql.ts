import type { Logger } from '../../core/types';
import type { PostgresSettings } from './database-url';
import { HUB_MIGRATIONS } from './migrations';
import { openHubDb } from './open-hub-db';
import { PostgresClient, type PostgresClientOptions } from './postgres-client';
import { migratePostgres } from './postgres-migrate';
import type { SqlClient } from './sql-client';
import { SqliteClient } from './sqlite-client';

export type HubDatabase =
  | { engine: 'sqlite'; dataDir: string }
  | { engine: 'postgres'; settings: PostgresSettings; options?: PostgresClientOptions };

/**
 * The hub's database behind the asynchronous SQL interface, migrated: <dataDir>/hub.db (the default) or the
 * region's PostgreSQL (`--database-url`). Not yet used by createHub: the stores move over one by one (ARCHITECTURE.md,
 * "The region").
 */
export async function openHubSql(database: HubDatabase, now: () => number, logger?: Logger): Promise<SqlClient> {
  if (database.engine === 'sqlite') return new SqliteClient(openHubDb(database.dataDir, now));
  const applied = await migratePostgres(database.settings, HUB_MIGRATIONS, { now });
  for (const version of applied) logger?.info('db.migrated', { version });
  return new PostgresClient(database.settings, { ...database.options, ...(logger ? { logger } : {}) });
}
