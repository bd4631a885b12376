import type { DestinationConfig } from '../config';
import { authenticationTagOf } from '../crypto/jwe';
import { importPrivateKey } from '../crypto/keys';
import type { KeyStore } from '../db/key-store';
import type { SubmissionStore } from '../db/submission-store';
import type { EventLog } from '../event-log';
import { subscriberProblem, type AuthenticationTags, type SubscriberProblem } from '../protocol/events';
import type { Validators } from './validators';
import { verifySubmission } from './verify-submission';

/**
 * The in-process subscriber: after each send it fetches the submission, verifies it, and appends a signed
 * accept-submission (with the authentication tags it checked) or reject-submission (with the problems).
 * Runs after the HTTP answer, like a real subscriber polling the submission service.
 */
export interface SubscriberDeps {
  submissions: SubmissionStore;
  keys: KeyStore;
  eventLog: EventLog;
  validators: Validators;
  destinations: Map<string, DestinationConfig>;
  now: () => number;
  log: (event: string, fields: Record<string, string | number | boolean>) => void;
}

export class Subscriber {
  private readonly pending = new Set<Promise<void>>();
  private readonly cryptoKeys = new Map<string, Promise<CryptoKey>>();
  /** While held, sent submissions wait here: the authority's systems are busy or closed (see hold()). */
  private held: (() => void)[] | undefined;

  constructor(private readonly deps: SubscriberDeps) {}

  /**
   * Holds back decisions until release(). A real subscriber runs on the authority's own machines, at its own
   * pace; holding it lets a test or benchmark on one small machine measure the sender and the submission
   * service without the subscriber's decryption competing for the same cores.
   */
  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const waiting = this.held ?? [];
    this.held = undefined;
    for (const start of waiting) start();
  }

  enqueue(submissionId: string, options: { forceReject: boolean }): void {
    const started = new Promise<void>((resolve) => (this.held ? this.held.push(resolve) : setImmediate(resolve)));
    const job = started
      .then(() => this.process(submissionId, options.forceReject))
      .catch((error: unknown) => {
        this.deps.log('subscriber.failed', {
          submissionId,
          errorClass: (error as Error)?.constructor?.name ?? 'unknown',
        });
      })
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  /** Resolves once every submission sent so far has been decided (after release(), when held). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async process(submissionId: string, forceReject: boolean): Promise<void> {
    const { submissions, keys, eventLog, validators, destinations } = this.deps;
    const submission = submissions.get(submissionId);
    if (!submission || submission.status !== 'submitted') return;
    const encryptedAttachments = submissions.attachments(submissionId);
    let problems: SubscriberProblem[];
    try {
      const key = keys.get('encryption');
      problems = await verifySubmission({
        submission,
        destination: destinations.get(submission.destinationId),
        encryptedAttachments,
        encryptionKid: key.kid,
        decryptionKey: await this.cryptoKey(key.kid, () => importPrivateKey(key)),
        validators,
      });
    } catch {
      problems = [subscriberProblem('technical-error', 'submission', 'the submission could not be processed')];
    }
    if (forceReject && problems.length === 0) {
      problems = [subscriberProblem('schema-violation', 'data', 'rejected by fault injection (forceReject)')];
    }
    if (problems.length === 0) {
      const tags: AuthenticationTags = { metadata: authenticationTagOf(submission.encryptedMetadata!) };
      if (submission.encryptedData !== null) tags.data = authenticationTagOf(submission.encryptedData);
      if (encryptedAttachments.size > 0) {
        tags.attachments = Object.fromEntries(
          [...encryptedAttachments].map(([id, jwe]) => [id, authenticationTagOf(jwe)]),
        );
      }
      await eventLog.appendSubscriberEvent(submission, 'accept-submission', { authenticationTags: tags });
      submissions.markDecided(submissionId, 'accepted', [], this.deps.now());
    } else {
      await eventLog.appendSubscriberEvent(submission, 'reject-submission', { problems });
      submissions.markDecided(submissionId, 'rejected', problems, this.deps.now());
    }
    this.deps.log('subscriber.decided', {
      submissionId,
      outcome: problems.length === 0 ? 'accepted' : 'rejected',
      problems: problems
        .map((problem) => `${problem.type.slice(problem.type.lastIndexOf('/') + 1)}@${problem.instance}`)
        .join(','),
    });
  }

  private cryptoKey(kid: string, load: () => Promise<CryptoKey>): Promise<CryptoKey> {
    let key = this.cryptoKeys.get(kid);
    if (!key) {
      key = load();
      this.cryptoKeys.set(kid, key);
    }
    return key;
  }
}
