import { randomUUID } from 'node:crypto';
import type { Answers, AnswerValue, LanguageCode } from '../../contract';
import { answerAad, newDataKey, openJson, sealJson, unwrapKey, wrapKey } from '../crypto/aead';
import type { Statement } from 'better-sqlite3';
import { checkpointTruncate, type Db } from '../db/open-database';
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
}

/**
 * Rows of sessions, session_answers and data_keys. Every answer is sealed with
 * the session's own key; the key exists on disk only wrapped by the master key.
 */
export class SessionStore {
  // Prepared once: preparing is a large share of an answer's cost, and an answer is on every "Weiter".
  private readonly statements = new Map<string, Statement>();

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
    key.fill(0);
    return id;
  }

  sessionKey(row: SessionRow): Buffer {
    if (!row.key_id) throw new Error('Session has no key');
    const key = this.sql('SELECT wrapped_key FROM data_keys WHERE id = ?').get(row.key_id) as
      { wrapped_key: Buffer } | undefined;
    if (!key) throw new Error('Session key is missing');
    return unwrapKey(this.masterKey(), key.wrapped_key, row.key_id, 'session');
  }

  readAnswers(row: SessionRow): Answers {
    if (!row.key_id) return {};
    const key = this.sessionKey(row);
    const rows = this.sql(
      'SELECT field, ciphertext, nonce FROM session_answers WHERE session_id = ? ORDER BY field',
    ).all(row.id) as { field: string; ciphertext: Buffer; nonce: Buffer }[];
    const answers: Answers = {};
    for (const answer of rows) {
      answers[answer.field] = openJson(key, answer, answerAad(row.id, answer.field)) as AnswerValue;
    }
    key.fill(0);
    return answers;
  }

  /** One transaction: the step's answers (sealed), removals, new position, activity. Durable on return. */
  saveStep(
    row: SessionRow,
    change: {
      set: Record<string, AnswerValue>;
      remove: string[];
      position: StoredPosition;
      completed: string[];
      now: number;
    },
  ): void {
    const key = this.sessionKey(row);
    const upsert = this.sql(
      `INSERT INTO session_answers (session_id, field, ciphertext, nonce, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (session_id, field) DO UPDATE SET
         ciphertext = excluded.ciphertext, nonce = excluded.nonce, updated_at = excluded.updated_at`,
    );
    const remove = this.sql('DELETE FROM session_answers WHERE session_id = ? AND field = ?');
    this.db.transaction(() => {
      for (const [field, value] of Object.entries(change.set)) {
        const sealed = sealJson(key, value, answerAad(row.id, field));
        upsert.run(row.id, field, sealed.ciphertext, sealed.nonce, change.now);
      }
      for (const field of change.remove) remove.run(row.id, field);
      this.updatePosition(row.id, change.position, change.completed, change.now);
    })();
    key.fill(0);
  }

  updatePosition(id: string, position: StoredPosition, completed: string[], now: number): void {
    this.sql('UPDATE sessions SET position = ?, completed_steps = ?, last_activity_at = ? WHERE id = ?').run(
      JSON.stringify(position),
      JSON.stringify(completed),
      now,
      id,
    );
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
      this.sql('DELETE FROM session_answers WHERE session_id = ?').run(id);
      this.sql('DELETE FROM sessions WHERE id = ?').run(id);
      if (row.key_id) this.sql("DELETE FROM data_keys WHERE id = ? AND purpose = 'session'").run(row.key_id);
      return true;
    })();
    if (removed) checkpointTruncate(this.db);
    return removed;
  }

  /** Removes answers without a session and session keys without a session (left by a crash or a bug). */
  wipeOrphans(): number {
    return this.db.transaction(() => {
      const answers = this.sql('DELETE FROM session_answers WHERE session_id NOT IN (SELECT id FROM sessions)').run()
        .changes;
      const keys = this.sql(
        `DELETE FROM data_keys WHERE
             (purpose = 'session' AND id NOT IN (SELECT key_id FROM sessions WHERE key_id IS NOT NULL))
             OR (purpose = 'outbox' AND id NOT IN (SELECT key_id FROM outbox))`,
      ).run().changes;
      return answers + keys;
    })();
  }
}
