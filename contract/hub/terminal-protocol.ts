import { z } from 'zod';
import { BundleKey } from './bundles';
import { AnswerInputSchema, AnswerValueSchema } from '../answers';
import { LANGUAGE_CODES } from '../languages';
import { ENROLMENT_CODE_PATTERN } from './enrolment-code';
import { PositionSchema } from '../session';
import { KioskBookingCode, KioskBookingNoticeSchema } from './kiosk-bookings';
import { FeedbackCommentSchema, USAGE_REFUSAL_CODES, UsageDate, UsageDaySchema } from '../usage';
import { HealthMessageSchema } from './health';

/**
 * Kiosk ↔ help-desk hub. The kiosk authenticates every HTTP request and the
 * WebSocket upgrade with `Authorization: Bearer <terminalId>.<secret>` (the
 * device credential from enrolment). Nothing here carries personal data except
 * the live snapshot (only after the resident said "Ja"), the sealed handover
 * draft (encrypted for the hub's key) and a booking notice (the family name on
 * a time booked at the kiosk, for the desk).
 */

export const TERMINAL_WS_PATH = '/ws/terminal';
export const ENROL_PATH = '/api/terminal/enrol';

export const TerminalId = z.string().regex(/^t_[A-Za-z0-9_-]{8,40}$/);
export const RequestId = z.string().uuid();
export const Language = z.enum(LANGUAGE_CODES);
/** Staff display name shown to the resident ("Frau Meyer kommt zu Ihnen"). Not a login name. */
export const StaffDisplayName = z.string().min(1).max(80);

/** Enrolment codes and handover codes: unambiguous characters (no 0/O, 1/I/L), grouped for reading aloud. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const EnrolmentCode = z.string().regex(ENROLMENT_CODE_PATTERN);
export const HandoverCode = z.string().regex(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);

export const EnrolRequestSchema = z.strictObject({ enrolmentCode: EnrolmentCode, appVersion: z.string().max(40) });
export const EnrolResponseSchema = z.object({
  terminalId: TerminalId,
  /** `<terminalId>.<secret>`; the hub stores only a hash of the secret. */
  credential: z.string().min(40).max(200),
  terminalName: z.string().max(80),
  location: z.string().max(120),
  /** RSA-OAEP-256 public key (JWK) the kiosk seals handover drafts with. */
  handoverKey: z.record(z.string(), z.unknown()),
  /** Issue 20: the hub's Ed25519 key for catalogue bundles, pinned by the kiosk with its credential. */
  bundleKey: BundleKey.optional(),
});
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

/** Where the resident is, without any answer: what the terminal overview and the queue may show. */
export const TerminalActivitySchema = z.object({
  serviceId: z.string().max(64).nullable(),
  stepId: z.string().max(64).nullable(),
  screen: z.enum(['attract', 'start', 'step', 'check', 'confirmation']),
  stepNumber: z.number().int().positive().nullable(),
  stepCount: z.number().int().positive().nullable(),
  language: Language,
});
export type TerminalActivity = z.infer<typeof TerminalActivitySchema>;

export const HELP_REASONS = ['button', 'stuck_errors', 'stuck_inactive'] as const;

/** The consented live view: the session as the resident sees it, with answers. */
export const LiveSnapshotSchema = z.object({
  serviceId: z.string().max(64),
  language: Language,
  position: PositionSchema,
  answers: z.record(z.string(), AnswerValueSchema),
  visibleStepIds: z.array(z.string()),
});
export type LiveSnapshot = z.infer<typeof LiveSnapshotSchema>;

/** Controls staff can point at on the kiosk: navigation buttons or a question's field. */
export const GuideTarget = z.union([
  z.enum(['next', 'back', 'help', 'end', 'send', 'change']),
  z.string().regex(/^field:[a-zA-Z][a-zA-Z0-9]{0,62}$/),
]);

export const HelpRequestBodySchema = z.object({
  requestId: RequestId,
  reason: z.enum(HELP_REASONS),
  activity: TerminalActivitySchema,
  since: z.string().datetime(),
});
export type HelpRequestBody = z.infer<typeof HelpRequestBodySchema>;

/** The plaintext (JSON) inside `handover.deposit`'s sealedDraft: the answers as the kiosk stores them. */
export const HandoverDraftSchema = z.object({
  answers: z.record(z.string(), AnswerValueSchema),
  /**
   * What was typed on the page the resident was on and never confirmed with "Weiter" (issue 14): shown at the
   * desk as not yet checked, validated only when staff submit, never as one of the answers.
   */
  pending: z.object({ stepId: z.string().max(64), values: z.record(z.string(), AnswerInputSchema) }).optional(),
});
export type HandoverDraft = z.infer<typeof HandoverDraftSchema>;

