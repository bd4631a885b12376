import { UsageDaySchema, type FeedbackRating, type UsageDay } from '../../contract/usage';
import { checkpointTruncate, type Db } from '../db/open-database';
import type { Logger } from '../types';
import { daysBefore } from './local-time';
import { changeFeedback, emptyTotals, foldSession, UsageTotalsSchema, type UsageTotals } from './usage-day';
import type { SessionOutcome, SessionTally } from './session-tally';

/** Confirmed days are kept this long (the kiosk's own view for staff), then deleted. */
export const KEEP_CONFIRMED_DAYS = 31;

interface DayRow {
  day: string;
  totals: string;
  revision: number;
  confirmed_revision: number;
}

/**
 * The day's running totals in kiosk.db (migration 0007). Every change is one transaction that reads the day's
 * row, adds to it and raises its revision by one, so a crash leaves either the old or the new totals.
 */
export class UsageStore {
  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  /** Folds one ended session into its day. */
  fold(tally: SessionTally, outcome: SessionOutcome): void {
    this.change(tally.day, (totals) => foldSession(totals, tally, outcome));
    this.emptyWal();
  }

  /** A rating given (or changed) after its session was folded. */
  feedback(day: string, previous: FeedbackRating | undefined, rating: FeedbackRating): void {
    this.change(day, (totals) => changeFeedback(totals, previous, rating));
    this.emptyWal();
  }

  /**
   * Both come just after a session's end, which left the WAL empty (checkpointTruncate) so that nothing of the
   * session stays in it; the totals' frames go too, and the next session makes its WAL room anew.
   */
  private emptyWal(): void {
    checkpointTruncate(this.db);
  }

  /** Days the hub has not confirmed at their current revision, oldest first, as the hub is sent them. */
  unconfirmed(): UsageDay[] {
    const rows = this.db
      .prepare('SELECT * FROM usage_days WHERE revision > confirmed_revision ORDER BY day')
      .all() as DayRow[];
    const reports: UsageDay[] = [];
    for (const row of rows) {
      // A bug must not send garbage: what the contract refuses stays here and is logged by code only.
      const totals = parseJson(row.totals);
      const report = UsageDaySchema.safeParse(
        typeof totals === 'object' && totals !== null ? { day: row.day, revision: row.revision, ...totals } : totals,
      );
      if (report.success) reports.push(report.data);
      else this.logger.error('usage.report_invalid', { count: report.error.issues.length });
    }
    return reports;
  }

  /** The hub stored `revision` of `day`: never more than the kiosk has, never back to an older one. */
  confirm(day: string, revision: number): boolean {
    const result = this.db
      .prepare(
        `UPDATE usage_days SET confirmed_revision = ?
           WHERE day = ? AND ? <= revision AND ? > confirmed_revision`,
      )
      .run(revision, day, revision, revision);
    return result.changes > 0;
  }

  /** Deletes confirmed days older than KEEP_CONFIRMED_DAYS before `today`; unsent days stay until sent. */
  prune(today: string): number {
    return this.db
      .prepare('DELETE FROM usage_days WHERE day < ? AND confirmed_revision >= revision')
      .run(daysBefore(today, KEEP_CONFIRMED_DAYS)).changes;
  }

  /** One day's row, for the kiosk's own checks. */
  day(day: string): { totals: UsageTotals; revision: number; confirmedRevision: number } | undefined {
    const row = this.db.prepare('SELECT * FROM usage_days WHERE day = ?').get(day) as DayRow | undefined;
    return (
      row && {
        totals: this.totalsOf(row) ?? emptyTotals(),
        revision: row.revision,
        confirmedRevision: row.confirmed_revision,
      }
    );
  }

  private change(day: string, apply: (totals: UsageTotals) => UsageTotals): void {
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM usage_days WHERE day = ?').get(day) as DayRow | undefined;
      let totals = row ? this.totalsOf(row) : emptyTotals();
      // Counts only, so nothing personal is lost: an unreadable day starts again rather than the kiosk failing.
      if (!totals) this.logger.error('usage.totals_unreadable');
      totals ??= emptyTotals();
      const next = JSON.stringify(apply(totals));
      this.db
        .prepare(
          `INSERT INTO usage_days (day, totals, revision) VALUES (?, ?, 1)
             ON CONFLICT(day) DO UPDATE SET totals = excluded.totals, revision = revision + 1`,
        )
        .run(day, next);
    })();
  }

  private totalsOf(row: DayRow): UsageTotals | undefined {
    const parsed = UsageTotalsSchema.safeParse(parseJson(row.totals));
    return parsed.success ? parsed.data : undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
