import type { Db } from '../open-database';

/**
 * What is typed on the current page before "Weiter" (issue 14, item 2): sealed with the session's key like
 * the answers, in the session's own row, and kept apart from them, since it was never validated. A reload
 * or a crash puts it back into the fields; "Am Schalter weitermachen" carries it to the desk. Cleared
 * whenever the session moves to another page.
 */
export const version = 5;
export const name = 'page-draft';

export const sql = `
ALTER TABLE sessions ADD COLUMN page_draft_ciphertext BLOB;
ALTER TABLE sessions ADD COLUMN page_draft_nonce BLOB CHECK ((page_draft_ciphertext IS NULL) = (page_draft_nonce IS NULL));
`;

export function up(db: Db): void {
  db.exec(sql);
}
