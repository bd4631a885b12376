import { importPrivateKey, type KeyPurpose } from './crypto/keys';
import { signSet } from './crypto/set';
import type { EventStore } from './db/event-store';
import type { KeyStore } from './db/key-store';
import type { SubmissionRecord } from './db/submission-store';
import type { EventName } from './protocol/events';

/** Signs events with the right key and issuer and appends them to a case's log. */
export class EventLog {
  private readonly cryptoKeys = new Map<string, Promise<CryptoKey>>();

  constructor(
    private readonly events: EventStore,
    private readonly keys: KeyStore,
    private readonly serviceIssuer: () => string,
    private readonly now: () => number,
  ) {}

  /** create-/submit-submission: written by the submission service itself. */
  appendServiceEvent(submission: SubmissionRecord, event: EventName, payload: Record<string, unknown> = {}) {
    return this.append(submission, event, payload, 'service-signing', this.serviceIssuer());
  }

  /** accept-/reject-submission: written by the subscriber on behalf of the destination. */
  appendSubscriberEvent(submission: SubmissionRecord, event: EventName, payload: Record<string, unknown>) {
    return this.append(submission, event, payload, 'subscriber-signing', submission.destinationId);
  }

  tokensForCase(caseId: string): string[] {
    return this.events.tokensForCase(caseId);
  }

  private async append(
    submission: SubmissionRecord,
    event: EventName,
    eventPayload: Record<string, unknown>,
    purpose: KeyPurpose,
    issuer: string,
  ): Promise<void> {
    const key = this.keys.get(purpose);
    let privateKey = this.cryptoKeys.get(key.kid);
    if (!privateKey) {
      privateKey = importPrivateKey(key);
      this.cryptoKeys.set(key.kid, privateKey);
    }
    const issuedAtMs = this.now();
    const token = await signSet(
      { issuer, submissionId: submission.submissionId, caseId: submission.caseId, event, eventPayload, issuedAtMs },
      key.kid,
      await privateKey,
    );
    this.events.append(submission.caseId, submission.submissionId, event, token, issuedAtMs);
  }
}
