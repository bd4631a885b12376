import { statement } from '../db/statements';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../core/db/open-database';
import type { Staff } from '../../contract/hub';
import { hashPassword } from '../passwords';

interface StaffRow {
  staff_id: string;
  username: string;
  display_name: string;
  role: Staff['role'];
  password_hash: string;
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

  /** The row with its hash, for login only. */
  byUsername(username: string): (Staff & { passwordHash: string }) | undefined {
    const row = statement(this.db, 'SELECT * FROM staff WHERE username = ?').get(username) as StaffRow | undefined;
    return row ? { ...toStaff(row), passwordHash: row.password_hash } : undefined;
  }

  byId(staffId: string): Staff | undefined {
    const row = statement(this.db, 'SELECT * FROM staff WHERE staff_id = ?').get(staffId) as StaffRow | undefined;
    return row ? toStaff(row) : undefined;
  }

  list(): Staff[] {
    return (statement(this.db, 'SELECT * FROM staff ORDER BY display_name').all() as StaffRow[]).map(toStaff);
  }

  countAdmins(): number {
    return (statement(this.db, "SELECT COUNT(*) AS n FROM staff WHERE role = 'admin'").get() as { n: number }).n;
  }
}
