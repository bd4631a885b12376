import type { EventName } from '../protocol/events';
import type { ReceiverDb } from './open-receiver-db';

/** The event log: signed Security Event Tokens per case, in the order they were issued. */
export class EventStore {
  constructor(private readonly db: ReceiverDb) {}

  append(caseId: string, submissionId: string, event: EventName, token: string, issuedAt: number): void {
    this.db
      .prepare('INSERT INTO events (case_id, submission_id, event, token, issued_at) VALUES (?, ?, ?, ?, ?)')
      .run(caseId, submissionId, event, token, issuedAt);
  }

  tokensForCase(caseId: string): string[] {
    const rows = this.db.prepare('SELECT token FROM events WHERE case_id = ? ORDER BY seq').all(caseId) as Array<{
      token: string;
    }>;
    return rows.map((row) => row.token);
  }
}
