import type { DurationBucket, FeedbackRating, GiveUpReason } from '../../contract/usage';
import type { LanguageCode } from '../../contract';

/**
 * What one session did, as flags and step ids only (issue 18): never an answer, a typed text, a session id or a
 * time finer than the hour. Held in memory while the session runs; folded into the day's totals when it ends.
 */
export interface SessionTally {
  /** Only to match the page's calls to this session while it runs; never folded, stored or sent. */
  sessionId: string;
  /** The local day (YYYY-MM-DD) and hour (0–23) the session started. */
  day: string;
  hour: number;
  /** Epoch ms of the start, only to pick the duration bucket at the end; never stored. */
  startedAtMs: number;
  serviceId: string;
  language: LanguageCode;
  /** Step ids reached, in the order first reached. */
  stepsReached: string[];
  /** The last step shown: where a resident who gives up stopped. */
  lastStep: string | undefined;
  completed: boolean;
  largeText: boolean;
  highContrast: boolean;
  speech: boolean;
  helpCalled: boolean;
  helpOffered: boolean;
  takenOver: boolean;
  /** Local hours in which help was asked for (button or offered by the kiosk). */
  helpHours: number[];
  feedback: FeedbackRating | undefined;
}

/** How a session left its service, for the funnel. */
export interface SessionOutcome {
  completed: boolean;
  givenUp: GiveUpReason | undefined;
  continuedAtDesk: boolean;
  duration: DurationBucket;
}

/** A resident can reach no more steps than a service has; a bound keeps a misbehaving caller harmless. */
const MAX_STEPS = 100;

export function newTally(start: {
  sessionId: string;
  day: string;
  hour: number;
  nowMs: number;
  serviceId: string;
  language: LanguageCode;
}): SessionTally {
  return {
    sessionId: start.sessionId,
    day: start.day,
    hour: start.hour,
    startedAtMs: start.nowMs,
    serviceId: start.serviceId,
    language: start.language,
    stepsReached: [],
    lastStep: undefined,
    completed: false,
    largeText: false,
    highContrast: false,
    speech: false,
    helpCalled: false,
    helpOffered: false,
    takenOver: false,
    helpHours: [],
    feedback: undefined,
  };
}

export function reachStep(tally: SessionTally, stepId: string): void {
  tally.lastStep = stepId;
  if (!tally.stepsReached.includes(stepId) && tally.stepsReached.length < MAX_STEPS) tally.stepsReached.push(stepId);
}

export function askedForHelp(tally: SessionTally, offered: boolean, hour: number): void {
  if (offered) tally.helpOffered = true;
  else tally.helpCalled = true;
  if (!tally.helpHours.includes(hour)) tally.helpHours.push(hour);
}

const MINUTE = 60_000;

/** Under 2, 2–5, 5–10, 10–20, over 20 minutes (the lower bound belongs to the longer bucket). */
export function durationBucket(ms: number): DurationBucket {
  const minutes = Math.max(0, ms) / MINUTE;
  if (minutes < 2) return 'under2';
  if (minutes < 5) return '2to5';
  if (minutes < 10) return '5to10';
  if (minutes < 20) return '10to20';
  return 'over20';
}
