import { statement } from '../db/statements';
import type { Db } from '../../core/db/open-database';
import { HealthReportSchema, type HealthReport } from '../../contract/hub';

export interface StoredHealth {
  report: HealthReport;
  receivedAt: number;
}

/** Each terminal's latest health report (issue 20); a new one replaces it, no history is kept. */
export class HealthStore {
  constructor(private readonly db: Db) {}

  save(terminalId: string, report: HealthReport, receivedAt: number): void {
    statement(
      this.db,
      `INSERT INTO terminal_health (terminal_id, report, received_at) VALUES (?, ?, ?)
         ON CONFLICT (terminal_id) DO UPDATE SET report = excluded.report, received_at = excluded.received_at`,
    ).run(terminalId, JSON.stringify(report), receivedAt);
  }

  get(terminalId: string): StoredHealth | undefined {
    const row = statement(this.db, 'SELECT report, received_at FROM terminal_health WHERE terminal_id = ?').get(
      terminalId,
    ) as { report: string; received_at: number } | undefined;
    return row ? toStored(row) : undefined;
  }

  all(): Map<string, StoredHealth> {
    const rows = statement(this.db, 'SELECT terminal_id, report, received_at FROM terminal_health').all() as {
      terminal_id: string;
      report: string;
      received_at: number;
    }[];
    return new Map(rows.map((row) => [row.terminal_id, toStored(row)]));
  }
}

function toStored(row: { report: string; received_at: number }): StoredHealth {
  // Validated on the way in; parsed again so a row edited by hand cannot put anything else on a console.
  return { report: HealthReportSchema.parse(JSON.parse(row.report)), receivedAt: row.received_at };
}
