import type { FeedbackComment } from '../../contract';
import type { HubLink } from './hub-link';

/** More comments than this between two connections are not expected at one kiosk; the oldest go first. */
const MAX_PENDING = 50;

/**
 * Residents' feedback comments (issue 18), already stripped of personal data, on their way to the hub. A comment
 * stays in memory until the hub says `feedback.stored`, and goes again on each new connection; it never goes to
 * disk, so a kiosk that shuts down while the hub is out of reach (or without a hub at all) drops what waited.
 */
export class FeedbackComments {
  private readonly pending = new Map<string, FeedbackComment>();

  constructor(private readonly link: Pick<HubLink, 'send'>) {}

  /** 'sent' when it went on an open connection (kept until the hub confirms), else 'waiting'. */
  add(comment: FeedbackComment): 'sent' | 'waiting' {
    this.pending.set(comment.commentId, comment);
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    return this.link.send({ type: 'feedback.comment', comment }) ? 'sent' : 'waiting';
  }

  /** The hub stored it (or already had it): forget it here. */
  onStored(commentId: string): void {
    this.pending.delete(commentId);
  }

  /** The connection is (again) open: everything not yet confirmed goes now. */
  flush(): void {
    for (const comment of this.pending.values()) {
      if (!this.link.send({ type: 'feedback.comment', comment })) return;
    }
  }

  /** How many wait for the hub's confirmation (tests, and nothing else: they are never logged). */
  get waiting(): number {
    return this.pending.size;
  }

  /** Shutdown: what waited is dropped on purpose. */
  clear(): void {
    this.pending.clear();
  }
}
