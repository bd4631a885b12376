import { randomUUID } from 'node:crypto';
import type { SqlClient } from '../db/sql-client';
import type { Staff, StaffAccount, StaffName } from '../../contract/hub';
import { hashPassword } from '../passwords';

interface StaffRow {
  staff_id: string;
  username: string;
  display_name: string;
  role: Staff['role'];
  password_hash: string;
  disabled_at: number | null;
  must_change_password: number;
}

export class UsernameTakenError extends Error {
  override name = 'UsernameTakenError';
}

/** A unique key refused the row: SQLite's code, or PostgreSQL's SQLSTATE. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

const toStaff = (row: StaffRow): Staff => ({
  staffId: row.staff_id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
});

const toAccount = (row: StaffRow): StaffAccount => ({
  ...toStaff(row),
  disabled: row.disabled_at !== null,
  mustChangePassword: Number(row.must_change_password) === 1,
});

/** Staff accounts, on SQLite or PostgreSQL (hub/db/sql-client.ts). */
export class StaffStore {
  constructor(
    private readonly sql: SqlClient,
    private readonly now: () => number,
  ) {}

  async create(input: {
    username: string;
    displayName: string;
    role: Staff['role'];
    password: string;
  }): Promise<Staff> {
    if (await this.byUsername(input.username)) throw new UsernameTakenError('username taken');
    const passwordHash = await hashPassword(input.password);
    const staffId = randomUUID();
    try {
      await this.sql.run(
        'INSERT INTO staff (staff_id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [staffId, input.username, input.displayName, input.role, passwordHash, this.now()],
      );
    } catch (error) {
      // Taken meanwhile (two admins at once, or two instances): the key decides.
      if (isUniqueViolation(error)) throw new UsernameTakenError('username taken');
      throw error;
    }
    return { staffId, username: input.username, displayName: input.displayName, role: input.role };
  }

  /** The row with its hash and state, for login and password checks only. */
  async byUsername(username: string): Promise<(StaffAccount & { passwordHash: string }) | undefined> {
    const row = await this.sql.get<StaffRow>('SELECT * FROM staff WHERE username = ?', [username]);
    return row ? { ...toAccount(row), passwordHash: row.password_hash } : undefined;
  }

  async account(staffId: string): Promise<(StaffAccount & { passwordHash: string }) | undefined> {
    const row = await this.sql.get<StaffRow>('SELECT * FROM staff WHERE staff_id = ?', [staffId]);
    return row ? { ...toAccount(row), passwordHash: row.password_hash } : undefined;
  }

  async accounts(): Promise<StaffAccount[]> {
    return (await this.sql.all<StaffRow>('SELECT * FROM staff ORDER BY display_name, staff_id')).map(toAccount);
  }

  /** Names only, for every role (transfer, audit): no usernames, no roles. */
  async names(): Promise<StaffName[]> {
    return (await this.sql.all<StaffRow>('SELECT * FROM staff ORDER BY display_name, staff_id')).map((row) => ({
      staffId: row.staff_id,
      displayName: row.display_name,
      active: row.disabled_at === null,
    }));
  }

  /**
   * Disables the account unless it is the last admin who can sign in: checked and written in one transaction, so
   * two admins disabling each other at once (or on two instances) cannot both succeed.
   */
  async disable(staffId: string): Promise<'disabled' | 'last_admin'> {
    const now = this.now();
    return this.sql.transaction(async (tx) => {
      const row = await tx.get<StaffRow>('SELECT * FROM staff WHERE staff_id = ?', [staffId]);
      if (row && row.role === 'admin' && row.disabled_at === null) {
        const admins = await tx.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM staff WHERE role = 'admin' AND disabled_at IS NULL",
        );
        if (Number(admins!.n) <= 1) return 'last_admin';
      }
      await tx.run('UPDATE staff SET disabled_at = ? WHERE staff_id = ?', [now, staffId]);
      return 'disabled';
    });
  }

  async setDisabled(staffId: string, disabled: boolean): Promise<void> {
    await this.sql.run('UPDATE staff SET disabled_at = ? WHERE staff_id = ?', [disabled ? this.now() : null, staffId]);
  }

  /** A new password; `mustChange` after an admin's reset (the owner chooses their own at the next login). */
  async setPassword(staffId: string, password: string, mustChange: boolean): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.sql.run(
      'UPDATE staff SET password_hash = ?, must_change_password = ?, password_changed_at = ? WHERE staff_id = ?',
      [passwordHash, mustChange ? 1 : 0, this.now(), staffId],
    );
  }

  /** Admins who can still sign in: the last one is never disabled. */
  async countActiveAdmins(): Promise<number> {
    const row = await this.sql.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM staff WHERE role = 'admin' AND disabled_at IS NULL",
    );
    return Number(row!.n);
  }

  async byId(staffId: string): Promise<Staff | undefined> {
    const row = await this.sql.get<StaffRow>('SELECT * FROM staff WHERE staff_id = ?', [staffId]);
    return row ? toStaff(row) : undefined;
  }

  async countAdmins(): Promise<number> {
    return Number((await this.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM staff WHERE role = 'admin'"))!.n);
  }
}
