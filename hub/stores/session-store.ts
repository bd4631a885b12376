import type { SqlClient } from '../db/sql-client';
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
 * Staff sessions, on SQLite or PostgreSQL (hub/db/sql-client.ts). The cookie holds 32 random bytes; the table only their
 * SHA-256, so a copy of the database opens no session. Each login makes a new
 * token; a session ends after 15 minutes idle or 8 hours in all.
 */
export class SessionStore {
  constructor(
    private readonly sql: SqlClient,
    private readonly staff: StaffStore,
    private readonly now: () => number,
  ) {}

  async create(staffId: string): Promise<{ token: string; csrfToken: string; tokenHash: string }> {
    const token = randomToken(32);
    const csrfToken = randomToken(32);
    const tokenHash = sha256(token);
    const now = this.now();
    await this.sql.run(
      'INSERT INTO console_sessions (token_hash, staff_id, csrf_token, created_at, last_seen) VALUES (?, ?, ?, ?, ?)',
      [tokenHash, staffId, csrfToken, now, now],
    );
    return { token, csrfToken, tokenHash };
  }

  /** The live session of a cookie token, touched (idle timer restarted) unless `touch` is false; expired ones are deleted. */
  lookup(token: string | undefined, touch = true): Promise<ConsoleSession | undefined> {
    if (!token || token.length > 100) return Promise.resolve(undefined);
    return this.lookupHash(sha256(token), touch);
  }

  async lookupHash(tokenHash: string, touch = true): Promise<ConsoleSession | undefined> {
    const row = await this.sql.get<SessionRow>('SELECT * FROM console_sessions WHERE token_hash = ?', [tokenHash]);
    if (!row) return undefined;
    const now = this.now();
    if (now - row.last_seen >= IDLE_TIMEOUT_MS || now - row.created_at >= ABSOLUTE_TIMEOUT_MS) {
      await this.delete(tokenHash);
      return undefined;
    }
    const account = await this.staff.account(row.staff_id);
    // A disabled account's sessions are deleted when it is disabled; this is the second lock.
    if (!account || account.disabled) return undefined;
    // Only forward: two requests of one console touching at once (or two instances) never move it back.
    if (touch)
      await this.sql.run('UPDATE console_sessions SET last_seen = ? WHERE token_hash = ? AND last_seen < ?', [
        now,
        tokenHash,
        now,
      ]);
    const { staffId, username, displayName, role, mustChangePassword } = account;
    return {
      tokenHash,
      staff: { staffId, username, displayName, role },
      csrfToken: row.csrf_token,
      mustChangePassword,
    };
  }

  /** Ends every session of one account (but `keep`): returns the ended ones' hashes, for their sockets. */
  async deleteForStaff(staffId: string, keep?: string): Promise<string[]> {
    const rows = await this.sql.all<{ token_hash: string }>(
      'SELECT token_hash FROM console_sessions WHERE staff_id = ?',
      [staffId],
    );
    const ended = rows.map((row) => row.token_hash).filter((hash) => hash !== keep);
    for (const hash of ended) await this.delete(hash);
    return ended;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.sql.run('DELETE FROM console_sessions WHERE token_hash = ?', [tokenHash]);
  }

  /** Deletes expired sessions; returns how many. */
  async sweep(): Promise<number> {
    const now = this.now();
    return (
      await this.sql.run('DELETE FROM console_sessions WHERE last_seen <= ? OR created_at <= ?', [
        now - IDLE_TIMEOUT_MS,
        now - ABSOLUTE_TIMEOUT_MS,
      ])
    ).changes;
  }
}
