import { randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, makeFilesPrivate, prepareSqliteFile, sqliteFiles } from '../core/fs/private-files';

export const APPOINTMENTS_DB_FILE = 'appointments.db';
const SCHEMA_VERSION = 2;

export type ProcessStatus = 'reserved' | 'preconfirmed' | 'confirmed' | 'deleted';

export interface ProcessRow {
  process_id: number;
  auth_key: string;
  office_id: number;
  service_id: number;
  service_count: number;
  slot_count: number;
  timestamp: number;
  status: ProcessStatus;
  family_name: string;
  email: string;
  telephone: string;
  custom_textfield: string;
  custom_textfield2: string;
  created_at: number;
  /** Milliseconds; a reserved or preconfirmed process past it holds nothing any more. */
  expires_at: number | null;
}

/**
 * The reference server's own SQLite: one row per process (ZMS's word for an appointment), with the time
 * it occupies. A reservation or preconfirmation past its `expires_at` is treated as gone everywhere.
 */
const SCHEMA = `
CREATE TABLE processes (
  process_id INTEGER PRIMARY KEY,
  auth_key TEXT NOT NULL,
  office_id INTEGER NOT NULL,
  service_id INTEGER NOT NULL,
  service_count INTEGER NOT NULL,
  slot_count INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('reserved', 'preconfirmed', 'confirmed', 'deleted')),
  family_name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  telephone TEXT NOT NULL DEFAULT '',
  custom_textfield TEXT NOT NULL DEFAULT '',
  custom_textfield2 TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER
) STRICT;
CREATE INDEX processes_by_slot ON processes (office_id, timestamp);
`;

/** Version 2: walk-in waiting numbers (./walk-in.ts), one row per number given, per office and local day. */
const WAITING_NUMBERS = `
CREATE TABLE waiting_numbers (
  scope_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  number INTEGER NOT NULL,
  process_id INTEGER NOT NULL UNIQUE,
  arrival_time INTEGER NOT NULL,
  PRIMARY KEY (scope_id, day, number)
) STRICT;
`;

export function isActive(row: Pick<ProcessRow, 'status' | 'expires_at'>, nowMs: number): boolean {
  if (row.status === 'confirmed') return true;
  if (row.status === 'deleted') return false;
  return row.expires_at !== null && row.expires_at > nowMs;
}

export class ProcessStore {
  readonly db: Database.Database;
  private readonly activeInRange: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly insertRow: Database.Statement;

  constructor(dataDir: string) {
    // Holds family names: 0600 in a 0700 folder, like the kiosk's own data.
    ensurePrivateDir(dataDir);
    const file = path.join(dataDir, APPOINTMENTS_DB_FILE);
    prepareSqliteFile(file);
    this.db = new Database(file);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      // Another server process on the same file waits for the write lock rather than failing at once.
      this.db.pragma('busy_timeout = 5000');
      const version = Number(this.db.pragma('user_version', { simple: true }));
      if (version === 0 || version === 1) {
        this.db.transaction(() => {
          if (version === 0) this.db.exec(SCHEMA);
          this.db.exec(WAITING_NUMBERS);
          this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
        })();
      } else if (version !== SCHEMA_VERSION) {
        throw new Error(`${APPOINTMENTS_DB_FILE} has schema version ${version}, this server knows ${SCHEMA_VERSION}`);
      }
      makeFilesPrivate(...sqliteFiles(file));
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.activeInRange = this.db.prepare(
      `SELECT office_id, timestamp, slot_count FROM processes
       WHERE office_id = ? AND timestamp >= ? AND timestamp < ?
         AND (status = 'confirmed' OR (status IN ('reserved', 'preconfirmed') AND expires_at > ?))`,
    );
    this.byId = this.db.prepare('SELECT * FROM processes WHERE process_id = ?');
    this.insertRow = this.db.prepare(
      `INSERT INTO processes (process_id, auth_key, office_id, service_id, service_count, slot_count, timestamp,
         status, created_at, expires_at)
       VALUES (@process_id, @auth_key, @office_id, @service_id, @service_count, @slot_count, @timestamp,
         'reserved', @created_at, @expires_at)`,
    );
  }

  /** How many active processes occupy each slot start of an office in [from, to) (seconds). */
  occupancy(officeId: number, from: number, to: number, slotSeconds: number, nowMs: number): Map<number, number> {
    const counts = new Map<number, number>();
    // A process that started a few slots before `from` may still reach into the range.
    const rows = this.activeInRange.all(officeId, from - 16 * slotSeconds, to, nowMs) as Array<
      Pick<ProcessRow, 'timestamp' | 'slot_count'>
    >;
    for (const row of rows) {
      for (let step = 0; step < row.slot_count; step += 1) {
        const slot = row.timestamp + step * slotSeconds;
        counts.set(slot, (counts.get(slot) ?? 0) + 1);
      }
    }
    return counts;
  }

  get(processId: number): ProcessRow | undefined {
    return this.byId.get(processId) as ProcessRow | undefined;
  }

  /** Inserts a new reservation with a fresh process id and auth key; call inside a write transaction. */
  insertReservation(
    row: Omit<
      ProcessRow,
      | 'process_id'
      | 'auth_key'
      | 'status'
      | 'family_name'
      | 'email'
      | 'telephone'
      | 'custom_textfield'
      | 'custom_textfield2'
    >,
  ): ProcessRow {
    for (;;) {
      // Six digits, as ZMS's process numbers in the recorded answers (101002): short enough to read off a receipt.
      const processId = randomInt(100_000, 1_000_000);
      if (this.get(processId)) continue;
      this.insertRow.run({ ...row, process_id: processId, auth_key: newAuthKey() });
      return this.get(processId)!;
    }
  }

  update(processId: number, fields: Partial<Omit<ProcessRow, 'process_id'>>): ProcessRow {
    const names = Object.keys(fields);
    if (names.length > 0) {
      this.db
        .prepare(`UPDATE processes SET ${names.map((name) => `${name} = @${name}`).join(', ')} WHERE process_id = @id`)
        .run({ ...fields, id: processId });
    }
    return this.get(processId)!;
  }

  /** Every process, newest time last (the demo page and tests). */
  all(): ProcessRow[] {
    return this.db.prepare('SELECT * FROM processes ORDER BY timestamp, process_id').all() as ProcessRow[];
  }

  close(): void {
    this.db.close();
  }
}

/** ZMS auth keys are short hex strings; eight digits here, so a booking code is not guessed under the rate limit. */
/** Four hex digits, as ZMS's authKey in the recorded answers ("fb43", "cafe"). */
export function newAuthKey(): string {
  return randomBytes(2).toString('hex');
}
