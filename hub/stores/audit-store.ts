import { statement } from '../db/statements';
import type { Db } from '../../core/db/open-database';
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

/** Who did what to which resident's session, when, and whether it was allowed. Append only. */
export class AuditStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  write(entry: AuditInput): void {
    statement(
      this.db,
      'INSERT INTO audit_log (at, staff_id, action, terminal_id, subject_id, outcome) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(this.now(), entry.staffId, entry.action, entry.terminalId ?? null, entry.subjectId ?? null, entry.outcome);
  }

  /** Newest first. */
  list(limit = 1000): AuditEntry[] {
    return (statement(this.db, 'SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as AuditRow[]).map(
      (row) => ({
        at: new Date(row.at).toISOString(),
        staffId: row.staff_id,
        action: row.action,
        terminalId: row.terminal_id,
        subjectId: row.subject_id,
        outcome: row.outcome,
      }),
    );
  }
}
