import type { KioskEvent, Result, SessionEndReason, SessionView } from '../../contract';
import { sessionViewOf } from '../api/session-views';
import type { FeedbackRating, GiveUpReason } from '../../contract/usage';
import { errorClass } from '../logging';
import type { Clock, Logger } from '../types';
import { dayInZone, hourInZone } from './local-time';
import { askedForHelp, durationBucket, newTally, reachStep, type SessionTally } from './session-tally';
import type { UsageStore } from './usage-store';

export interface UsageCounterParts {
  store: UsageStore;
  clock: Clock;
  timeZone: string;
  logger: Logger;
  /** A session was folded into the day's totals: the hub may be told. */
  onFolded(): void;
}

/** What the core saw when a call answered, for counting it later. */
export interface AnsweredCall {
  /** The session view it answered with (absent: worked out here). */
  view?: SessionView | undefined;
  /** The clock's time of the answer (absent: now). */
  at?: number;
}

/** Why the core ended a session without it being completed, as the figures name it. */
const GIVE_UP: Record<SessionEndReason, GiveUpReason> = {
  resident: 'ended',
  finished: 'ended',
  startup: 'ended',
  idle: 'idle',
  handover: 'desk',
};

/**
 * Counts what the session in progress does (issue 18), in memory only, from the kiosk core's own calls and
 * events: the core calls `before` and `after` around every dispatched call and `onCoreEvent` for its events.
 * When the session ends (or is wiped) its tally is folded into the day's totals and forgotten.
 */
export class UsageCounter {
  private tally: SessionTally | undefined;
  /** visit.prepare is running: the session it ends (handed to the desk, or finished) was completed. */
  private preparingVisit = false;
  /** The session folded last, until the next one starts: "Wie war es?" comes after the journey's end. */
  private recent: { day: string; feedback: FeedbackRating | undefined } | undefined;

  constructor(private readonly parts: UsageCounterParts) {}

  /** Before a call runs: what only the call (not its answer) says. */
  before(method: unknown): void {
    if (method === 'visit.prepare') this.preparingVisit = true;
  }

  /**
   * After a call answered: the session's start, the steps it reached, help, speech, completion. The core calls
   * this after the reply has left (core/api/after-reply.ts) and says what it saw when the call answered: the
   * session view (core/api/session-views.ts) and the clock's time.
   */
  after(method: unknown, input: unknown, result: Result<unknown>, seen: AnsweredCall = {}): void {
    if (method === 'visit.prepare') this.preparingVisit = false;
    if (!result.ok || typeof method !== 'string') return;
    try {
      const view = 'view' in seen ? seen.view : sessionViewOf(method, result);
      this.observe(method, input, view, seen.at ?? this.parts.clock.now());
    } catch (error) {
      // Counting must never break the resident's call.
      this.parts.logger.error('usage.count_failed', { errorClass: errorClass(error) });
    }
  }

  onCoreEvent(event: KioskEvent): void {
    const tally = this.tally;
    if (!tally) return;
    if (event.type === 'help.changed' && (event.state.status === 'viewing' || event.state.status === 'takeover')) {
      tally.takenOver = true;
    } else if (event.type === 'session.ended' && event.sessionId === tally.sessionId) {
      this.end(event.reason);
    }
  }

  /** Text size, contrast and speech as the resident used them (they live in the renderer, which reports them). */
  settingsUsed(sessionId: string, used: { largeText?: boolean; highContrast?: boolean; speech?: boolean }): boolean {
    const tally = this.tally;
    if (!tally || tally.sessionId !== sessionId) return false;
    if (used.largeText) tally.largeText = true;
    if (used.highContrast) tally.highContrast = true;
    if (used.speech) tally.speech = true;
    return true;
  }

  /** "Wie war es?": counted once per session, the last rating wins; also just after the session ended. */
  feedbackGiven(rating: FeedbackRating): void {
    if (this.tally) {
      this.tally.feedback = rating;
      return;
    }
    const recent = this.recent;
    if (!recent || recent.feedback === rating) return;
    this.parts.store.feedback(recent.day, recent.feedback, rating);
    recent.feedback = rating;
    this.parts.onFolded();
  }

  private observe(method: string, input: unknown, view: SessionView | undefined, now: number): void {
    const { timeZone } = this.parts;
    if (method === 'session.start' && view) {
      // startSession ended (and folded) any previous session before this answer.
      this.recent = undefined;
      this.tally = newTally({
        sessionId: view.sessionId,
        day: dayInZone(now, timeZone),
        hour: hourInZone(now, timeZone),
        nowMs: now,
        serviceId: view.serviceId,
        language: view.language,
      });
    }
    const tally = this.tally;
    if (!tally) return;
    if (method.startsWith('session.')) {
      if (!view || view.sessionId !== tally.sessionId) return;
      tally.language = view.language;
      const { position } = view;
      if (position.kind === 'step') reachStep(tally, position.stepId);
      if (position.kind === 'confirmation') tally.completed = true;
    } else if (method === 'help.request') {
      const reason = (input as { reason?: unknown }).reason;
      askedForHelp(tally, reason !== 'button', hourInZone(now, timeZone));
    } else if (method === 'visit.prepare') {
      tally.completed = true;
    }
  }

  private end(reason: SessionEndReason): void {
    const tally = this.tally!;
    this.tally = undefined;
    if (this.preparingVisit) tally.completed = true;
    const givenUp = tally.completed ? undefined : GIVE_UP[reason];
    const outcome = {
      completed: tally.completed,
      givenUp,
      continuedAtDesk: givenUp === 'desk',
      duration: durationBucket(this.parts.clock.now() - tally.startedAtMs),
    };
    try {
      this.parts.store.fold(tally, outcome);
    } catch (error) {
      this.parts.logger.error('usage.fold_failed', { errorClass: errorClass(error) });
      return;
    }
    this.recent = { day: tally.day, feedback: tally.feedback };
    this.parts.logger.info('usage.folded');
    this.parts.onFolded();
  }
}
