import { statement } from '../db/statements';
import type { Db } from '../../core/db/open-database';
import type { UsageDay } from '../../contract/usage';

export interface StoredUsageDay {
  terminalId: string;
  location: string;
  report: UsageDay;
}

/** Each terminal's usage totals per day (issue 18): one row per terminal and day, the highest revision only. */
export class UsageStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** The stored revision of a terminal's day, if any. */
  revision(terminalId: string, day: string): number | undefined {
    const row = statement(this.db, 'SELECT revision FROM usage_days WHERE terminal_id = ? AND day = ?').get(
      terminalId,
      day,
    ) as { revision: number } | undefined;
    return row?.revision;
  }

  /** Stores the report unless a revision as high is stored already; returns the revision now stored. */
  put(terminalId: string, location: string, report: UsageDay): number {
    statement(
      this.db,
      `INSERT INTO usage_days (terminal_id, day, revision, location, report, received_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (terminal_id, day) DO UPDATE SET revision = excluded.revision, location = excluded.location,
         report = excluded.report, received_at = excluded.received_at WHERE excluded.revision > usage_days.revision`,
    ).run(terminalId, report.day, report.revision, location, JSON.stringify(report), this.now());
    return this.revision(terminalId, report.day)!;
  }

  /** Days from `fromDay` on (inclusive), oldest first; one terminal's only when given. */
  list(fromDay: string, terminalId?: string): StoredUsageDay[] {
    const rows = (
      terminalId
        ? statement(
            this.db,
            'SELECT terminal_id, location, report FROM usage_days WHERE day >= ? AND terminal_id = ? ORDER BY day',
          ).all(fromDay, terminalId)
        : statement(this.db, 'SELECT terminal_id, location, report FROM usage_days WHERE day >= ? ORDER BY day').all(
            fromDay,
          )
    ) as { terminal_id: string; location: string; report: string }[];
    // Validated before it was stored (open-data/usage-ingest.ts).
    return rows.map((row) => ({
      terminalId: row.terminal_id,
      location: row.location,
      report: JSON.parse(row.report) as UsageDay,
    }));
  }

  /** The first and last day stored, and when reports first and last arrived; null when there is none. */
  summary(fromDay: string): { from: string; to: string; firstReceived: number; lastReceived: number } | null {
    const row = statement(
      this.db,
      'SELECT MIN(day) AS f, MAX(day) AS t, MIN(received_at) AS a, MAX(received_at) AS b FROM usage_days WHERE day >= ?',
    ).get(fromDay) as { f: string | null; t: string | null; a: number | null; b: number | null };
    return row.f === null ? null : { from: row.f, to: row.t!, firstReceived: row.a!, lastReceived: row.b! };
  }

  /** Forgets every day before `beforeDay`; returns how many rows went. */
  prune(beforeDay: string): number {
    return statement(this.db, 'DELETE FROM usage_days WHERE day < ?').run(beforeDay).changes;
  }
}
