import type { Db } from '../../../core/db/open-database';

/**
 * Issue 20: each terminal's latest health report (no history), and the alerts raised from the reports and the
 * connections: one open alert per terminal and kind at most (raised once), cleared when the condition ends,
 * acknowledged by a member of staff (who and when; the audit log has the entry too).
 */
export const version = 7;
export const name = 'hub-terminal-health';

export const sql = `
CREATE TABLE terminal_health (
  terminal_id TEXT PRIMARY KEY REFERENCES terminals (terminal_id),
  report TEXT NOT NULL,
  received_at INTEGER NOT NULL
) STRICT;
CREATE TABLE terminal_alerts (
  alert_id TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  kind TEXT NOT NULL CHECK (kind IN ('offline', 'printer', 'outbox', 'disk', 'catalogue')),
  raised_at INTEGER NOT NULL,
  cleared_at INTEGER,
  acknowledged_at INTEGER,
  acknowledged_by TEXT REFERENCES staff (staff_id),
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
) STRICT;
CREATE UNIQUE INDEX terminal_alerts_open ON terminal_alerts (terminal_id, kind) WHERE cleared_at IS NULL;
`;

/** This migration on PostgreSQL (hub/db/postgres-migrate.ts): BIGINT for SQLite's INTEGER, BYTEA for BLOB, no STRICT. */
export const postgres = `
CREATE TABLE terminal_health (
  terminal_id TEXT PRIMARY KEY REFERENCES terminals (terminal_id),
  report TEXT NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE TABLE terminal_alerts (
  alert_id TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  kind TEXT NOT NULL CHECK (kind IN ('offline', 'printer', 'outbox', 'disk', 'catalogue')),
  raised_at BIGINT NOT NULL,
  cleared_at BIGINT,
  acknowledged_at BIGINT,
  acknowledged_by TEXT REFERENCES staff (staff_id),
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE UNIQUE INDEX terminal_alerts_open ON terminal_alerts (terminal_id, kind) WHERE cleared_at IS NULL;
`;

export function up(db: Db): void {
  db.exec(sql);
}
