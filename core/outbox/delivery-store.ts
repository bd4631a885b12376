import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Answers } from '../../contract';
import { attachmentAad, open, openJson, outboxAad, seal } from '../crypto/aead';
import { loadDataKey } from '../crypto/data-keys';
import { checkpointTruncate, type Db } from '../db/open-database';

export type DeliveryStatus = 'queued' | 'announced' | 'submitted' | 'accepted' | 'rejected' | 'parked';

export interface OutboxRow {
  id: string;
  reference: string;
  service_id: string;
  schema_uri: string;
  language: string;
  created_at: number;
  status: DeliveryStatus;
  status_changed_at: number;
  key_id: string | null;
  payload_ciphertext: Buffer | null;
  payload_nonce: Buffer | null;
  destination_id: string | null;
  submission_id: string | null;
  case_id: string | null;
  encryption_kid: string | null;
  attempts: number;
  next_attempt_at: number;
  problem: string | null;
}

export interface AttachmentRow {
  id: string;
  purpose: 'form' | 'attachment' | 'report';
  mime_type: string;
  sha512: string;
  uploaded_at: number | null;
}

export interface NewAttachment {
  purpose: AttachmentRow['purpose'];
  mimeType: string;
  sha512: string;
  bytes: Buffer;
}

/** A problem as staff see it: never personal data (see core/portal/portal-error.ts). */
export interface StoredProblem {
  type: string;
  title: string;
  status?: number;
}

/**
 * Every step of a delivery as one durable state change. The sync worker
 * writes here right after each portal call succeeds, so after a crash it
 * resumes from the last step the portal confirmed.
 */
export class DeliveryStore {
  /** Prepared once: a drain runs the same dozen statements for every application. */
  private readonly statements = new Map<string, Statement>();

