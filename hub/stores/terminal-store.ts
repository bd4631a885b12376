import { statement } from '../db/statements';
import type { Db } from '../../core/db/open-database';
import type { TerminalActivity } from '../../contract/hub';
import { equalHashes, randomCode, randomToken, sha256 } from '../secrets';

export const ENROLMENT_CODE_TTL_MS = 15 * 60_000;

export interface TerminalRecord {
  terminalId: string;
  name: string;
  location: string;
  revoked: boolean;
  enrolled: boolean;
  lastContact: number | null;
  appVersion: string | null;
  outboxBacklog: number | null;
  activity: TerminalActivity | null;
}

interface TerminalRow {
  terminal_id: string;
  name: string;
  location: string;
  enrol_code_hash: string | null;
  enrol_expires_at: number | null;
  secret_hash: string | null;
  revoked_at: number | null;
  last_contact: number | null;
  app_version: string | null;
  outbox_backlog: number | null;
  activity: string | null;
}

function toRecord(row: TerminalRow): TerminalRecord {
  return {
    terminalId: row.terminal_id,
    name: row.name,
    location: row.location,
    revoked: row.revoked_at !== null,
    enrolled: row.secret_hash !== null,
    lastContact: row.last_contact,
    appVersion: row.app_version,
    outboxBacklog: row.outbox_backlog,
    activity: row.activity ? (JSON.parse(row.activity) as TerminalActivity) : null,
  };
}

/**
 * Terminals and their credentials. The enrolment code (one use, 15 minutes)
 * and the device secret are stored as SHA-256 only: both are long random
 * strings, so a hash is as good as a password hash and far cheaper per request.
 */
export class TerminalStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  create(name: string, location: string): { terminal: TerminalRecord; enrolmentCode: string; expiresAt: number } {
    const terminalId = `t_${randomToken(12)}`;
    const enrolmentCode = randomCode(3);
    const expiresAt = this.now() + ENROLMENT_CODE_TTL_MS;
    statement(
      this.db,
      'INSERT INTO terminals (terminal_id, name, location, created_at, enrol_code_hash, enrol_expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(terminalId, name, location, this.now(), sha256(enrolmentCode), expiresAt);
    return { terminal: this.get(terminalId)!, enrolmentCode, expiresAt };
  }

  /** Exchanges a valid enrolment code (used up here) for a device credential `<terminalId>.<secret>`. */
  enrol(enrolmentCode: string, appVersion: string): { terminal: TerminalRecord; credential: string } | undefined {
    return this.db.transaction(() => {
      const row = statement(this.db, 'SELECT * FROM terminals WHERE enrol_code_hash = ? AND revoked_at IS NULL').get(
        sha256(enrolmentCode),
      ) as TerminalRow | undefined;
      if (!row) return undefined;
      // A used or expired code is gone either way.
      statement(
        this.db,
        'UPDATE terminals SET enrol_code_hash = NULL, enrol_expires_at = NULL WHERE terminal_id = ?',
      ).run(row.terminal_id);
      if (row.enrol_expires_at === null || row.enrol_expires_at <= this.now()) return undefined;
      const secret = randomToken(32);
      statement(this.db, 'UPDATE terminals SET secret_hash = ?, app_version = ? WHERE terminal_id = ?').run(
        sha256(secret),
        appVersion,
        row.terminal_id,
      );
      return { terminal: this.get(row.terminal_id)!, credential: `${row.terminal_id}.${secret}` };
    })();
  }

  /** The terminal a bearer credential belongs to, or undefined (unknown, wrong secret, revoked). */
  authenticate(credential: string | undefined): TerminalRecord | undefined {
    if (!credential || credential.length > 200) return undefined;
    const dot = credential.indexOf('.');
    if (dot < 1) return undefined;
    const terminalId = credential.slice(0, dot);
    const row = statement(this.db, 'SELECT * FROM terminals WHERE terminal_id = ?').get(terminalId) as
      TerminalRow | undefined;
    if (!row || row.secret_hash === null || row.revoked_at !== null) return undefined;
    return equalHashes(row.secret_hash, sha256(credential.slice(dot + 1))) ? toRecord(row) : undefined;
  }

  revoke(terminalId: string): TerminalRecord | undefined {
    statement(
      this.db,
      'UPDATE terminals SET revoked_at = COALESCE(revoked_at, ?), secret_hash = NULL, enrol_code_hash = NULL WHERE terminal_id = ?',
    ).run(this.now(), terminalId);
    return this.get(terminalId);
  }

  report(
    terminalId: string,
    fields: { activity?: TerminalActivity; outboxBacklog?: number; appVersion?: string },
  ): void {
    statement(
      this.db,
      `UPDATE terminals SET last_contact = ?, activity = COALESCE(?, activity),
         outbox_backlog = COALESCE(?, outbox_backlog), app_version = COALESCE(?, app_version) WHERE terminal_id = ?`,
    ).run(
      this.now(),
      fields.activity ? JSON.stringify(fields.activity) : null,
      fields.outboxBacklog ?? null,
      fields.appVersion ?? null,
      terminalId,
    );
  }

  get(terminalId: string): TerminalRecord | undefined {
    const row = statement(this.db, 'SELECT * FROM terminals WHERE terminal_id = ?').get(terminalId) as
      TerminalRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  list(): TerminalRecord[] {
    return (statement(this.db, 'SELECT * FROM terminals ORDER BY name, terminal_id').all() as TerminalRow[]).map(
      toRecord,
    );
  }
}
