import { z } from 'zod';
import { LANGUAGE_CODES } from './languages';

/**
 * Anonymous usage figures (issue 18). The kiosk counts events of a session in memory, folds them into its running
 * totals for the day when the session ends (or is wiped) and sends the day's totals to the hub. Counts only: no
 * answer, no free text, no session id, no time finer than the hour. The hub keeps the highest revision per terminal
 * and day, so a report sent twice (or replayed) changes nothing.
 */

/** How long a session took, from its first tap to its end. */
export const DURATION_BUCKETS = ['under2', '2to5', '5to10', '10to20', 'over20'] as const;
export type DurationBucket = (typeof DURATION_BUCKETS)[number];

/** Why a session left a service without finishing it: "Beenden", the idle wipe, or handed to the desk. */
export const GIVE_UP_REASONS = ['ended', 'idle', 'desk'] as const;
export type GiveUpReason = (typeof GIVE_UP_REASONS)[number];

/** "Wie war es?" at the end of a journey: three faces. */
export const FEEDBACK_RATINGS = ['good', 'okay', 'bad'] as const;
export type FeedbackRating = (typeof FEEDBACK_RATINGS)[number];

/** A day in the kiosk's local time zone (Europe/Berlin). */
export const UsageDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
/** A plausible count for one terminal and one day; anything above is refused as absurd. */
export const UsageCount = z.number().int().min(0).max(10_000);
const UsageServiceId = z.string().regex(/^[a-z0-9-]{1,64}$/);
const UsageStepId = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/);
/** 24 counts, one per hour of the local day (index 0 = 00:00–00:59). */
const PerHour = z.array(UsageCount).length(24);

export const UsageServiceDaySchema = z.strictObject({
  serviceId: UsageServiceId,
  /** Sessions that started this service. */
  started: UsageCount,
  /** Sent to the portal, or the visit prepared (in-person services). */
  completed: UsageCount,
  /** Sessions that reached each step (by step id), for the funnel. */
  stepsReached: z.record(UsageStepId, UsageCount),
  /** Sessions that gave up, by the last step reached and the reason. */
  givenUp: z.record(UsageStepId, z.partialRecord(z.enum(GIVE_UP_REASONS), UsageCount)),
  durations: z.partialRecord(z.enum(DURATION_BUCKETS), UsageCount),
});
export type UsageServiceDay = z.infer<typeof UsageServiceDaySchema>;

export const UsageDaySchema = z.strictObject({
  day: UsageDate,
  /** Grows by one with every report of the same day from the same terminal. */
  revision: z.number().int().min(1).max(1_000_000),
  /** All sessions of the day, including those that never chose a service. */
  sessions: UsageCount,
  /** Sessions started, per hour of the day. */
  sessionsByHour: PerHour,
  durations: z.partialRecord(z.enum(DURATION_BUCKETS), UsageCount),
  services: z.array(UsageServiceDaySchema).max(200),
  /** Sessions by the language they ended in. */
  languages: z.partialRecord(z.enum(LANGUAGE_CODES), UsageCount),
  /** Sessions that used each display or speech setting at least once. */
  settings: z.strictObject({ largeText: UsageCount, highContrast: UsageCount, speech: UsageCount }),
  help: z.strictObject({
    /** The resident pressed "Hilfe". */
    called: UsageCount,
    /** The kiosk offered help (many errors, or no progress). */
    offered: UsageCount,
    /** Staff watched or took over. */
    takenOver: UsageCount,
    /** Continued at the desk with a handover code. */
    continuedAtDesk: UsageCount,
  }),
  /** Help requests per hour of the day. */
  helpByHour: PerHour,
  feedback: z.partialRecord(z.enum(FEEDBACK_RATINGS), UsageCount),
});
export type UsageDay = z.infer<typeof UsageDaySchema>;

/**
 * Why the hub refused a usage report (a code only, never a value from it): the kiosk keeps the day's totals but does
 * not send that revision again; a later revision of the day is sent as usual.
 */
export const USAGE_REFUSAL_CODES = [
  'future_day',
  'past_retention',
  'unknown_service',
  'unknown_step',
  'duplicate_service',
  'inconsistent_counts',
  'malformed',
] as const;
export type UsageRefusalCode = (typeof USAGE_REFUSAL_CODES)[number];

/**
 * A resident's optional comment after "Wie war es?". The kiosk strips anything that looks like a name, address,
 * phone, e-mail, IBAN or ID number before it leaves the terminal; the hub checks again, shows it to staff and never
 * publishes it.
 */
export const FeedbackCommentSchema = z.strictObject({
  commentId: z.string().uuid(),
  day: UsageDate,
  serviceId: UsageServiceId.nullable(),
  rating: z.enum(FEEDBACK_RATINGS).nullable(),
  text: z.string().min(1).max(500),
});
export type FeedbackComment = z.infer<typeof FeedbackCommentSchema>;

/** Published figures: a cell counting fewer than 5 sessions (or one that would reveal such a cell) is "<5". */
export const SUPPRESSED = '<5' as const;
export const PublishedCount = z.union([z.number().int().min(0), z.literal(SUPPRESSED)]);
export type PublishedCount = z.infer<typeof PublishedCount>;
