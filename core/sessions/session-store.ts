import { randomUUID } from 'node:crypto';
import type { Answers, LanguageCode } from '../../contract';
import { draftAad, newDataKey, openJson, pageDraftAad, sealJson, wrapKey } from '../crypto/aead';
import { loadDataKey } from '../crypto/data-keys';
import type { Statement } from 'better-sqlite3';
import { checkpointTruncate, type Db } from '../db/open-database';
import { makeWalRoom } from '../db/wal-room';
import type { StoredPosition } from './stored-position';

export interface SessionRow {
  id: string;
  service_id: string;
  language: string;
  position: string;
  completed_steps: string;
  status: 'in_progress' | 'submitted';
  key_id: string | null;
  reference: string | null;
  submitted_at: number | null;
  started_at: number;
  last_activity_at: number;
  /** All answers of the draft as one AES-256-GCM ciphertext; NULL before the first answer and after submission. */
  draft_ciphertext: Buffer | null;
  draft_nonce: Buffer | null;
  /** The current page's unconfirmed entries (migration 0005), sealed apart from the answers. */
  page_draft_ciphertext: Buffer | null;
  page_draft_nonce: Buffer | null;
}

/**
 * Rows of sessions and data_keys. A session's answers are sealed together with
 * the session's own key and kept in the session's row, so an answer commits one
 * page. The key exists on disk only wrapped by the master key.
 */
export class SessionStore {
  // Prepared once: preparing is a large share of an answer's cost, and an answer is on every "Weiter".
  private readonly statements = new Map<string, Statement>();
  // Unwrapped keys of live sessions (normally one), so an answer does not unwrap it twice.
  // Zeroed and dropped when the session ends or is submitted.
  private readonly liveKeys = new Map<string, Buffer>();

  constructor(
    readonly db: Db,
    private readonly masterKey: () => Buffer,
  ) {}

  private sql(source: string): Statement {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }

  /** The kiosk's sessions, most recently active first (normally zero or one). */
  all(): SessionRow[] {
    return this.sql('SELECT * FROM sessions ORDER BY last_activity_at DESC, started_at DESC').all() as SessionRow[];
  }

  get(id: string): SessionRow | undefined {
    return this.sql('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
  }

  create(init: { serviceId: string; language: LanguageCode; position: StoredPosition; now: number }): string {
    const id = randomUUID();
    const keyId = randomUUID();
    const key = newDataKey();
    this.db.transaction(() => {
      this.sql("INSERT INTO data_keys (id, purpose, wrapped_key, created_at) VALUES (?, 'session', ?, ?)").run(
        keyId,
        wrapKey(this.masterKey(), key, keyId, 'session'),
        init.now,
      );
      this.sql(
        `INSERT INTO sessions (id, service_id, language, position, status, key_id, started_at, last_activity_at)
           VALUES (?, ?, ?, ?, 'in_progress', ?, ?, ?)`,
      ).run(id, init.serviceId, init.language, JSON.stringify(init.position), keyId, init.now, init.now);
    })();
    this.liveKeys.set(id, key);
    // The session's answers then cost one fsync of data each, not one of data and file size.
    makeWalRoom(this.db);
    return id;
  }

  private sessionKey(row: SessionRow): Buffer {
    const live = this.liveKeys.get(row.id);
    if (live) return live;
    if (!row.key_id) throw new Error('Session has no key');
    const key = loadDataKey(this.db, this.masterKey(), row.key_id, 'session');
    this.liveKeys.set(row.id, key);
    return key;
  }

  /** Zeroes and drops the in-memory key of a session that ended or was submitted. */
  forgetKey(id: string): void {
    this.liveKeys.get(id)?.fill(0);
    this.liveKeys.delete(id);
  }

  readAnswers(row: SessionRow): Answers {
    if (!row.key_id || !row.draft_ciphertext || !row.draft_nonce) return {};
    const sealed = { ciphertext: row.draft_ciphertext, nonce: row.draft_nonce };
    return openJson(this.sessionKey(row), sealed, draftAad(row.id)) as Answers;
  }

  /** The current page's unconfirmed entries, or undefined. Never part of the answers. */
  readPageDraft(row: SessionRow): unknown {
    if (!row.key_id || !row.page_draft_ciphertext || !row.page_draft_nonce) return undefined;
    const sealed = { ciphertext: row.page_draft_ciphertext, nonce: row.page_draft_nonce };
    return openJson(this.sessionKey(row), sealed, pageDraftAad(row.id));
  }

  /** Seals what is typed on the current page; one row, one page in the WAL, as an answer. */
  savePageDraft(row: SessionRow, draft: unknown): void {
    const sealed = sealJson(this.sessionKey(row), draft, pageDraftAad(row.id));
    this.sql('UPDATE sessions SET page_draft_ciphertext = ?, page_draft_nonce = ? WHERE id = ?').run(
      sealed.ciphertext,
      sealed.nonce,
      row.id,
    );
  }

  /** One statement, one row: the whole draft sealed anew, the new position and activity. Durable on commit. */
  saveStep(
    row: SessionRow,
    change: { answers: Answers; position: StoredPosition; completed: string[]; now: number },
  ): void {
    const sealed = sealJson(this.sessionKey(row), change.answers, draftAad(row.id));
    this.sql(
      `UPDATE sessions SET draft_ciphertext = ?, draft_nonce = ?, position = ?, completed_steps = ?, last_activity_at = ?,
         page_draft_ciphertext = NULL, page_draft_nonce = NULL WHERE id = ?`,
    ).run(
      sealed.ciphertext,
      sealed.nonce,
      JSON.stringify(change.position),
      JSON.stringify(change.completed),
      change.now,
      row.id,
    );
  }

  updatePosition(id: string, position: StoredPosition, completed: string[], now: number): void {
    // Another page: what was typed on the last one and never confirmed goes (as it would from the screen).
    this.sql(
      `UPDATE sessions SET position = ?, completed_steps = ?, last_activity_at = ?,
         page_draft_ciphertext = NULL, page_draft_nonce = NULL WHERE id = ?`,
    ).run(JSON.stringify(position), JSON.stringify(completed), now, id);
  }

  touch(id: string, now: number): void {
    this.sql('UPDATE sessions SET last_activity_at = ? WHERE id = ?').run(now, id);
  }

  setLanguage(id: string, language: LanguageCode, now: number): void {
    this.sql('UPDATE sessions SET language = ?, last_activity_at = ? WHERE id = ?').run(language, now, id);
  }

  /**
   * Ends a session for good: answers, session row and its key row go in one
   * transaction (secure_delete overwrites them), then the WAL is checkpointed
   * and truncated so no old page with ciphertext or the wrapped key survives.
   */
  wipe(id: string): boolean {
    const removed = this.db.transaction(() => {
      const row = this.get(id);
      if (!row) return false;
      this.sql('DELETE FROM sessions WHERE id = ?').run(id);
      if (row.key_id) this.sql("DELETE FROM data_keys WHERE id = ? AND purpose = 'session'").run(row.key_id);
      return true;
    })();
    this.forgetKey(id);
    if (removed) checkpointTruncate(this.db);
    return removed;
  }

  /** Removes keys that belong to no session or outbox entry (left by a crash or a bug). */
  wipeOrphans(): number {
    return this.db.transaction(() => {
      return this.sql(
        `DELETE FROM data_keys WHERE
             (purpose = 'session' AND id NOT IN (SELECT key_id FROM sessions WHERE key_id IS NOT NULL))
             OR (purpose = 'outbox' AND id NOT IN (SELECT key_id FROM outbox))`,
      ).run().changes;
    })();
  }
}
