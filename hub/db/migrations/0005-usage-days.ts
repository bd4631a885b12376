import type { Db } from '../../../core/db/open-database';

/**
 * Issue 18: each terminal's anonymous usage totals per day (contract/usage.ts UsageDay, counts only), the highest
 * revision the terminal sent, with the terminal's location at the time (the open data are per location).
 */
export const version = 5;
export const name = 'hub-usage-days';

export const sql = `
CREATE TABLE usage_days (
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  day TEXT NOT NULL,
  revision INTEGER NOT NULL,
  location TEXT NOT NULL,
  report TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (terminal_id, day)
) STRICT;
CREATE INDEX usage_days_day ON usage_days (day);
`;

/** This migration on PostgreSQL (hub/db/postgres-migrate.ts): BIGINT for SQLite's INTEGER, BYTEA for BLOB, no STRICT. */
export const postgres = `
CREATE TABLE usage_days (
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  day TEXT NOT NULL,
  revision BIGINT NOT NULL,
  location TEXT NOT NULL,
  report TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  PRIMARY KEY (terminal_id, day)
);
CREATE INDEX usage_days_day ON usage_days (day);
`;

export function up(db: Db): void {
  db.exec(sql);
}
