import { statement } from '../db/statements';
import type { Db } from '../../core/db/open-database';
import type { UsageDay } from '../../contract/usage';
import { addToMonthSum, emptyMonthSum, type MonthSum } from '../open-data/month-sum';

export interface StoredUsageDay {
  terminalId: string;
  location: string;
  report: UsageDay;
  /** For a month's sum (UsageStore.months): help by weekday and hour, which its summed report cannot say. */
  helpByWeekdayHour?: readonly (readonly number[])[];
}

type Sums = Map<string, { terminalId: string; location: string; sum: MonthSum }>;
const sumKey = (terminalId: string, month: string, location: string) => `${terminalId}\u0000${month}\u0000${location}`;

/** Sums every stored day into usage_months afresh (hub migration 0008; also after a repair). */
export function rebuildUsageMonths(db: Db): void {
  const sums: Sums = new Map();
  const rows = db.prepare('SELECT terminal_id, location, report FROM usage_days').iterate() as Iterable<{
    terminal_id: string;
    location: string;
    report: string;
  }>;
  for (const row of rows) {
    const report = JSON.parse(row.report) as UsageDay;
    const month = report.day.slice(0, 7);
    const key = sumKey(row.terminal_id, month, row.location);
    let entry = sums.get(key);
    if (!entry)
      sums.set(key, (entry = { terminalId: row.terminal_id, location: row.location, sum: emptyMonthSum(month) }));
    addToMonthSum(entry.sum, report, 1);
  }
  db.transaction(() => {
    db.prepare('DELETE FROM usage_months').run();
    const insert = db.prepare(
      'INSERT INTO usage_months (terminal_id, month, location, days, totals) VALUES (?, ?, ?, ?, ?)',
    );
    for (const { terminalId, location, sum } of sums.values())
      insert.run(terminalId, sum.report.day.slice(0, 7), location, sum.days, JSON.stringify(sum));
  })();
}

/** Each terminal's usage totals per day (issue 18): one row per terminal and day, the highest revision only. */
export class UsageStore {
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** Called after each committed change to the stored days (a report stored, days pruned): the open data follow. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

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
    let written = false;
    const stored = this.db.transaction(() => {
      const old = statement(
        this.db,
        'SELECT revision, location, report FROM usage_days WHERE terminal_id = ? AND day = ?',
      ).get(terminalId, report.day) as { revision: number; location: string; report: string } | undefined;
      if (old && old.revision >= report.revision) return old.revision;
      if (old) this.addToMonth(terminalId, old.location, JSON.parse(old.report) as UsageDay, -1);
      this.addToMonth(terminalId, location, report, 1);
      this.putDay(terminalId, location, report);
      written = true;
      return report.revision;
    })();
    if (written) this.changed();
    return stored;
  }

  private putDay(terminalId: string, location: string, report: UsageDay): void {
    statement(
      this.db,
      `INSERT INTO usage_days (terminal_id, day, revision, location, report, received_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (terminal_id, day) DO UPDATE SET revision = excluded.revision, location = excluded.location,
         report = excluded.report, received_at = excluded.received_at WHERE excluded.revision > usage_days.revision`,
    ).run(terminalId, report.day, report.revision, location, JSON.stringify(report), this.now());
  }

  /** Keeps usage_months the sum of usage_days: one day added to (1) or taken from (-1) its month's row. */
  private addToMonth(terminalId: string, location: string, report: UsageDay, sign: 1 | -1): void {
    const month = report.day.slice(0, 7);
    const row = statement(
      this.db,
      'SELECT totals FROM usage_months WHERE terminal_id = ? AND month = ? AND location = ?',
    ).get(terminalId, month, location) as { totals: string } | undefined;
    const sum = row ? (JSON.parse(row.totals) as MonthSum) : emptyMonthSum(month);
    addToMonthSum(sum, report, sign);
    if (sum.days <= 0)
      statement(this.db, 'DELETE FROM usage_months WHERE terminal_id = ? AND month = ? AND location = ?').run(
        terminalId,
        month,
        location,
      );
    else
      statement(
        this.db,
        `INSERT INTO usage_months (terminal_id, month, location, days, totals) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (terminal_id, month, location) DO UPDATE SET days = excluded.days, totals = excluded.totals`,
      ).run(terminalId, month, location, sum.days, JSON.stringify(sum));
  }

  /**
   * The sums per terminal, month and location from `fromDay` on (one terminal's only when given): the month of
   * `fromDay` without its days before it (not yet pruned), the later months as summed. The same figures as the
   * days themselves (`list`), from a row per terminal and month.
   */
  months(fromDay: string, terminalId?: string): StoredUsageDay[] {
    const fromMonth = fromDay.slice(0, 7);
    const rows = (
      terminalId
        ? statement(
            this.db,
            'SELECT terminal_id, location, totals FROM usage_months WHERE month >= ? AND terminal_id = ? ORDER BY month',
          ).all(fromMonth, terminalId)
        : statement(
            this.db,
            'SELECT terminal_id, location, totals FROM usage_months WHERE month >= ? ORDER BY month',
          ).all(fromMonth)
    ) as { terminal_id: string; location: string; totals: string }[];
    const sums: Sums = new Map();
    for (const row of rows) {
      const sum = JSON.parse(row.totals) as MonthSum;
      sums.set(sumKey(row.terminal_id, sum.report.day.slice(0, 7), row.location), {
        terminalId: row.terminal_id,
        location: row.location,
        sum,
      });
    }
    const before = this.between(`${fromMonth}-01`, fromDay, terminalId);
    for (const day of before) {
      const key = sumKey(day.terminalId, fromMonth, day.location);
      const entry = sums.get(key)!;
      addToMonthSum(entry.sum, day.report, -1);
      if (entry.sum.days <= 0) sums.delete(key);
    }
    return [...sums.values()].map(({ terminalId: id, location, sum }) => ({
      terminalId: id,
      location,
      report: sum.report,
      helpByWeekdayHour: sum.helpByWeekdayHour,
    }));
  }

  /** Days from `fromDay` (inclusive) to `toDay` (exclusive), oldest first; one terminal's only when given. */
  between(fromDay: string, toDay: string, terminalId?: string): StoredUsageDay[] {
    const rows = (
      terminalId
        ? statement(
            this.db,
            'SELECT terminal_id, location, report FROM usage_days WHERE day >= ? AND day < ? AND terminal_id = ? ORDER BY day',
          ).all(fromDay, toDay, terminalId)
        : statement(
            this.db,
            'SELECT terminal_id, location, report FROM usage_days WHERE day >= ? AND day < ? ORDER BY day',
          ).all(fromDay, toDay)
    ) as { terminal_id: string; location: string; report: string }[];
    return rows.map((row) => ({
      terminalId: row.terminal_id,
      location: row.location,
      report: JSON.parse(row.report) as UsageDay,
    }));
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
    const pruned = this.db.transaction(() => {
      for (const day of this.between('0000-01-01', beforeDay))
        this.addToMonth(day.terminalId, day.location, day.report, -1);
      return statement(this.db, 'DELETE FROM usage_days WHERE day < ?').run(beforeDay).changes;
    })();
    if (pruned > 0) this.changed();
    return pruned;
  }
}
