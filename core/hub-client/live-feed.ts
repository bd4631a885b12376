import type { SessionView } from '../../contract';
import type { TerminalToHub } from '../../contract/hub';
import { activityOf, snapshotOf } from './activity';

/**
 * What the hub hears of the session as it goes: the activity (where the resident is, never an answer)
 * always, the live snapshot only while the resident consents (the caller checks). Each goes only
 * when it changed, and counts as sent only when the connection took it.
 */
export class LiveFeed {
  private lastActivity = '';
  private lastSnapshot = '';

  constructor(
    private readonly send: (message: TerminalToHub) => boolean,
    private readonly outboxBacklog: () => number,
  ) {}

  activity(view: SessionView | null): void {
    const activity = activityOf(view);
    const text = JSON.stringify(activity);
    if (text === this.lastActivity) return;
    if (this.send({ type: 'activity', activity, outboxBacklog: this.outboxBacklog() })) this.lastActivity = text;
  }

  /** After a (re)connect the hello carried this activity: only a change goes again. */
  activityInHello(view: SessionView | null): void {
    this.lastActivity = JSON.stringify(activityOf(view));
  }

  snapshot(requestId: string, view: SessionView): void {
    const snapshot = snapshotOf(view);
    const text = JSON.stringify(snapshot);
    if (text === this.lastSnapshot) return;
    if (this.send({ type: 'live.snapshot', requestId, snapshot })) this.lastSnapshot = text;
  }

  /** The next consent starts afresh: its first snapshot goes even if nothing changed. */
  resetSnapshot(): void {
    this.lastSnapshot = '';
  }
}
