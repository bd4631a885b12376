import type { Db } from '../open-database';

/**
 * Sessions, their encrypted answers, wrapped data keys and the outbox.
 * No column holds personal data in plaintext: answers and outbox payloads are
 * AES-256-GCM ciphertext under per-session / per-submission keys, which are
 * stored only wrapped by the master key ("crypto-shredding" deletes the key row).
 */
export const version = 1;
export const name = 'initial';

export const sql = `
CREATE TABLE data_keys (
  id TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('session', 'outbox')),
  wrapped_key BLOB NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL,
  language TEXT NOT NULL,
  -- Where the resident is (step id / check / confirmation): JSON, never personal data.
  position TEXT NOT NULL CHECK (json_valid(position)),
  -- Step ids the resident has passed with "Weiter": JSON array.
  completed_steps TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(completed_steps)),
  status TEXT NOT NULL CHECK (status IN ('in_progress', 'submitted')),
  -- NULL once submitted: the draft key is destroyed at submission.
  key_id TEXT REFERENCES data_keys (id),
  reference TEXT,
  submitted_at INTEGER,
  started_at INTEGER NOT NULL,
  last_activity_at INTEGER NOT NULL,
  CHECK ((status = 'in_progress') = (key_id IS NOT NULL)),
  CHECK ((status = 'submitted') = (reference IS NOT NULL AND submitted_at IS NOT NULL))
) STRICT;

CREATE TABLE session_answers (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  ciphertext BLOB NOT NULL,
  nonce BLOB NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, field)
) STRICT, WITHOUT ROWID;

-- Submitted applications waiting for the portal. Status values beyond 'queued'
-- arrive with the delivery worker (a later migration).
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  service_id TEXT NOT NULL,
  schema_uri TEXT NOT NULL,
  language TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued',
  key_id TEXT NOT NULL REFERENCES data_keys (id),
  payload_ciphertext BLOB NOT NULL,
  payload_nonce BLOB NOT NULL
) STRICT;

CREATE INDEX outbox_status ON outbox (status, created_at);
CREATE INDEX sessions_key ON sessions (key_id);
CREATE INDEX outbox_key ON outbox (key_id);
`;

export function up(db: Db): void {
  db.exec(sql);
}
