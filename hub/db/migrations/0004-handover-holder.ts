import type { Db } from '../../../core/db/open-database';

/**
 * Issue 17: a handover code opened once is bound to the member of staff who opened it (opened_by); only they
 * submit or close it, until they release it or an admin takes it over.
 */
export const version = 4;
export const name = 'hub-handover-holder';

export const sql = `
ALTER TABLE handovers ADD COLUMN opened_by TEXT REFERENCES staff (staff_id);
`;

/** This migration on PostgreSQL (hub/db/postgres-migrate.ts): BIGINT for SQLite's INTEGER, BYTEA for BLOB, no STRICT. */
export const postgres = `
ALTER TABLE handovers ADD COLUMN opened_by TEXT REFERENCES staff (staff_id);
`;

export function up(db: Db): void {
  db.exec(sql);
}
