import type { Db } from '../../../core/db/open-database';

/**
 * Residents' feedback comments (issue 18), stripped of personal data on the kiosk and again before they are stored
 * here: the day, the service, the face, the text. For staff only; rows go after the configured time
 * (FeedbackStore.purgeOld). The comment id makes a comment sent twice one row.
 */
export const version = 6;
export const name = 'hub-feedback-comments';

export const sql = `
CREATE TABLE feedback_comments (
  comment_id TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  day TEXT NOT NULL,
  service_id TEXT,
  rating TEXT CHECK (rating IN ('good', 'okay', 'bad')),
  text TEXT NOT NULL,
  received_at INTEGER NOT NULL
) STRICT;
CREATE INDEX feedback_comments_received_at ON feedback_comments (received_at);
`;

/** This migration on PostgreSQL (hub/db/postgres-migrate.ts): BIGINT for SQLite's INTEGER, BYTEA for BLOB, no STRICT. */
export const postgres = `
CREATE TABLE feedback_comments (
  comment_id TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  day TEXT NOT NULL,
  service_id TEXT,
  rating TEXT CHECK (rating IN ('good', 'okay', 'bad')),
  text TEXT NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE INDEX feedback_comments_received_at ON feedback_comments (received_at);
`;

export function up(db: Db): void {
  db.exec(sql);
}
