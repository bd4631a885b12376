import { UsageDaySchema, type FeedbackRating, type UsageDay, type UsageServiceDay } from '../../contract/usage';
import type { SessionOutcome, SessionTally } from './session-tally';

/** The day's running totals as stored: a UsageDay without its day and revision (the row holds those). */
export const UsageTotalsSchema = UsageDaySchema.omit({ day: true, revision: true });
export type UsageTotals = Omit<UsageDay, 'day' | 'revision'>;

/** UsageCount's ceiling: a count never grows past what the hub accepts, so a busy day still validates. */
const MAX_COUNT = 10_000;

export function emptyTotals(): UsageTotals {
  return {
    sessions: 0,
    sessionsByHour: Array<number>(24).fill(0),
    durations: {},
    services: [],
    languages: {},
    settings: { largeText: 0, highContrast: 0, speech: 0 },
    help: { called: 0, offered: 0, takenOver: 0, continuedAtDesk: 0 },
    helpByHour: Array<number>(24).fill(0),
    feedback: {},
  };
}

const plus = (count: number | undefined, by = 1) => Math.min(MAX_COUNT, Math.max(0, (count ?? 0) + by));

function bump<K extends string>(record: Partial<Record<K, number>>, key: K, by = 1): void {
  record[key] = plus(record[key], by);
}

function serviceOf(totals: UsageTotals, serviceId: string): UsageServiceDay {
  let service = totals.services.find((candidate) => candidate.serviceId === serviceId);
  if (!service) {
    service = { serviceId, started: 0, completed: 0, stepsReached: {}, givenUp: {}, durations: {} };
    totals.services.push(service);
  }
  return service;
}

/** Adds one ended session to the day's totals (a new object; `totals` is not changed). */
export function foldSession(totals: UsageTotals, tally: SessionTally, outcome: SessionOutcome): UsageTotals {
  const next = structuredClone(totals);
  next.sessions = plus(next.sessions);
  next.sessionsByHour[tally.hour] = plus(next.sessionsByHour[tally.hour]);
  bump(next.durations, outcome.duration);
  bump(next.languages, tally.language);
  if (tally.largeText) next.settings.largeText = plus(next.settings.largeText);
  if (tally.highContrast) next.settings.highContrast = plus(next.settings.highContrast);
  if (tally.speech) next.settings.speech = plus(next.settings.speech);
  if (tally.helpCalled) next.help.called = plus(next.help.called);
  if (tally.helpOffered) next.help.offered = plus(next.help.offered);
  if (tally.takenOver) next.help.takenOver = plus(next.help.takenOver);
  if (outcome.continuedAtDesk) next.help.continuedAtDesk = plus(next.help.continuedAtDesk);
  for (const hour of tally.helpHours) next.helpByHour[hour] = plus(next.helpByHour[hour]);
  if (tally.feedback) bump(next.feedback, tally.feedback);

  const service = serviceOf(next, tally.serviceId);
  service.started = plus(service.started);
  if (outcome.completed) service.completed = plus(service.completed);
  for (const stepId of tally.stepsReached) bump(service.stepsReached, stepId);
  if (outcome.givenUp && tally.lastStep) {
    const atStep = (service.givenUp[tally.lastStep] ??= {});
    bump(atStep, outcome.givenUp);
  }
  bump(service.durations, outcome.duration);
  return next;
}

/** A rating given after the session was already folded (the question follows the journey's end). */
export function changeFeedback(
  totals: UsageTotals,
  previous: FeedbackRating | undefined,
  rating: FeedbackRating,
): UsageTotals {
  const next = structuredClone(totals);
  if (previous) bump(next.feedback, previous, -1);
  bump(next.feedback, rating);
  return next;
}
