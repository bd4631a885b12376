import { randomUUID } from 'node:crypto';
import { statement } from '../db/statements';
import type { Db } from '../../core/db/open-database';
import type { AlertKind } from '../../contract/hub';

export interface AlertRecord {
  alertId: string;
  terminalId: string;
  kind: AlertKind;
  raisedAt: number;
  clearedAt: number | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

interface AlertRow {
  alert_id: string;
  terminal_id: string;
  kind: AlertKind;
  raised_at: number;
  cleared_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
}

const toRecord = (row: AlertRow): AlertRecord => ({
  alertId: row.alert_id,
  terminalId: row.terminal_id,
  kind: row.kind,
  raisedAt: row.raised_at,
  clearedAt: row.cleared_at,
  acknowledgedAt: row.acknowledged_at,
  acknowledgedBy: row.acknowledged_by,
});

/** The terminals' alerts (issue 20). At most one open alert per terminal and kind (a partial unique index). */
export class AlertStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** Open (not cleared) alerts, newest first. */
  open(): AlertRecord[] {
    return (
      statement(
        this.db,
        'SELECT * FROM terminal_alerts WHERE cleared_at IS NULL ORDER BY raised_at DESC',
      ).all() as AlertRow[]
    ).map(toRecord);
  }

  get(alertId: string): AlertRecord | undefined {
    const row = statement(this.db, 'SELECT * FROM terminal_alerts WHERE alert_id = ?').get(alertId) as
      AlertRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Raises the alert unless one of this kind is already open for the terminal; the new one, or undefined. */
  raise(terminalId: string, kind: AlertKind): AlertRecord | undefined {
    const alertId = randomUUID();
    const changes = statement(
      this.db,
      `INSERT INTO terminal_alerts (alert_id, terminal_id, kind, raised_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (terminal_id, kind) WHERE cleared_at IS NULL DO NOTHING`,
    ).run(alertId, terminalId, kind, this.now()).changes;
    return changes > 0 ? this.get(alertId) : undefined;
  }

  /** The condition ended; whether an open alert was cleared. */
  clear(terminalId: string, kind: AlertKind): boolean {
    return (
      statement(
        this.db,
        'UPDATE terminal_alerts SET cleared_at = ? WHERE terminal_id = ? AND kind = ? AND cleared_at IS NULL',
      ).run(this.now(), terminalId, kind).changes > 0
    );
  }

  /** The first acknowledgement counts; a second one changes nothing. Undefined: no such open alert. */
  acknowledge(alertId: string, staffId: string): AlertRecord | undefined {
    statement(
      this.db,
      `UPDATE terminal_alerts SET acknowledged_at = ?, acknowledged_by = ?
         WHERE alert_id = ? AND cleared_at IS NULL AND acknowledged_at IS NULL`,
    ).run(this.now(), staffId, alertId);
    const record = this.get(alertId);
    return record && record.clearedAt === null ? record : undefined;
  }
}
