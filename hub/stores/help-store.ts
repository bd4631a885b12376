import type { SqlClient, SqlExecutor } from '../db/sql-client';
import type { HelpRequestBody, TerminalActivity } from '../../contract/hub';
import { type HELP_STATES, type HELP_REASONS } from '../../contract/hub';

export type HelpState = (typeof HELP_STATES)[number];

export interface HelpRecord {
  requestId: string;
  terminalId: string;
  reason: (typeof HELP_REASONS)[number];
  activity: TerminalActivity;
  since: string;
  state: HelpState;
  assignedStaffId: string | null;
}

interface HelpRow {
  request_id: string;
  terminal_id: string;
  reason: HelpRecord['reason'];
  activity: string;
  since: string;
  state: HelpState;
  assigned_staff_id: string | null;
}

const toRecord = (row: HelpRow): HelpRecord => ({
  requestId: row.request_id,
  terminalId: row.terminal_id,
  reason: row.reason,
  activity: JSON.parse(row.activity) as TerminalActivity,
  since: row.since,
  state: row.state,
  assignedStaffId: row.assigned_staff_id,
});

/**
 * Help requests, persisted as they arrive, so a hub restart loses none. They hold no personal data. On SQLite or
 * PostgreSQL (hub/db/sql-client.ts); each call takes an optional `tx` to run inside the caller's transaction (a
 * state change and its audit entry are written together: hub/live/request-access.ts).
 */
export class HelpStore {
  constructor(
    private readonly sql: SqlClient,
    private readonly now: () => number,
  ) {}

  /** Inserts a new request; returns false when the id is known already (a kiosk sending it again). */
  async insert(terminalId: string, request: HelpRequestBody, tx: SqlExecutor = this.sql): Promise<boolean> {
    const now = this.now();
    const inserted = await tx.run(
      `INSERT INTO help_requests (request_id, terminal_id, reason, activity, since, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?) ON CONFLICT (request_id) DO NOTHING`,
      [request.requestId, terminalId, request.reason, JSON.stringify(request.activity), request.since, now, now],
    );
    return inserted.changes === 1;
  }

  async get(requestId: string, tx: SqlExecutor = this.sql): Promise<HelpRecord | undefined> {
    const row = await tx.get<HelpRow>('SELECT * FROM help_requests WHERE request_id = ?', [requestId]);
    return row ? toRecord(row) : undefined;
  }

  async open(): Promise<HelpRecord[]> {
    return (
      await this.sql.all<HelpRow>(
        "SELECT * FROM help_requests WHERE state IN ('waiting', 'accepted') ORDER BY since, created_at, request_id",
      )
    ).map(toRecord);
  }

  async openForTerminal(terminalId: string, tx: SqlExecutor = this.sql): Promise<HelpRecord[]> {
    return (
      await tx.all<HelpRow>(
        "SELECT * FROM help_requests WHERE terminal_id = ? AND state IN ('waiting', 'accepted') ORDER BY created_at, request_id",
        [terminalId],
      )
    ).map(toRecord);
  }

  async setState(
    requestId: string,
    state: HelpState,
    assignedStaffId?: string | null,
    tx: SqlExecutor = this.sql,
  ): Promise<HelpRecord | undefined> {
    await tx.run(
      `UPDATE help_requests SET state = ?, updated_at = ?,
         assigned_staff_id = CASE WHEN ? = 1 THEN ? ELSE assigned_staff_id END WHERE request_id = ?`,
      [state, this.now(), assignedStaffId === undefined ? 0 : 1, assignedStaffId ?? null, requestId],
    );
    return this.get(requestId, tx);
  }

  async updateActivity(terminalId: string, activity: TerminalActivity): Promise<void> {
    await this.sql.run(
      "UPDATE help_requests SET activity = ? WHERE terminal_id = ? AND state IN ('waiting', 'accepted')",
      [JSON.stringify(activity), terminalId],
    );
  }
}