  constructor(
    readonly db: Db,
    private readonly masterKey: () => Buffer,
  ) {}

  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  get(id: string): OutboxRow | undefined {
    return this.sql('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
  }

  /** Entries with work to do now: delivery steps, or reading the event log of a submitted one. */
  due(now: number, limit: number): OutboxRow[] {
    return this.db
      .prepare(
        `SELECT * FROM outbox WHERE status IN ('queued', 'announced', 'submitted') AND next_attempt_at <= ?
           ORDER BY next_attempt_at, created_at LIMIT ?`,
      )
      .all(now, limit) as OutboxRow[];
  }

  /** When the next entry becomes due, if any. */
  nextDueAt(): number | undefined {
    const row = this.db
      .prepare("SELECT min(next_attempt_at) AS at FROM outbox WHERE status IN ('queued', 'announced', 'submitted')")
      .get() as { at: number | null };
    return row.at ?? undefined;
  }

  private entryKey(row: OutboxRow): Buffer {
    if (!row.key_id) throw new Error('Outbox entry has no key (already accepted)');
    return loadDataKey(this.db, this.masterKey(), row.key_id, 'outbox');
  }

  payload(row: OutboxRow): Answers {
    if (!row.payload_ciphertext || !row.payload_nonce) throw new Error('Outbox entry has no content');
    const key = this.entryKey(row);
    try {
      const sealed = { ciphertext: row.payload_ciphertext, nonce: row.payload_nonce };
      return openJson(key, sealed, outboxAad(row.id, row.reference)) as Answers;
    } finally {
      key.fill(0);
    }
  }

  attachments(outboxId: string): AttachmentRow[] {
    return this.db
      .prepare(
        `SELECT a.id, a.purpose, a.mime_type, a.sha512, u.uploaded_at
           FROM outbox_attachments a LEFT JOIN outbox_attachment_uploads u ON u.attachment_id = a.id
           WHERE a.outbox_id = ? ORDER BY a.rowid`,
      )
      .all(outboxId) as AttachmentRow[];
  }

  attachmentBytes(row: OutboxRow, attachmentId: string): Buffer {
    const stored = this.db
      .prepare('SELECT ciphertext, nonce FROM outbox_attachments WHERE id = ? AND outbox_id = ?')
      .get(attachmentId, row.id) as { ciphertext: Buffer; nonce: Buffer } | undefined;
    if (!stored) throw new Error('Attachment is missing');
    const key = this.entryKey(row);
    try {
      return open(key, stored, attachmentAad(row.id, attachmentId));
    } finally {
      key.fill(0);
    }
  }

  /** Queued entries whose attachments are not made yet, oldest first. */
  awaitingAttachments(limit: number): OutboxRow[] {
    return this.db
      .prepare(
        `SELECT * FROM outbox o WHERE o.status = 'queued'
           AND NOT EXISTS (SELECT 1 FROM outbox_attachments a WHERE a.outbox_id = o.id)
           ORDER BY o.created_at LIMIT ?`,
      )
      .all(limit) as OutboxRow[];
  }

  /**
   * Stores the attachments sealed with the entry's key, so every retry sends the bytes the metadata hashes.
   * An entry keeps the first set stored: if two makers raced, the later set is dropped.
   */
  addAttachments(row: OutboxRow, attachments: NewAttachment[]): AttachmentRow[] {
    const key = this.entryKey(row);
    const insert = this.sql(
      `INSERT INTO outbox_attachments (id, outbox_id, purpose, mime_type, sha512, ciphertext, nonce)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    try {
      this.db.transaction(() => {
        if (this.sql('SELECT 1 FROM outbox_attachments WHERE outbox_id = ? LIMIT 1').get(row.id)) return;
        for (const attachment of attachments) {
          const id = randomUUID();
          const sealed = seal(key, attachment.bytes, attachmentAad(row.id, id));
          insert.run(
            id,
            row.id,
            attachment.purpose,
            attachment.mimeType,
            attachment.sha512,
            sealed.ciphertext,
            sealed.nonce,
          );
        }
      })();
    } finally {
      key.fill(0);
    }
    return this.attachments(row.id);
  }

  markAnnounced(
    id: string,
    announced: { destinationId: string; submissionId: string; caseId: string; encryptionKid: string },
    now: number,
  ): void {
    this.db
      .prepare(
        `UPDATE outbox SET status = 'announced', status_changed_at = ?, destination_id = ?, submission_id = ?,
           case_id = ?, encryption_kid = ?, attempts = 0, problem = NULL WHERE id = ? AND status = 'queued'`,
      )
      .run(now, announced.destinationId, announced.submissionId, announced.caseId, announced.encryptionKid, id);
  }

  markUploaded(outboxId: string, attachmentId: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO outbox_attachment_uploads (attachment_id, uploaded_at)
           SELECT id, ? FROM outbox_attachments WHERE id = ? AND outbox_id = ? AND true
           ON CONFLICT (attachment_id) DO UPDATE SET uploaded_at = excluded.uploaded_at`,
      )
      .run(now, attachmentId, outboxId);
  }

  markSubmitted(id: string, now: number, firstPollAt: number): void {
    this.db
      .prepare(
        `UPDATE outbox SET status = 'submitted', status_changed_at = ?, attempts = 0, next_attempt_at = ?,
           problem = NULL WHERE id = ? AND status = 'announced'`,
      )
      .run(now, firstPollAt, id);
  }

  /**
   * The portal accepted: the content, its attachments and its key are
   * destroyed in one transaction. Reference, service and status stay until
   * purged. The caller truncates the WAL afterwards (`truncateWal`), once for
   * all the entries a sync pass accepted.
   *
   * Only for the destination the entry was announced to and the configuration names for its
   * service (`acceptedBy`): an accept from anywhere else destroys nothing, and false is returned.
   */
  markAccepted(id: string, now: number, acceptedBy: string): boolean {
    const row = this.get(id);
    if (!row || row.status === 'accepted') return false;
    if (row.destination_id === null || row.destination_id !== acceptedBy) return false;
    this.db.transaction(() => {
      // The attachments are sealed with the entry's key, which goes below (zeroed, with secure_delete on):
      // their freed pages need not be zeroed as well, a megabyte of writes per application for ciphertext
      // nobody can open. Everything else is deleted with secure_delete on, as everywhere.
      this.db.pragma('secure_delete = FAST');
      try {
        this.sql('DELETE FROM outbox_attachments WHERE outbox_id = ?').run(id);
      } finally {
        this.db.pragma('secure_delete = ON');
      }
      this.db
        .prepare(
          `UPDATE outbox SET status = 'accepted', status_changed_at = ?, key_id = NULL, payload_ciphertext = NULL,
             payload_nonce = NULL, problem = NULL, next_attempt_at = 0 WHERE id = ?`,
        )
        .run(now, id);
      if (row.key_id) this.sql("DELETE FROM data_keys WHERE id = ? AND purpose = 'outbox'").run(row.key_id);
    })();
    return true;
  }

  /** Copies the WAL into the database and empties it, so no old page (a wrapped key) stays in the WAL file. */
  truncateWal(): void {
    checkpointTruncate(this.db);
  }

  /** Rejected by the destination: content kept, so staff can resend after correcting the cause. */
  markRejected(id: string, problem: StoredProblem, now: number): void {
    this.db
      .prepare(
        "UPDATE outbox SET status = 'rejected', status_changed_at = ?, problem = ? WHERE id = ? AND status = 'submitted'",
      )
      .run(now, JSON.stringify(problem), id);
  }

  /** A permanent failure: waits for staff, with the reason. */
  park(id: string, problem: StoredProblem, now: number): void {
    this.db
      .prepare(
        `UPDATE outbox SET status = 'parked', status_changed_at = ?, problem = ?
           WHERE id = ? AND status IN ('queued', 'announced', 'submitted')`,
      )
      .run(now, JSON.stringify(problem), id);
  }

  /** A transient failure: the same step again after the backoff. The status does not change. */
  scheduleRetry(id: string, attempts: number, nextAttemptAt: number, problem: StoredProblem): void {
    this.db
      .prepare('UPDATE outbox SET attempts = ?, next_attempt_at = ?, problem = ? WHERE id = ?')
      .run(attempts, nextAttemptAt, JSON.stringify(problem), id);
  }

  /** The next look at a submitted entry's event log. */
  schedulePoll(id: string, nextAttemptAt: number): void {
    this.sql('UPDATE outbox SET next_attempt_at = ?, attempts = 0 WHERE id = ?').run(nextAttemptAt, id);
  }

  /**
   * Announce afresh, uploading the same stored attachments: the portal forgot
   * the announced submission (incomplete ones are deleted after a day), or the
   * destination's key changed after some parts were encrypted for the old one.
   */
  resetAnnouncement(id: string, now: number): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE outbox SET status = 'queued', status_changed_at = ?, submission_id = NULL, case_id = NULL,
             encryption_kid = NULL, next_attempt_at = ? WHERE id = ? AND status = 'announced'`,
        )
        .run(now, now, id);
      this.forgetUploads(id);
    })();
  }

  private forgetUploads(outboxId: string): void {
    this.db
      .prepare(
        'DELETE FROM outbox_attachment_uploads WHERE attachment_id IN (SELECT id FROM outbox_attachments WHERE outbox_id = ?)',
      )
      .run(outboxId);
  }

  /** Staff: send a parked or rejected entry again, as a new submission. */
  resend(id: string, now: number): boolean {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare(
          `UPDATE outbox SET status = 'queued', status_changed_at = ?, submission_id = NULL, case_id = NULL,
             encryption_kid = NULL, attempts = 0, next_attempt_at = ?, problem = NULL
             WHERE id = ? AND status IN ('parked', 'rejected')`,
        )
        .run(now, now, id).changes;
      if (changed) this.forgetUploads(id);
      return changed > 0;
    })();
  }

  /** Rows of accepted entries older than the retention go; nothing personal was left in them. */
  purgeAccepted(before: number): number {
    return this.sql("DELETE FROM outbox WHERE status = 'accepted' AND status_changed_at < ?").run(before).changes;
  }

  /** The staff view: no content, no personal data. */
  /** Applications not yet accepted or rejected by the portal (the hub's terminal overview). */
  backlog(): number {
    // Prepared once: the hub's activity asks on every step.
    const row = this.sql(
      "SELECT COUNT(*) AS count FROM outbox WHERE status IN ('queued', 'announced', 'submitted')",
    ).get() as { count: number };
    return row.count;
  }

  /**
   * Issue 20, the terminal's health report: how many wait, since when the oldest, and when the portal last took
   * one (an accepted row's time of acceptance, kept until the retention purges it).
   */
  healthFigures(): { depth: number; oldestCreatedAt: number | null; lastDeliveredAt: number | null } {
    const row = this.db
      .prepare(
        `SELECT
           (SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'announced', 'submitted')) AS depth,
           (SELECT MIN(created_at) FROM outbox WHERE status IN ('queued', 'announced', 'submitted')) AS oldest,
           (SELECT MAX(status_changed_at) FROM outbox WHERE status IN ('submitted', 'accepted')) AS delivered`,
      )
      .get() as { depth: number; oldest: number | null; delivered: number | null };
    return { depth: row.depth, oldestCreatedAt: row.oldest, lastDeliveredAt: row.delivered };
  }

  statusList(): OutboxRow[] {
    return this.sql('SELECT * FROM outbox ORDER BY created_at DESC').all() as OutboxRow[];
  }
}
