import type { Db } from '../../../core/db/open-database';

/**
 * Issue 18: the open data last published (hub/open-data/publisher.ts), gzipped as served: the dashboard's figures
 * and the monthly CSV, with their metadata's facts. A hub that restarts serves them at once while its worker
 * computes the figures again, instead of holding the first request for a year of suppression.
 */
export const version = 9;
export const name = 'hub-open-data-published';

export const sql = `
CREATE TABLE open_data_published (
  scope TEXT PRIMARY KEY,
  computed_at INTEGER NOT NULL,
  meta TEXT NOT NULL,
  dashboard BLOB NOT NULL,
  monthly_csv BLOB NOT NULL
) STRICT;
`;

/** This migration on PostgreSQL (hub/db/postgres-migrate.ts): BIGINT for INTEGER, BYTEA for BLOB, no STRICT. */
export const postgres = `
CREATE TABLE open_data_published (
  scope TEXT PRIMARY KEY,
  computed_at BIGINT NOT NULL,
  meta TEXT NOT NULL,
  dashboard BYTEA NOT NULL,
  monthly_csv BYTEA NOT NULL
);
`;

export function up(db: Db): void {
  db.exec(sql);
}
