import type { Db } from '../open-database';

/**
 * Which attachments the portal already has moves into a table of its own.
 * SQLite rewrites a whole row on UPDATE, so marking an attachment uploaded in
 * its own row rewrote the megabyte of sealed content with it (and, with
 * secure_delete, zeroed the old copy): one more megabyte of writes per
 * application for one timestamp. Now an upload is one small insert.
 */
export const version = 4;
export const name = 'attachment-uploads';

export const sql = `
CREATE TABLE outbox_attachment_uploads (
  attachment_id TEXT PRIMARY KEY REFERENCES outbox_attachments (id) ON DELETE CASCADE,
  uploaded_at INTEGER NOT NULL
) STRICT;
INSERT INTO outbox_attachment_uploads (attachment_id, uploaded_at)
  SELECT id, uploaded_at FROM outbox_attachments WHERE uploaded_at IS NOT NULL;
ALTER TABLE outbox_attachments DROP COLUMN uploaded_at;
`;

export function up(db: Db): void {
  db.exec(sql);
}
