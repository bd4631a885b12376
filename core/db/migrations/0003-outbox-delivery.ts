import type { Db } from '../open-database';

/**
 * Delivery to the portal (FIT-Connect). Every step the sync worker takes is a
 * recorded state, so a crash resumes from the last durable step:
 *
 *   queued → announced (submission_id, case_id kept: never announced twice)
 *          → attachments uploaded one by one (outbox_attachments.uploaded_at)
 *          → submitted → accepted | rejected;  parked = a permanent failure for staff.
 *
 * The outbox table is rebuilt (SQLite cannot add a CHECK to a column) with
 * the status values spelled out. After `accept`, the content and its key are
 * destroyed; the row keeps only reference, service and status until purged.
 * Attachments (the application as PDF) are stored sealed with the entry's key,
 * so a retry uploads the very bytes whose hash the metadata announces.
 */
export const version = 3;
export const name = 'outbox-delivery';

export const sql = `
CREATE TABLE outbox_delivery (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  service_id TEXT NOT NULL,
  schema_uri TEXT NOT NULL,
  language TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'announced', 'submitted', 'accepted', 'rejected', 'parked')),
  status_changed_at INTEGER NOT NULL,
  -- NULL once the portal accepted and the content was destroyed.
  key_id TEXT REFERENCES data_keys (id),
  payload_ciphertext BLOB,
  payload_nonce BLOB,
  destination_id TEXT,
  submission_id TEXT UNIQUE,
  case_id TEXT,
  -- The destination key the announced submission's parts are encrypted for; a rotated key means announcing anew.
  encryption_kid TEXT,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  -- Why the entry is parked or rejected: problem type, title and status only, never personal data.
  problem TEXT CHECK (problem IS NULL OR json_valid(problem)),
  CHECK ((key_id IS NULL) = (payload_ciphertext IS NULL) AND (payload_ciphertext IS NULL) = (payload_nonce IS NULL)),
  CHECK (key_id IS NOT NULL OR status = 'accepted'),
  CHECK ((submission_id IS NULL) = (case_id IS NULL) AND (case_id IS NULL) = (encryption_kid IS NULL)),
  CHECK (submission_id IS NOT NULL OR status IN ('queued', 'parked'))
) STRICT;

INSERT INTO outbox_delivery (id, reference, service_id, schema_uri, language, created_at, status, status_changed_at,
    key_id, payload_ciphertext, payload_nonce)
  SELECT id, reference, service_id, schema_uri, language, created_at, 'queued', created_at,
    key_id, payload_ciphertext, payload_nonce FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_delivery RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_key ON outbox (key_id);

CREATE TABLE outbox_attachments (
  -- The attachment UUID announced to the portal.
  id TEXT PRIMARY KEY,
  outbox_id TEXT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('form', 'attachment', 'report')),
  mime_type TEXT NOT NULL,
  -- SHA-512 of the plaintext, hex, as announced in the metadata's contentStructure.
  sha512 TEXT NOT NULL CHECK (length(sha512) = 128),
  ciphertext BLOB NOT NULL,
  nonce BLOB NOT NULL,
  uploaded_at INTEGER
) STRICT;
CREATE INDEX outbox_attachments_entry ON outbox_attachments (outbox_id);
`;

export function up(db: Db): void {
  db.exec(sql);
}
