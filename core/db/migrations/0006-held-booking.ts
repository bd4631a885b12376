import type { Db } from '../open-database';

/**
 * A time held at the appointment system while the resident enters their name (issue 16). Written before the
 * reserve call answers the screen, so that a crash never leaves the time dangling: at start-up a held time
 * whose session is gone is released. The booking code (process id and key) is sealed with the master key;
 * the row goes when the time is confirmed or released.
 */
export const version = 6;
export const name = 'held-booking';

export const sql = `
CREATE TABLE held_bookings (
  id TEXT PRIMARY KEY,
  session_id TEXT,
  service_id TEXT NOT NULL,
  held_at INTEGER NOT NULL,
  ciphertext BLOB NOT NULL,
  nonce BLOB NOT NULL
);
`;

export function up(db: Db): void {
  db.exec(sql);
}
