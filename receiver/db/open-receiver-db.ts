import path from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, makeFilesPrivate, prepareSqliteFile, sqliteFiles } from '../../core/fs/private-files';

export type ReceiverDb = Database.Database;

export const RECEIVER_DB_FILE = 'receiver.db';
const SCHEMA_VERSION = 1;

/**
 * The receiver's own database: key pairs, submissions with their ciphertexts, the event log and the
 * subscriber's decisions. Content stays as received (compact JWE); listing decrypts on demand, so no
 * plaintext application ever rests on disk, even here.
 */
const SCHEMA = `
CREATE TABLE keys (
  kid TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('encryption', 'subscriber-signing', 'service-signing')),
  private_jwk TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  retired_at INTEGER
) STRICT;
CREATE UNIQUE INDEX keys_one_current_per_purpose ON keys (purpose) WHERE retired_at IS NULL;

CREATE TABLE submissions (
  submission_id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  destination_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  service_identifier TEXT NOT NULL,
  service_name TEXT,
  announced_attachments TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('incomplete', 'submitted', 'accepted', 'rejected')),
  encrypted_metadata TEXT,
  encrypted_data TEXT,
  created_at INTEGER NOT NULL,
  submitted_at INTEGER,
  decided_at INTEGER,
  problems TEXT
) STRICT;
CREATE INDEX submissions_by_case ON submissions (case_id);

CREATE TABLE attachments (
  submission_id TEXT NOT NULL REFERENCES submissions (submission_id),
  attachment_id TEXT NOT NULL,
  encrypted TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  PRIMARY KEY (submission_id, attachment_id)
) STRICT;

CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  event TEXT NOT NULL,
  token TEXT NOT NULL,
  issued_at INTEGER NOT NULL
) STRICT;
CREATE INDEX events_by_case ON events (case_id, seq);
`;

/** Opens <dataDir>/receiver.db: the file, its -wal and -shm 0600, the folder 0700 (core/fs/private-files.ts). */
export function openReceiverDb(dataDir: string): ReceiverDb {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, RECEIVER_DB_FILE);
  prepareSqliteFile(file);
  const db = new Database(file);
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
    // NORMAL: in WAL mode a crash of this process loses nothing; only a power cut could cost the last
    // commits. Enough for the reference receiver, and it halves its syncs, which share a small test
    // machine's disk with the kiosk under test.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version === 0) {
      db.transaction(() => {
        db.exec(SCHEMA);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })();
    } else if (version !== SCHEMA_VERSION) {
      throw new Error(`receiver.db has schema version ${version}, this receiver knows ${SCHEMA_VERSION}`);
    }
    makeFilesPrivate(...sqliteFiles(file));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
