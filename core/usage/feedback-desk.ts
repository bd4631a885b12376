import { randomUUID } from 'node:crypto';
import { fail, ok, type AnswerValue, type FeedbackComment, type FeedbackRating, type Result } from '../../contract';
import { isoDateInZone } from '../clock';
import type { CoreContext } from '../sessions/context';
import { currentSession } from '../sessions/lifecycle';
import { stripPersonalData } from './strip-personal-data';

/**
 * Where the ratings are counted (issue 18: core/usage's per-session counter). Declared here, so feedback does not
 * depend on how counting is built; wired in core/kiosk-core.ts.
 */
export interface FeedbackRatingSink {
  feedbackGiven(rating: FeedbackRating): void;
}

/** Where a stripped comment goes: the hub link, which sends it now or keeps it in memory until it can. */
export interface FeedbackCommentSender {
  feedbackComment(comment: FeedbackComment): 'sent' | 'waiting';
}

/** What "Wie war es?" answers: whether a comment went to the hub now, waits for the link, or there was none. */
export type FeedbackOutcome = 'none' | 'sent' | 'waiting';

/** A journey that just ended (sent, or the visit prepared): what the question may be about. */
interface EndedJourney {
  sessionId: string;
  serviceId: string;
  /** Every text the resident typed in it, to strip from the comment. In memory only, until the next resident. */
  typed: string[];
  endedAtMs: number;
}

/**
 * A backstop only: the next session, "Fertig" and the idle end of the page forget the journey first. Long enough
 * for a slow typist on the on-screen keyboard.
 */
const JOURNEY_MEMORY_MS = 30 * 60_000;

/** The town counts days in Berlin time; a core without its own `today` (tests) uses the same. */
const TIME_ZONE = 'Europe/Berlin';

/** Every string in an answer, group items included. */
function typedStrings(value: AnswerValue, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (typeof value === 'number') into.push(String(value));
  else if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'string') into.push(item);
      else for (const inner of Object.values(item)) typedStrings(inner, into);
    }
  }
}

/**
 * "Wie war es?" at the end of a journey (issue 18). The question belongs to the journey that just ended: the core
 * remembers, in memory, which service it was and what the resident typed (its answers are wiped on sending), so
 * the comment can be stripped of them. One answer per journey; the next resident, "Fertig" or the idle timeout
 * forget it. The rating is counted through the sink; the comment, stripped, goes to the hub and nowhere else.
 */
export class FeedbackDesk {
  private journey: EndedJourney | undefined;

  constructor(
    private readonly ctx: CoreContext,
    private readonly sender: FeedbackCommentSender,
    private readonly ratings?: FeedbackRatingSink,
  ) {}

  /** Before sending or preparing the visit: what the resident typed, read while the session still has it. */
  typedIn(sessionId: string): string[] | undefined {
    const active = currentSession(this.ctx);
    if (!active || active.row.id !== sessionId) return undefined;
    const typed: string[] = [];
    for (const value of Object.values(this.ctx.store.readAnswers(active.row))) typedStrings(value, typed);
    return typed;
  }

  /** The journey ended well (sent, or the visit prepared): the question may now be answered once. */
  journeyEnded(sessionId: string, serviceId: string, typed: string[]): void {
    this.journey = { sessionId, serviceId, typed, endedAtMs: this.ctx.clock.now() };
  }

  /** The next resident, "Fertig", or the page left: nothing of the last journey stays. */
  forget(): void {
    this.journey = undefined;
  }

  give(input: { rating: FeedbackRating | null; comment?: string | undefined }): Result<{ comment: FeedbackOutcome }> {
    const journey = this.current();
    if (!journey) return fail('not_reachable', { detail: 'no journey has just ended, or it was answered' });
    const text = input.comment?.trim() ?? '';
    if (input.rating === null && text === '') return fail('invalid_input', { detail: 'a rating or a comment' });
    // Once per journey: a second tap (or a replayed call) neither counts nor sends again.
    this.journey = undefined;
    if (input.rating !== null) this.ratings?.feedbackGiven(input.rating);
    let outcome: FeedbackOutcome = 'none';
    if (text !== '') {
      const stripped = stripPersonalData(text, journey.typed).slice(0, 500);
      const now = this.ctx.clock.now();
      outcome = this.sender.feedbackComment({
        commentId: randomUUID(),
        day: this.ctx.today?.() ?? isoDateInZone(now, TIME_ZONE),
        serviceId: journey.serviceId,
        rating: input.rating,
        text: stripped,
      });
    }
    // Never the text: only that there was one (fields from the log's whitelist: the face, where the comment went).
    this.ctx.logger.info('feedback.given', {
      serviceId: journey.serviceId,
      status: input.rating ?? 'none',
      detail: `comment ${outcome}`,
    });
    return ok({ comment: outcome });
  }

  /** The journey the question is about, if it ended lately. */
  private current(): EndedJourney | undefined {
    const journey = this.journey;
    if (journey && this.ctx.clock.now() - journey.endedAtMs > JOURNEY_MEMORY_MS) {
      this.journey = undefined;
    }
    return this.journey;
  }
}
