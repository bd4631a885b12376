import { decryptCompact, kidOf } from './crypto/jwe';
import { importPrivateKey } from './crypto/keys';
import { KeyStore } from './db/key-store';
import { openReceiverDb } from './db/open-receiver-db';
import { SubmissionStore, type SubmissionStatus } from './db/submission-store';
import type { SubscriberProblem } from './protocol/events';

/**
 * Received applications, decrypted on demand for the demo page and the CLI. Each part is decrypted with
 * the key its JWE names, retired keys included; a part that cannot be decrypted comes back as null.
 */
export interface ReceivedAttachment {
  attachmentId: string;
  purpose: string | null;
  mimeType: string | null;
  filename: string | null;
  content: Buffer | null;
}

export interface ReceivedApplication {
  submissionId: string;
  caseId: string;
  destinationId: string;
  serviceIdentifier: string;
  serviceName: string | null;
  status: Extract<SubmissionStatus, 'accepted' | 'rejected'>;
  problems: SubscriberProblem[];
  submittedAt: string | null;
  decidedAt: string | null;
  metadata: unknown;
  data: unknown;
  attachments: ReceivedAttachment[];
}

interface AttachmentEntry {
  attachmentId?: string;
  purpose?: string;
  mimeType?: string;
  filename?: string;
}

async function decryptWithAnyKey(keys: KeyStore, jwe: string | null): Promise<Buffer | null> {
  if (jwe === null) return null;
  const kid = kidOf(jwe);
  const key = kid === undefined ? undefined : keys.byKid(kid);
  if (!key || key.purpose !== 'encryption') return null;
  try {
    return Buffer.from(await decryptCompact(jwe, await importPrivateKey(key)));
  } catch {
    return null;
  }
}

function jsonOrText(bytes: Buffer | null): unknown {
  if (bytes === null) return null;
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function listReceivedApplications(
  submissions: SubmissionStore,
  keys: KeyStore,
): Promise<ReceivedApplication[]> {
  const result: ReceivedApplication[] = [];
  for (const submission of submissions.listDecided()) {
    const metadata = jsonOrText(await decryptWithAnyKey(keys, submission.encryptedMetadata));
    const entries: AttachmentEntry[] =
      (metadata as { contentStructure?: { attachments?: AttachmentEntry[] } } | null)?.contentStructure?.attachments ??
      [];
    const attachments: ReceivedAttachment[] = [];
    for (const [attachmentId, jwe] of submissions.attachments(submission.submissionId)) {
      const entry = entries.find((candidate) => candidate.attachmentId?.toLowerCase() === attachmentId);
      attachments.push({
        attachmentId,
        purpose: entry?.purpose ?? null,
        mimeType: entry?.mimeType ?? null,
        filename: entry?.filename ?? null,
        content: await decryptWithAnyKey(keys, jwe),
      });
    }
    result.push({
      submissionId: submission.submissionId,
      caseId: submission.caseId,
      destinationId: submission.destinationId,
      serviceIdentifier: submission.serviceIdentifier,
      serviceName: submission.serviceName,
      status: submission.status as 'accepted' | 'rejected',
      problems: submission.problems,
      submittedAt: submission.submittedAt === null ? null : new Date(submission.submittedAt).toISOString(),
      decidedAt: submission.decidedAt === null ? null : new Date(submission.decidedAt).toISOString(),
      metadata,
      data: jsonOrText(await decryptWithAnyKey(keys, submission.encryptedData)),
      attachments,
    });
  }
  return result;
}

/** For a CLI: the applications in a receiver's data directory, without starting its server. */
export async function listReceivedFromDataDir(dataDir: string): Promise<ReceivedApplication[]> {
  const db = openReceiverDb(dataDir);
  try {
    return await listReceivedApplications(new SubmissionStore(db), new KeyStore(db, Date.now));
  } finally {
    db.close();
  }
}
