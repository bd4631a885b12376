import type { Db } from '../../../core/db/open-database';

/**
 * The hub's tables. Secrets are stored only as hashes (session tokens,
 * enrolment codes, device secrets, handover codes); passwords as argon2id.
 * Audit rows carry ids and action names, never a name or an answer.
 */
export const version = 1;
export const name = 'hub-initial';

export const sql = `
CREATE TABLE staff (
  staff_id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('staff', 'admin')),
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE console_sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff (staff_id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
) STRICT;
CREATE INDEX console_sessions_staff ON console_sessions (staff_id);

CREATE TABLE terminals (
  terminal_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  location TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  enrol_code_hash TEXT UNIQUE,
  enrol_expires_at INTEGER,
  secret_hash TEXT,
  revoked_at INTEGER,
  last_contact INTEGER,
  app_version TEXT,
  outbox_backlog INTEGER,
  activity TEXT
) STRICT;

CREATE TABLE help_requests (
  request_id TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  reason TEXT NOT NULL,
  activity TEXT NOT NULL,
  since TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'accepted', 'resolved', 'cancelled')),
  assigned_staff_id TEXT REFERENCES staff (staff_id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX help_requests_open ON help_requests (state) WHERE state IN ('waiting', 'accepted');

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  staff_id TEXT,
  action TEXT NOT NULL,
  terminal_id TEXT,
  subject_id TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused'))
) STRICT;

CREATE TABLE handovers (
  handover_id TEXT PRIMARY KEY,
  code_hash TEXT NOT NULL UNIQUE,
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  service_id TEXT NOT NULL,
  language TEXT NOT NULL,
  -- Compact JWE for the hub's handover key; NULL once submitted (the draft is gone).
  sealed_draft TEXT,
  created_at INTEGER NOT NULL,
  opened_at INTEGER,
  submitted_at INTEGER,
  reference TEXT
) STRICT;
`;

export function up(db: Db): void {
  db.exec(sql);
}
