import type { Db } from '../open-database';

/**
 * The anonymous usage totals (issue 18): one row per local day, the counts as JSON, a revision that grows with
 * every session folded in, and the last revision the hub confirmed. Nothing here can name a session: no session
 * id, no time finer than the row's day (and the per-hour counts inside the totals).
 */
export const version = 7;
export const name = 'usage-days';

export const sql = `
CREATE TABLE usage_days (
  day TEXT PRIMARY KEY,
  totals TEXT NOT NULL,
  revision INTEGER NOT NULL,
  confirmed_revision INTEGER NOT NULL DEFAULT 0
);
`;

export function up(db: Db): void {
  db.exec(sql);
}
