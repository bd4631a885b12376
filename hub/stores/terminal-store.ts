import type { SqlClient } from '../db/sql-client';
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

const BY_ID = 'SELECT * FROM terminals WHERE terminal_id = ?';

/**
 * Terminals and their credentials, on SQLite or PostgreSQL (hub/db/sql-client.ts). The enrolment code (one use,
 * 15 minutes) and the device secret are stored as SHA-256 only: both are long random strings, so a hash is as good
 * as a password hash and far cheaper per request.
 */
export class TerminalStore {
  constructor(
    private readonly sql: SqlClient,
    private readonly now: () => number,
  ) {}

  async create(
    name: string,
    location: string,
  ): Promise<{ terminal: TerminalRecord; enrolmentCode: string; expiresAt: number }> {
    const terminalId = `t_${randomToken(12)}`;
    const enrolmentCode = randomCode(3);
    const expiresAt = this.now() + ENROLMENT_CODE_TTL_MS;
    await this.sql.run(
      'INSERT INTO terminals (terminal_id, name, location, created_at, enrol_code_hash, enrol_expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      [terminalId, name, location, this.now(), sha256(enrolmentCode), expiresAt],
    );
    return { terminal: (await this.get(terminalId))!, enrolmentCode, expiresAt };
  }

  /** Exchanges a valid enrolment code (used up here) for a device credential `<terminalId>.<secret>`. */
  async enrol(
    enrolmentCode: string,
    appVersion: string,
  ): Promise<{ terminal: TerminalRecord; credential: string } | undefined> {
    const codeHash = sha256(enrolmentCode);
    const now = this.now();
    // The secret is drawn outside: the transaction may run twice on PostgreSQL, and must only do SQL.
    const secret = randomToken(32);
    return this.sql.transaction(async (tx) => {
      const row = await tx.get<TerminalRow>(
        'SELECT * FROM terminals WHERE enrol_code_hash = ? AND revoked_at IS NULL',
        [codeHash],
      );
      if (!row) return undefined;
      // A used or expired code is gone either way.
      await tx.run('UPDATE terminals SET enrol_code_hash = NULL, enrol_expires_at = NULL WHERE terminal_id = ?', [
        row.terminal_id,
      ]);
      if (row.enrol_expires_at === null || row.enrol_expires_at <= now) return undefined;
      await tx.run('UPDATE terminals SET secret_hash = ?, app_version = ? WHERE terminal_id = ?', [
        sha256(secret),
        appVersion,
        row.terminal_id,
      ]);
      const enrolled = (await tx.get<TerminalRow>(BY_ID, [row.terminal_id]))!;
      return { terminal: toRecord(enrolled), credential: `${row.terminal_id}.${secret}` };
    });
  }

  /** The terminal a bearer credential belongs to, or undefined (unknown, wrong secret, revoked). */
  async authenticate(credential: string | undefined): Promise<TerminalRecord | undefined> {
    if (!credential || credential.length > 200) return undefined;
    const dot = credential.indexOf('.');
    if (dot < 1) return undefined;
    const row = await this.sql.get<TerminalRow>(BY_ID, [credential.slice(0, dot)]);
    if (!row || row.secret_hash === null || row.revoked_at !== null) return undefined;
    return equalHashes(row.secret_hash, sha256(credential.slice(dot + 1))) ? toRecord(row) : undefined;
  }

  async revoke(terminalId: string): Promise<TerminalRecord | undefined> {
    await this.sql.run(
      'UPDATE terminals SET revoked_at = COALESCE(revoked_at, ?), secret_hash = NULL, enrol_code_hash = NULL WHERE terminal_id = ?',
      [this.now(), terminalId],
    );
    return this.get(terminalId);
  }

  async report(
    terminalId: string,
    fields: { activity?: TerminalActivity; outboxBacklog?: number; appVersion?: string },
  ): Promise<void> {
    await this.sql.run(
      `UPDATE terminals SET last_contact = ?, activity = COALESCE(?, activity),
         outbox_backlog = COALESCE(?, outbox_backlog), app_version = COALESCE(?, app_version) WHERE terminal_id = ?`,
      [
        this.now(),
        fields.activity ? JSON.stringify(fields.activity) : null,
        fields.outboxBacklog ?? null,
        fields.appVersion ?? null,
        terminalId,
      ],
    );
  }

  async get(terminalId: string): Promise<TerminalRecord | undefined> {
    const row = await this.sql.get<TerminalRow>(BY_ID, [terminalId]);
    return row ? toRecord(row) : undefined;
  }

  async list(): Promise<TerminalRecord[]> {
    return (await this.sql.all<TerminalRow>('SELECT * FROM terminals ORDER BY name, terminal_id')).map(toRecord);
  }
}
