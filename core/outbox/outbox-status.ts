import type { OutboxStatusEntry } from '../../contract';
import type { OutboxRow, StoredProblem } from './delivery-store';

const iso = (ms: number) => new Date(ms).toISOString();
const PENDING = new Set(['queued', 'announced', 'submitted']);

/** An outbox row as staff see it: reference, service and delivery state only. */
export function outboxStatusEntry(row: OutboxRow): OutboxStatusEntry {
  const problem = row.problem ? (JSON.parse(row.problem) as StoredProblem) : null;
  return {
    reference: row.reference,
    serviceId: row.service_id,
    // "announced" is an internal step; for people the application is being sent.
    status: row.status === 'announced' ? 'sending' : row.status,
    createdAt: iso(row.created_at),
    statusChangedAt: iso(row.status_changed_at),
    attempts: row.attempts,
    nextAttemptAt: PENDING.has(row.status) ? iso(row.next_attempt_at) : null,
    problem: problem
      ? {
          type: problem.type,
          title: problem.title,
          ...(problem.status !== undefined ? { status: problem.status } : {}),
        }
      : null,
  };
}
