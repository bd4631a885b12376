import type { SqlClient } from '../db/sql-client';
import { HealthReportSchema, type HealthReport } from '../../contract/hub';

export interface StoredHealth {
  report: HealthReport;
  receivedAt: number;
}

interface HealthRow {
  terminal_id: string;
  report: string;
  received_at: number;
}

/**
 * Each terminal's latest health report (issue 20), on SQLite or PostgreSQL (hub/db/sql-client.ts); a new one
 * replaces it, no history is kept.
 */
export class HealthStore {
  constructor(private readonly sql: SqlClient) {}

  async save(terminalId: string, report: HealthReport, receivedAt: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO terminal_health (terminal_id, report, received_at) VALUES (?, ?, ?)
         ON CONFLICT (terminal_id) DO UPDATE SET report = excluded.report, received_at = excluded.received_at`,
      [terminalId, JSON.stringify(HealthReportSchema.parse(report)), receivedAt],
    );
  }

  async get(terminalId: string): Promise<StoredHealth | undefined> {
    const row = await this.sql.get<HealthRow>('SELECT report, received_at FROM terminal_health WHERE terminal_id = ?', [
      terminalId,
    ]);
    return row ? toStored(row) : undefined;
  }

  async all(): Promise<Map<string, StoredHealth>> {
    const rows = await this.sql.all<HealthRow>('SELECT terminal_id, report, received_at FROM terminal_health');
    return new Map(rows.map((row) => [row.terminal_id, toStored(row)]));
  }
}

function toStored(row: Pick<HealthRow, 'report' | 'received_at'>): StoredHealth {
  // Validated on the way in; parsed again so a row edited by hand cannot put anything else on a console.
  return { report: HealthReportSchema.parse(JSON.parse(row.report)), receivedAt: row.received_at };
}
