import type { SqlClient, SqlExecutor } from '../db/sql-client';
import type { AuditEntry } from '../../contract/hub';

export interface AuditInput {
  staffId: string | null;
  action: string;
  terminalId?: string | null;
  /** A help request or handover id: never a name, an answer or a code. */
  subjectId?: string | null;
  outcome: AuditEntry['outcome'];
}

interface AuditRow {
  at: number;
  staff_id: string | null;
  action: string;
  terminal_id: string | null;
  subject_id: string | null;
  outcome: AuditEntry['outcome'];
}

/**
 * Who did what to which resident's session, when, and whether it was allowed. Append only. On SQLite or PostgreSQL;
 * `tx` writes the entry inside the caller's transaction, so it is there exactly when the change it records is.
 */
export class AuditStore {
  constructor(
    private readonly sql: SqlClient,
    private readonly now: () => number,
  ) {}

  async write(entry: AuditInput, tx: SqlExecutor = this.sql): Promise<void> {
    await tx.run(
      'INSERT INTO audit_log (at, staff_id, action, terminal_id, subject_id, outcome) VALUES (?, ?, ?, ?, ?, ?)',
      [this.now(), entry.staffId, entry.action, entry.terminalId ?? null, entry.subjectId ?? null, entry.outcome],
    );
  }

  /** Newest first. */
  async list(limit = 1000): Promise<AuditEntry[]> {
    return (await this.sql.all<AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?', [limit])).map((row) => ({
      at: new Date(row.at).toISOString(),
      staffId: row.staff_id,
      action: row.action,
      terminalId: row.terminal_id,
      subjectId: row.subject_id,
      outcome: row.outcome,
    }));
  }
}