export const TerminalToHubSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    appVersion: z.string().max(40),
    outboxBacklog: z.number().int().min(0),
    activity: TerminalActivitySchema,
    /** Help requests the kiosk still considers open (sent again after a reconnect, so none is lost). */
    openRequests: z.array(HelpRequestBodySchema).max(1),
  }),
  z.object({ type: z.literal('activity'), activity: TerminalActivitySchema, outboxBacklog: z.number().int().min(0) }),
  z.object({ type: z.literal('help.request'), request: HelpRequestBodySchema }),
  z.object({ type: z.literal('help.cancel'), requestId: RequestId }),
  z.object({ type: z.literal('consent.answer'), requestId: RequestId, granted: z.boolean() }),
  z.object({ type: z.literal('live.snapshot'), requestId: RequestId, snapshot: LiveSnapshotSchema }),
  /** The resident ended the live view or takeover with one tap (or the session ended). */
  z.object({ type: z.literal('live.stopped'), requestId: RequestId, by: z.enum(['resident', 'session_end']) }),
  /** Result of a takeover command, so the console can show validation errors. */
  z.object({
    type: z.literal('takeover.result'),
    requestId: RequestId,
    commandId: z.string().uuid(),
    ok: z.boolean(),
    errorCode: z.string().max(40).optional(),
    fieldErrors: z.array(z.object({ field: z.string(), code: z.string() })).optional(),
  }),
  /** Continue at the desk: the draft sealed as compact JWE for the hub's handover key. */
  z.object({
    type: z.literal('handover.deposit'),
    handoverId: z.string().uuid(),
    code: HandoverCode,
    serviceId: z.string().max(64),
    language: Language,
    sealedDraft: z.string().max(2_000_000),
  }),
  /** A time booked at this kiosk: the console lists the day's bookings and finds one by its code. */
  z.object({ type: z.literal('booking.made'), booking: KioskBookingNoticeSchema }),
  /** Cancelled (or moved away from) at this kiosk. */
  z.object({ type: z.literal('booking.cancelled'), code: KioskBookingCode }),
  /** The day's anonymous usage totals (issue 18); sent again with a higher revision after each session. */
  z.object({ type: z.literal('usage.report'), report: UsageDaySchema }),
  /** A resident's comment after "Wie war es?", already stripped of personal data on the kiosk. */
  z.object({ type: z.literal('feedback.comment'), comment: FeedbackCommentSchema }),
  /** Issue 20: the terminal's health, every minute and on change (contract/hub/health.ts). */
  HealthMessageSchema,
]);
export type TerminalToHub = z.infer<typeof TerminalToHubSchema>;

export const HubToTerminalSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    terminalName: z.string(),
    location: z.string(),
    handoverKey: z.record(z.string(), z.unknown()),
    /** Issue 20: the version of the hub's active catalogue bundle, if any (the kiosk fetches a newer one). */
    bundleVersion: z.number().int().min(1).optional(),
  }),
  /** Issue 20: a new catalogue bundle is active on the hub; the kiosk fetches it from BUNDLE_PATH. */
  z.object({ type: z.literal('catalogue.bundle'), version: z.number().int().min(1) }),
  z.object({ type: z.literal('help.queued'), requestId: RequestId }),
  z.object({ type: z.literal('help.accepted'), requestId: RequestId, staffName: StaffDisplayName }),
  z.object({ type: z.literal('help.resolved'), requestId: RequestId }),
  z.object({ type: z.literal('consent.request'), requestId: RequestId, staffName: StaffDisplayName }),
  z.object({ type: z.literal('live.end'), requestId: RequestId }),
  z.object({ type: z.literal('guide.highlight'), requestId: RequestId, target: GuideTarget }),
  z.object({ type: z.literal('takeover.start'), requestId: RequestId, staffName: StaffDisplayName }),
  z.object({
    type: z.literal('takeover.answer'),
    requestId: RequestId,
    commandId: z.string().uuid(),
    /** Answer the kiosk's current step and move on, exactly like the resident's "Weiter" (session.answer). */
    stepId: z.string().max(64),
    values: z.record(z.string(), AnswerInputSchema),
  }),
  z.object({
    type: z.literal('takeover.navigate'),
    requestId: RequestId,
    commandId: z.string().uuid(),
    /** back = the back link; step = a change link to stepId; check = to the check page. */
    action: z.enum(['back', 'step', 'check']),
    stepId: z.string().max(64).optional(),
  }),
  z.object({ type: z.literal('takeover.end'), requestId: RequestId }),
  z.object({
    type: z.literal('handover.stored'),
    handoverId: z.string().uuid(),
    /** Until when the code can be opened at the desk (the hub's expiry). */
    expiresAt: z.string().datetime().optional(),
  }),
  /** The admin revoked this terminal: the kiosk forgets its credential and shows the desk hint. */
  z.object({ type: z.literal('revoked') }),
  /** The hub stored (or already had) this revision of the day's usage totals: the kiosk may forget older ones. */
  z.object({ type: z.literal('usage.stored'), day: UsageDate, revision: z.number().int().min(1) }),
  /** The hub refused this revision of the day's usage totals (audited there): final, the kiosk does not resend it. */
  z.object({
    type: z.literal('usage.refused'),
    day: UsageDate,
    revision: z.number().int().min(1),
    code: z.enum(USAGE_REFUSAL_CODES),
  }),
  /** The hub stored (or already had) this comment. */
  z.object({ type: z.literal('feedback.stored'), commentId: z.string().uuid() }),
]);
export type HubToTerminal = z.infer<typeof HubToTerminalSchema>;
