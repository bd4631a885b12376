import { statement } from '../db/statements';
import type { Db } from '../../core/db/open-database';
import type { Staff } from '../../contract/hub';
import { randomToken, sha256 } from '../secrets';
import type { StaffStore } from './staff-store';

export const IDLE_TIMEOUT_MS = 15 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 8 * 60 * 60_000;

export interface ConsoleSession {
  tokenHash: string;
  staff: Staff;
  csrfToken: string;
  /** After an admin's password reset: only the password change, the session and logout are open. */
  mustChangePassword: boolean;
}

interface SessionRow {
  token_hash: string;
  staff_id: string;
  csrf_token: string;
  created_at: number;
  last_seen: number;
}

/**
 * Staff sessions. The cookie holds 32 random bytes; the table only their
 * SHA-256, so a copy of the database opens no session. Each login makes a new
 * token; a session ends after 15 minutes idle or 8 hours in all.
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly staff: StaffStore,
    private readonly now: () => number,
  ) {}

  create(staffId: string): { token: string; csrfToken: string; tokenHash: string } {
    const token = randomToken(32);
    const csrfToken = randomToken(32);
    const tokenHash = sha256(token);
    const now = this.now();
    statement(
      this.db,
      'INSERT INTO console_sessions (token_hash, staff_id, csrf_token, created_at, last_seen) VALUES (?, ?, ?, ?, ?)',
    ).run(tokenHash, staffId, csrfToken, now, now);
    return { token, csrfToken, tokenHash };
  }

  /** The live session of a cookie token, touched (idle timer restarted) unless `touch` is false; expired ones are deleted. */
  lookup(token: string | undefined, touch = true): ConsoleSession | undefined {
    if (!token || token.length > 100) return undefined;
    const tokenHash = sha256(token);
    return this.lookupHash(tokenHash, touch);
  }

  lookupHash(tokenHash: string, touch = true): ConsoleSession | undefined {
    const row = statement(this.db, 'SELECT * FROM console_sessions WHERE token_hash = ?').get(tokenHash) as
      SessionRow | undefined;
    if (!row) return undefined;
    const now = this.now();
    if (now - row.last_seen >= IDLE_TIMEOUT_MS || now - row.created_at >= ABSOLUTE_TIMEOUT_MS) {
      this.delete(tokenHash);
      return undefined;
    }
    const account = this.staff.account(row.staff_id);
    // A disabled account's sessions are deleted when it is disabled; this is the second lock.
    if (!account || account.disabled) return undefined;
    if (touch) statement(this.db, 'UPDATE console_sessions SET last_seen = ? WHERE token_hash = ?').run(now, tokenHash);
    const { staffId, username, displayName, role, mustChangePassword } = account;
    return {
      tokenHash,
      staff: { staffId, username, displayName, role },
      csrfToken: row.csrf_token,
      mustChangePassword,
    };
  }

  /** Ends every session of one account (but `keep`): returns the ended ones' hashes, for their sockets. */
  deleteForStaff(staffId: string, keep?: string): string[] {
    const rows = statement(this.db, 'SELECT token_hash FROM console_sessions WHERE staff_id = ?').all(staffId) as {
      token_hash: string;
    }[];
    const ended = rows.map((row) => row.token_hash).filter((hash) => hash !== keep);
    for (const hash of ended) this.delete(hash);
    return ended;
  }

  delete(tokenHash: string): void {
    statement(this.db, 'DELETE FROM console_sessions WHERE token_hash = ?').run(tokenHash);
  }

  /** Deletes expired sessions; returns how many. */
  sweep(): number {
    const now = this.now();
    return statement(this.db, 'DELETE FROM console_sessions WHERE last_seen <= ? OR created_at <= ?').run(
      now - IDLE_TIMEOUT_MS,
      now - ABSOLUTE_TIMEOUT_MS,
    ).changes;
  }
}
