import type { Db } from '../../../core/db/open-database';

/**
 * Times booked at the kiosks (issue 16), for the staff console: code, office, time, service and family name.
 * Rows go once their day is over (KioskBookingStore.purgePast).
 */
export const version = 2;
export const name = 'hub-kiosk-bookings';

export const sql = `
CREATE TABLE kiosk_bookings (
  code TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  service_id TEXT NOT NULL,
  office_name TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  family_name TEXT NOT NULL,
  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX kiosk_bookings_starts_at ON kiosk_bookings (starts_at);
`;

/** This migration on PostgreSQL (hub/db/postgres-migrate.ts): BIGINT for SQLite's INTEGER, BYTEA for BLOB, no STRICT. */
export const postgres = `
CREATE TABLE kiosk_bookings (
  code TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  service_id TEXT NOT NULL,
  office_name TEXT NOT NULL,
  starts_at BIGINT NOT NULL,
  family_name TEXT NOT NULL,
  cancelled BIGINT NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  created_at BIGINT NOT NULL
);
CREATE INDEX kiosk_bookings_starts_at ON kiosk_bookings (starts_at);
`;

export function up(db: Db): void {
  db.exec(sql);
}
