import { statement } from '../db/statements';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../core/db/open-database';
import type { Staff, StaffAccount, StaffName } from '../../contract/hub';
import { hashPassword } from '../passwords';

interface StaffRow {
  staff_id: string;
  username: string;
  display_name: string;
  role: Staff['role'];
  password_hash: string;
  disabled_at: number | null;
  must_change_password: 0 | 1;
}

export class UsernameTakenError extends Error {
  override name = 'UsernameTakenError';
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
  mustChangePassword: row.must_change_password === 1,
});

export class StaffStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async create(input: {
    username: string;
    displayName: string;
    role: Staff['role'];
    password: string;
  }): Promise<Staff> {
    if (this.byUsername(input.username)) throw new UsernameTakenError('username taken');
    const passwordHash = await hashPassword(input.password);
    const staffId = randomUUID();
    try {
      statement(
        this.db,
        'INSERT INTO staff (staff_id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(staffId, input.username, input.displayName, input.role, passwordHash, this.now());
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw new UsernameTakenError('username taken');
      throw error;
    }
    return { staffId, username: input.username, displayName: input.displayName, role: input.role };
  }

  /** The row with its hash and state, for login and password checks only. */
  byUsername(username: string): (StaffAccount & { passwordHash: string }) | undefined {
    const row = statement(this.db, 'SELECT * FROM staff WHERE username = ?').get(username) as StaffRow | undefined;
    return row ? { ...toAccount(row), passwordHash: row.password_hash } : undefined;
  }

  account(staffId: string): (StaffAccount & { passwordHash: string }) | undefined {
    const row = statement(this.db, 'SELECT * FROM staff WHERE staff_id = ?').get(staffId) as StaffRow | undefined;
    return row ? { ...toAccount(row), passwordHash: row.password_hash } : undefined;
  }

  accounts(): StaffAccount[] {
    return (statement(this.db, 'SELECT * FROM staff ORDER BY display_name').all() as StaffRow[]).map(toAccount);
  }

  /** Names only, for every role (transfer, audit): no usernames, no roles. */
  names(): StaffName[] {
    return (statement(this.db, 'SELECT * FROM staff ORDER BY display_name').all() as StaffRow[]).map((row) => ({
      staffId: row.staff_id,
      displayName: row.display_name,
      active: row.disabled_at === null,
    }));
  }

  setDisabled(staffId: string, disabled: boolean): void {
    statement(this.db, 'UPDATE staff SET disabled_at = ? WHERE staff_id = ?').run(
      disabled ? this.now() : null,
      staffId,
    );
  }

  /** A new password; `mustChange` after an admin's reset (the owner chooses their own at the next login). */
  async setPassword(staffId: string, password: string, mustChange: boolean): Promise<void> {
    const passwordHash = await hashPassword(password);
    statement(
      this.db,
      'UPDATE staff SET password_hash = ?, must_change_password = ?, password_changed_at = ? WHERE staff_id = ?',
    ).run(passwordHash, mustChange ? 1 : 0, this.now(), staffId);
  }

  /** Admins who can still sign in: the last one is never disabled. */
  countActiveAdmins(): number {
    return (
      statement(this.db, "SELECT COUNT(*) AS n FROM staff WHERE role = 'admin' AND disabled_at IS NULL").get() as {
        n: number;
      }
    ).n;
  }

  byId(staffId: string): Staff | undefined {
    const row = statement(this.db, 'SELECT * FROM staff WHERE staff_id = ?').get(staffId) as StaffRow | undefined;
    return row ? toStaff(row) : undefined;
  }

  countAdmins(): number {
    return (statement(this.db, "SELECT COUNT(*) AS n FROM staff WHERE role = 'admin'").get() as { n: number }).n;
  }
}
