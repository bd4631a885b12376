import type { SubscriberProblem } from '../protocol/events';
import type { ReceiverDb } from './open-receiver-db';

/** Submissions and their uploaded attachments, as the Submission API holds them (ciphertext only). */

export type SubmissionStatus = 'incomplete' | 'submitted' | 'accepted' | 'rejected';

export interface SubmissionRecord {
  submissionId: string;
  caseId: string;
  destinationId: string;
  clientId: string;
  serviceIdentifier: string;
  serviceName: string | null;
  announcedAttachments: string[];
  status: SubmissionStatus;
  encryptedMetadata: string | null;
  encryptedData: string | null;
  createdAt: number;
  submittedAt: number | null;
  decidedAt: number | null;
  problems: SubscriberProblem[];
}

interface SubmissionRow {
  submission_id: string;
  case_id: string;
  destination_id: string;
  client_id: string;
  service_identifier: string;
  service_name: string | null;
  announced_attachments: string;
  status: SubmissionStatus;
  encrypted_metadata: string | null;
  encrypted_data: string | null;
  created_at: number;
  submitted_at: number | null;
  decided_at: number | null;
  problems: string | null;
}

function fromRow(row: SubmissionRow): SubmissionRecord {
  return {
    submissionId: row.submission_id,
    caseId: row.case_id,
    destinationId: row.destination_id,
    clientId: row.client_id,
    serviceIdentifier: row.service_identifier,
    serviceName: row.service_name,
    announcedAttachments: JSON.parse(row.announced_attachments) as string[],
    status: row.status,
    encryptedMetadata: row.encrypted_metadata,
    encryptedData: row.encrypted_data,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    problems: row.problems ? (JSON.parse(row.problems) as SubscriberProblem[]) : [],
  };
}

export interface NewSubmission {
  submissionId: string;
  caseId: string;
  destinationId: string;
  clientId: string;
  serviceIdentifier: string;
  serviceName: string | null;
  announcedAttachments: string[];
  createdAt: number;
}

export class SubmissionStore {
  constructor(private readonly db: ReceiverDb) {}

  insert(submission: NewSubmission): void {
    this.db
      .prepare(
        `INSERT INTO submissions (submission_id, case_id, destination_id, client_id, service_identifier, service_name,
           announced_attachments, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'incomplete', ?)`,
      )
      .run(
        submission.submissionId,
        submission.caseId,
        submission.destinationId,
        submission.clientId,
        submission.serviceIdentifier,
        submission.serviceName,
        JSON.stringify(submission.announcedAttachments),
        submission.createdAt,
      );
  }

  get(submissionId: string): SubmissionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM submissions WHERE submission_id = ?').get(submissionId) as
      SubmissionRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  caseExists(caseId: string): { clientId: string } | undefined {
    const row = this.db.prepare('SELECT client_id FROM submissions WHERE case_id = ? LIMIT 1').get(caseId) as
      { client_id: string } | undefined;
    return row ? { clientId: row.client_id } : undefined;
  }

  /** Every submission the subscriber has decided on, oldest first. */
  listDecided(): SubmissionRecord[] {
    const rows = this.db
      .prepare("SELECT * FROM submissions WHERE status IN ('accepted', 'rejected') ORDER BY decided_at, rowid")
      .all() as SubmissionRow[];
    return rows.map(fromRow);
  }

  /** Deletes the decided submissions (and their attachments) decided before `cutoff`; returns how many. */
  deleteDecidedBefore(cutoff: number): number {
    return this.db.transaction(() => {
      const old = "SELECT submission_id FROM submissions WHERE status IN ('accepted', 'rejected') AND decided_at < ?";
      this.db.prepare(`DELETE FROM attachments WHERE submission_id IN (${old})`).run(cutoff);
      return this.db.prepare(`DELETE FROM submissions WHERE submission_id IN (${old})`).run(cutoff).changes;
    })();
  }

  putAttachment(submissionId: string, attachmentId: string, encrypted: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO attachments (submission_id, attachment_id, encrypted, uploaded_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (submission_id, attachment_id) DO UPDATE SET encrypted = excluded.encrypted,
           uploaded_at = excluded.uploaded_at`,
      )
      .run(submissionId, attachmentId, encrypted, now);
  }

  uploadedAttachmentIds(submissionId: string): Set<string> {
    const rows = this.db
      .prepare('SELECT attachment_id FROM attachments WHERE submission_id = ?')
      .all(submissionId) as Array<{ attachment_id: string }>;
    return new Set(rows.map((row) => row.attachment_id));
  }

  attachments(submissionId: string): Map<string, string> {
    const rows = this.db
      .prepare('SELECT attachment_id, encrypted FROM attachments WHERE submission_id = ?')
      .all(submissionId) as Array<{ attachment_id: string; encrypted: string }>;
    return new Map(rows.map((row) => [row.attachment_id, row.encrypted]));
  }

  /** incomplete → submitted; false if the submission was not incomplete (a concurrent send won). */
  markSubmitted(submissionId: string, encryptedMetadata: string, encryptedData: string | null, now: number): boolean {
    const result = this.db
      .prepare(
        `UPDATE submissions SET status = 'submitted', encrypted_metadata = ?, encrypted_data = ?, submitted_at = ?
         WHERE submission_id = ? AND status = 'incomplete'`,
      )
      .run(encryptedMetadata, encryptedData, now, submissionId);
    return result.changes === 1;
  }

  markDecided(submissionId: string, outcome: 'accepted' | 'rejected', problems: SubscriberProblem[], now: number) {
    this.db
      .prepare(
        `UPDATE submissions SET status = ?, decided_at = ?, problems = ? WHERE submission_id = ? AND status = 'submitted'`,
      )
      .run(outcome, now, JSON.stringify(problems), submissionId);
  }
}
