import type { Db } from '../../../core/db/open-database';
import { rebuildUsageMonths } from '../../stores/usage-store';

/**
 * Issue 18: each terminal's usage totals per month and location (hub/open-data/month-sum.ts), kept up to date with
 * usage_days by UsageStore, so the dashboard and the monthly CSV read a row per terminal and month. A hub that has
 * days already gets them summed here.
 */
export const version = 8;
export const name = 'hub-usage-months';

export const sql = `
CREATE TABLE usage_months (
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  month TEXT NOT NULL,
  location TEXT NOT NULL,
  days INTEGER NOT NULL,
  totals TEXT NOT NULL,
  PRIMARY KEY (terminal_id, month, location)
) STRICT;
CREATE INDEX usage_months_month ON usage_months (month);
-- then: every row of usage_days summed into usage_months (UsageStore's rebuild)
`;

/**
 * This migration on PostgreSQL (hub/db/postgres-migrate.ts): BIGINT for SQLite's INTEGER, no STRICT. The region's
 * database is new (its hubs do not run on it yet), so there are no days to sum.
 */
export const postgres = `
CREATE TABLE usage_months (
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  month TEXT NOT NULL,
  location TEXT NOT NULL,
  days BIGINT NOT NULL,
  totals TEXT NOT NULL,
  PRIMARY KEY (terminal_id, month, location)
);
CREATE INDEX usage_months_month ON usage_months (month);
`;

export function up(db: Db): void {
  db.exec(sql);
  rebuildUsageMonths(db);
}
