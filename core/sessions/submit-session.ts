import type { Answers, ApplicableParts } from '../../contract';
import { insertQueued, referenceTaken } from '../outbox/outbox-store';
import { uniqueReference } from '../reference';
import type { SessionRow, SessionStore } from './session-store';
import type { StoredPosition } from './stored-position';

/**
 * Submission in ONE transaction: the outbox row with its own key, the draft
 * answers and the session key deleted, the session marked submitted with its
 * reference. The caller truncates the WAL once the surrounding transaction has
 * committed, so the draft leaves no trace (a checkpoint cannot run inside it).
 */
export function submitSession(
  store: SessionStore,
  masterKey: Buffer,
  row: SessionRow,
  submission: { serviceId: string; schemaUri: string; language: string; data: Answers; now: number },
  parts: ApplicableParts,
): { reference: string; outboxId: string; submittedAt: string } {
  const db = store.db;
  const submittedAt = new Date(submission.now).toISOString();
  const result = db.transaction(() => {
    const reference = uniqueReference((candidate) => referenceTaken(db, candidate));
    const outboxId = insertQueued(db, masterKey, { ...submission, reference });
    const position: StoredPosition = { kind: 'confirmation', reference, submittedAt, parts };
    db.prepare(
      `UPDATE sessions SET status = 'submitted', key_id = NULL, reference = ?, submitted_at = ?, position = ?,
         completed_steps = '[]', last_activity_at = ?, draft_ciphertext = NULL, draft_nonce = NULL WHERE id = ?`,
    ).run(reference, submission.now, JSON.stringify(position), submission.now, row.id);
    if (row.key_id) db.prepare("DELETE FROM data_keys WHERE id = ? AND purpose = 'session'").run(row.key_id);
    return { reference, outboxId };
  })();
  store.forgetKey(row.id);
  return { ...result, submittedAt };
}
