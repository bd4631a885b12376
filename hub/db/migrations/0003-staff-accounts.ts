import type { Db } from '../../../core/db/open-database';

/**
 * Staff account lifecycle (issue 17): an account can be disabled (its sessions end, it cannot log in) and an
 * admin's password reset makes its owner choose a new one at the next login. `hub_keys` holds the hub's own
 * signing keys (the known-device cookie key), made on first use.
 */
export const version = 3;
export const name = 'hub-staff-accounts';

export const sql = `
ALTER TABLE staff ADD COLUMN disabled_at INTEGER;
ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
ALTER TABLE staff ADD COLUMN password_changed_at INTEGER;

CREATE TABLE hub_keys (
  name TEXT PRIMARY KEY,
  secret BLOB NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
`;

/** This migration on PostgreSQL (hub/db/postgres-migrate.ts): BIGINT for SQLite's INTEGER, BYTEA for BLOB, no STRICT. */
export const postgres = `
ALTER TABLE staff ADD COLUMN disabled_at BIGINT;
ALTER TABLE staff ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
ALTER TABLE staff ADD COLUMN password_changed_at BIGINT;

CREATE TABLE hub_keys (
  name TEXT PRIMARY KEY,
  secret BYTEA NOT NULL,
  created_at BIGINT NOT NULL
);
`;

export function up(db: Db): void {
  db.exec(sql);
}
