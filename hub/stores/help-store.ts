import { statement } from '../db/statements';
import type { Db } from '../../core/db/open-database';
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

/** Help requests, persisted as they arrive, so a hub restart loses none. They hold no personal data. */
export class HelpStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** Inserts a new request; returns false when the id is known already (a kiosk sending it again). */
  insert(terminalId: string, request: HelpRequestBody): boolean {
    const now = this.now();
    return (
      statement(
        this.db,
        `INSERT OR IGNORE INTO help_requests (request_id, terminal_id, reason, activity, since, state, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?)`,
      ).run(request.requestId, terminalId, request.reason, JSON.stringify(request.activity), request.since, now, now)
        .changes === 1
    );
  }

  get(requestId: string): HelpRecord | undefined {
    const row = statement(this.db, 'SELECT * FROM help_requests WHERE request_id = ?').get(requestId) as
      HelpRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  open(): HelpRecord[] {
    return (
      statement(
        this.db,
        "SELECT * FROM help_requests WHERE state IN ('waiting', 'accepted') ORDER BY since, created_at",
      ).all() as HelpRow[]
    ).map(toRecord);
  }

  openForTerminal(terminalId: string): HelpRecord[] {
    return (
      statement(this.db, "SELECT * FROM help_requests WHERE terminal_id = ? AND state IN ('waiting', 'accepted')").all(
        terminalId,
      ) as HelpRow[]
    ).map(toRecord);
  }

  setState(requestId: string, state: HelpState, assignedStaffId?: string | null): HelpRecord | undefined {
    statement(
      this.db,
      `UPDATE help_requests SET state = ?, updated_at = ?,
         assigned_staff_id = CASE WHEN ? THEN ? ELSE assigned_staff_id END WHERE request_id = ?`,
    ).run(state, this.now(), assignedStaffId === undefined ? 0 : 1, assignedStaffId ?? null, requestId);
    return this.get(requestId);
  }

  updateActivity(terminalId: string, activity: TerminalActivity): void {
    statement(
      this.db,
      "UPDATE help_requests SET activity = ? WHERE terminal_id = ? AND state IN ('waiting', 'accepted')",
    ).run(JSON.stringify(activity), terminalId);
  }
}
