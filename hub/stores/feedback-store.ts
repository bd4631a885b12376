import type { FeedbackComment } from '../../contract';
import type { Db } from '../../core/db/open-database';
import { stripPersonalData } from '../../core/usage/strip-personal-data';
import { statement } from '../db/statements';

/** How long comments are kept when the hub is not told otherwise (HubOptions.feedbackRetentionDays). */
export const DEFAULT_FEEDBACK_RETENTION_DAYS = 180;
const DAY_MS = 24 * 60 * 60_000;
/** The staff list is for reading, not for export: the newest this many. */
const LIST_LIMIT = 500;

export interface FeedbackRecord extends FeedbackComment {
  terminalId: string;
  receivedAt: number;
}

interface FeedbackRow {
  comment_id: string;
  terminal_id: string;
  day: string;
  service_id: string | null;
  rating: string | null;
  text: string;
  received_at: number;
}

const toRecord = (row: FeedbackRow): FeedbackRecord => ({
  commentId: row.comment_id,
  terminalId: row.terminal_id,
  day: row.day,
  serviceId: row.service_id,
  rating: row.rating as FeedbackRecord['rating'],
  text: row.text,
  receivedAt: row.received_at,
});

/**
 * Residents' feedback comments (issue 18). Each is stripped again here with the kiosk's own function (a kiosk of an
 * older version, or a forged message, must not put a name into the hub's database), stored once per comment id,
 * listed for staff and deleted after the retention time. Never published.
 */
export class FeedbackStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    readonly retentionDays = DEFAULT_FEEDBACK_RETENTION_DAYS,
  ) {}

  /** Stored once per comment id: a kiosk sending it again after a reconnect changes nothing. */
  record(terminalId: string, comment: FeedbackComment): void {
    statement(
      this.db,
      `INSERT OR IGNORE INTO feedback_comments (comment_id, terminal_id, day, service_id, rating, text, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      comment.commentId,
      terminalId,
      comment.day,
      comment.serviceId,
      comment.rating,
      stripPersonalData(comment.text).slice(0, 500),
      this.now(),
    );
  }

  /** Newest first. */
  list(): FeedbackRecord[] {
    return (
      statement(this.db, 'SELECT * FROM feedback_comments ORDER BY received_at DESC, comment_id LIMIT ?').all(
        LIST_LIMIT,
      ) as FeedbackRow[]
    ).map(toRecord);
  }

  purgeOld(): number {
    return statement(this.db, 'DELETE FROM feedback_comments WHERE received_at <= ?').run(
      this.now() - this.retentionDays * DAY_MS,
    ).changes;
  }
}
