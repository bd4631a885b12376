import type { Db } from '../open-database';

/**
 * The draft moves into the session's own row: all answers of a session sealed
 * as one ciphertext next to its position and activity time. An answer then
 * changes one row, so its commit writes one database page to the WAL instead
 * of two (session_answers + sessions) — the autosave commit is the cost of one
 * fsync, close to the disk's floor.
 *
 * Drafts stored under the old layout cannot be re-sealed here (a migration has
 * no access to the master key), so sessions still in progress are ended, as
 * start-up does with any session it cannot resume. Submitted sessions carry no
 * answers and stay.
 */
export const version = 2;
export const name = 'draft-in-session-row';

export const sql = `
DELETE FROM session_answers;
DROP TABLE session_answers;
DELETE FROM sessions WHERE status = 'in_progress';
DELETE FROM data_keys WHERE purpose = 'session';
ALTER TABLE sessions ADD COLUMN draft_ciphertext BLOB;
ALTER TABLE sessions ADD COLUMN draft_nonce BLOB CHECK ((draft_ciphertext IS NULL) = (draft_nonce IS NULL));
`;

export function up(db: Db): void {
  db.exec(sql);
}
