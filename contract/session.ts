import { z } from 'zod';
import { AnswerInputSchema, AnswerValueSchema } from './answers';
import { LANGUAGE_CODES } from './languages';

/** Which fees, next steps and documents apply to the resident (indexes; contract/journey.ts). */
export const ApplicablePartsSchema = z.object({
  fees: z.array(z.number().int().min(0)),
  /** Pieces per applying fee (fees `perCount`), same order as `fees`. */
  feeCounts: z.array(z.number().int().min(1).max(1000)).optional(),
  nextSteps: z.array(z.number().int().min(0)),
  documents: z.array(z.number().int().min(0)),
});

export const IdleStateSchema = z.object({
  /** Time left before the session is ended and wiped, measured by the core. */
  remainingMs: z.number().int().min(0),
  timeoutMs: z.number().int().positive(),
  /** The warning appears this long before the end. */
  warningMs: z.number().int().positive(),
});
export type IdleState = z.infer<typeof IdleStateSchema>;

export const PositionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('step'),
    stepId: z.string(),
    /** 1-based, among the steps visible with the current answers ("Schritt 2 von 5"). */
    stepNumber: z.number().int().positive(),
    stepCount: z.number().int().positive(),
    /** Came here from a change link: "Weiter" returns to the check page. */
    returnToCheck: z.boolean(),
    /** A repeatable group: the item whose questions are open (0-based); absent = the group's list. */
    item: z.number().int().min(0).optional(),
  }),
  z.object({ kind: z.literal('check') }),
  z.object({
    kind: z.literal('confirmation'),
    reference: z.string(),
    submittedAt: z.string(),
    /** Decided from the answers at sending: the confirmation and receipt show only these. */
    parts: ApplicablePartsSchema.optional(),
  }),
]);
export type Position = z.infer<typeof PositionSchema>;

/**
 * What is typed on the current page but not yet confirmed with "Weiter" (issue 14, item 2): kept so a reload
 * or "Am Schalter weitermachen" loses nothing, never treated as an answer (it was not validated).
 */
export const PageDraftSchema = z.object({
  stepId: z.string().max(64),
  /** The repeatable group's item the entries belong to. */
  item: z.number().int().min(0).optional(),
  values: z.record(z.string().max(64), AnswerInputSchema),
});
export type PageDraft = z.infer<typeof PageDraftSchema>;

export const SessionViewSchema = z.object({
  sessionId: z.string().uuid(),
  serviceId: z.string(),
  language: z.enum(LANGUAGE_CODES),
  position: PositionSchema,
  /** The resident's answers, decrypted for display. Empty after submission (data moved to the outbox). */
  answers: z.record(z.string(), AnswerValueSchema),
  /** Steps visible with the current answers, in order: drives the check page and "Schritt x von y". */
  visibleStepIds: z.array(z.string()),
  idle: IdleStateSchema,
  /** The current page's unconfirmed entries, if any were saved (only ever for the step on screen). */
  pageDraft: PageDraftSchema.optional(),
  /** The core's date (YYYY-MM-DD, town time zone): the check page decides fees by age with it. */
  today: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

/** `handover`: the draft went to the help-desk hub (continue at the desk) and was wiped here. */
export const SESSION_END_REASONS = ['resident', 'finished', 'idle', 'startup', 'handover'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];
