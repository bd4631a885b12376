import { z } from 'zod';
import { AnswerInputSchema, AnswerValueSchema } from '../answers';
import { FieldTypeSchema } from '../service';
import { KioskBookingCode, KioskBookingViewSchema } from './kiosk-bookings';
import { FeedbackCommentViewSchema } from './feedback-comments';
import { bundleConsoleRoutes } from './bundles';
import { healthConsoleRoutes, HealthToConsoleSchemas, TerminalHealthViewSchema } from './alerts';
import {
  GuideTarget,
  HELP_REASONS,
  HandoverCode,
  HandoverDraftSchema,
  Language,
  LiveSnapshotSchema,
  RequestId,
  TerminalActivitySchema,
  TerminalId,
} from './terminal-protocol';

/**
 * Staff console ↔ hub. JSON over HTTPS under /api/console, session cookie
 * (`hub_session`, HttpOnly, SameSite=Strict, Secure with TLS) plus the CSRF
 * token from login/session in the `x-csrf-token` header on every POST. GET
 * never changes state. Live events over the WebSocket CONSOLE_WS_PATH (same
 * cookie, Origin checked). Every route that touches a resident's session
 * writes an audit entry.
 */

export const CONSOLE_API_PREFIX = '/api/console';
export const CONSOLE_WS_PATH = '/ws/console';
export const CSRF_HEADER = 'x-csrf-token';
export const STAFF_ROLES = ['staff', 'admin'] as const;

export const StaffSchema = z.object({
  staffId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(STAFF_ROLES),
});
export type Staff = z.infer<typeof StaffSchema>;

/** `mustChangePassword`: a session after an admin's reset, good only for POST /password, GET /session and logout. */
export const ConsoleSessionSchema = z.object({
  staff: StaffSchema,
  csrfToken: z.string(),
  mustChangePassword: z.boolean(),
});

// ---- staff accounts (issue 17) ----------------------------------------------------------------------------
/** An account as admins manage it. */
export const StaffAccountSchema = StaffSchema.extend({ disabled: z.boolean(), mustChangePassword: z.boolean() });
export type StaffAccount = z.infer<typeof StaffAccountSchema>;
/** What every member of staff sees of colleagues: a name to hand a request to, no username or role. */
export const StaffNameSchema = z.object({ staffId: z.string(), displayName: z.string(), active: z.boolean() });
export type StaffName = z.infer<typeof StaffNameSchema>;
export const MIN_PASSWORD_LENGTH = 12;
/** Why a new password is refused (422 with fieldErrors [{ field: 'password', code }]). */
export const PASSWORD_PROBLEMS = ['too_short', 'too_long', 'common', 'contains_username', 'same_as_current'] as const;
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];
const NewPassword = z.string().min(1).max(200);
export const staffAccountRoutes = {
  /** Admins only. */
  'GET /staff/accounts': { reply: z.array(StaffAccountSchema) },
  'POST /staff/:staffId/disable': { body: z.strictObject({}), reply: StaffAccountSchema },
  'POST /staff/:staffId/enable': { body: z.strictObject({}), reply: StaffAccountSchema },
  /** A password the admin hands over; its owner must choose a new one at the next login. */
  'POST /staff/:staffId/password/reset': { body: z.strictObject({ password: NewPassword }), reply: StaffAccountSchema },
  'POST /staff/:staffId/sessions/end': { body: z.strictObject({}), reply: z.object({ ended: z.number().int() }) },
  /** Any member of staff, their own password (the current one required). */
  'POST /password': {
    body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: NewPassword }),
    reply: z.object({ ok: z.literal(true) }),
  },
} as const;

export const HELP_STATES = ['waiting', 'accepted', 'resolved', 'cancelled'] as const;
export const CONSENT_STATES = ['none', 'asked', 'granted', 'declined'] as const;
export const ASSIST_MODES = ['none', 'viewing', 'takeover'] as const;

export const HelpRequestViewSchema = z.object({
  requestId: RequestId,
  terminalId: TerminalId,
  terminalName: z.string(),
  location: z.string(),
  reason: z.enum(HELP_REASONS),
  activity: TerminalActivitySchema,
  since: z.string().datetime(),
  state: z.enum(HELP_STATES),
  assignedTo: z.object({ staffId: z.string(), displayName: z.string() }).nullable(),
  consent: z.enum(CONSENT_STATES),
  mode: z.enum(ASSIST_MODES),
});
export type HelpRequestView = z.infer<typeof HelpRequestViewSchema>;

export const TerminalViewSchema = z.object({
  terminalId: TerminalId,
  name: z.string(),
  location: z.string(),
  online: z.boolean(),
  lastContact: z.string().datetime().nullable(),
  activity: TerminalActivitySchema.nullable(),
  outboxBacklog: z.number().int().min(0).nullable(),
  appVersion: z.string().nullable(),
  revoked: z.boolean(),
  /** Issue 20: the latest health report, null before the first one. */
  health: TerminalHealthViewSchema.nullable(),
});
export type TerminalView = z.infer<typeof TerminalViewSchema>;

export const AuditEntrySchema = z.object({
  at: z.string().datetime(),
  staffId: z.string().nullable(),
  action: z.string(),
  terminalId: TerminalId.nullable(),
  /** The kiosk's help request or handover id: never a name or an answer. */
  subjectId: z.string().nullable(),
  outcome: z.enum(['ok', 'refused']),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const HandoverViewSchema = z.object({
  handoverId: z.string().uuid(),
  serviceId: z.string(),
  language: Language,
  answers: z.record(z.string(), AnswerValueSchema),
  /** The page the resident was on: typed there, never confirmed (HandoverDraftSchema). */
  pending: HandoverDraftSchema.shape.pending,
  createdAt: z.string().datetime(),
});

/** The languages staff work in; the catalog comes in both at once, so switching needs no reload. */
export const STAFF_LANGUAGES = ['de', 'en'] as const;

/** A service's texts for staff: titles and field labels, no answers. Choices carry their labels. */
export const CatalogFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: FieldTypeSchema,
  required: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  /** The service's own plain-language message per field error code (`fields.<name>.errors.<code>`). */
  errors: z.record(z.string(), z.string()).optional(),
});
export type CatalogField = z.infer<typeof CatalogFieldSchema>;
export const CatalogServiceSchema = z.object({
  serviceId: z.string(),
  title: z.string(),
  /** Done in person (`completion: "visit"`): the desk reads the prepared answers; nothing is sent from here. */
  inPerson: z.boolean(),
  steps: z.array(z.object({ stepId: z.string(), title: z.string(), fields: z.array(CatalogFieldSchema) })),
});
export type CatalogService = z.infer<typeof CatalogServiceSchema>;
export const ConsoleCatalogSchema = z.object({
  de: z.array(CatalogServiceSchema),
  en: z.array(CatalogServiceSchema),
});
export type ConsoleCatalog = z.infer<typeof ConsoleCatalogSchema>;

/** Route inputs and outputs, keyed by `<METHOD> <path>` as registered on the hub's router. */
export const consoleRoutes = {
  'POST /login': {
    body: z.strictObject({ username: z.string().min(1).max(80), password: z.string().min(1).max(200) }),
    reply: ConsoleSessionSchema,
  },
  'POST /logout': { body: z.strictObject({}), reply: z.object({ ok: z.literal(true) }) },
  'GET /session': { reply: ConsoleSessionSchema },
  'GET /queue': { reply: z.array(HelpRequestViewSchema) },
  'GET /catalog': { reply: ConsoleCatalogSchema },
  /** How long the hub keeps a handed-over draft, sealed, for the desk (the demo hub: an hour); the console says so. */
  'GET /notices': { reply: z.object({ handoverRetentionHours: z.number().positive() }) },
  'POST /help/:requestId/accept': { body: z.strictObject({}), reply: HelpRequestViewSchema },
  'POST /help/:requestId/resolve': { body: z.strictObject({}), reply: HelpRequestViewSchema },
  'POST /help/:requestId/transfer': { body: z.strictObject({ toStaffId: z.string() }), reply: HelpRequestViewSchema },
  'POST /help/:requestId/consent': { body: z.strictObject({}), reply: HelpRequestViewSchema },
  'POST /help/:requestId/live/end': { body: z.strictObject({}), reply: HelpRequestViewSchema },
  'POST /help/:requestId/guide': {
    body: z.strictObject({ target: GuideTarget }),
    reply: z.object({ ok: z.literal(true) }),
  },
  'POST /help/:requestId/takeover/start': { body: z.strictObject({}), reply: HelpRequestViewSchema },
  'POST /help/:requestId/takeover/end': { body: z.strictObject({}), reply: HelpRequestViewSchema },
  'POST /help/:requestId/takeover/answer': {
    body: z.strictObject({ stepId: z.string().max(64), values: z.record(z.string(), AnswerInputSchema) }),
    reply: z.object({ commandId: z.string().uuid() }),
  },
  'POST /help/:requestId/takeover/navigate': {
    body: z.strictObject({ action: z.enum(['back', 'step', 'check']), stepId: z.string().max(64).optional() }),
    reply: z.object({ commandId: z.string().uuid() }),
  },
  'GET /terminals': { reply: z.array(TerminalViewSchema) },
  'POST /terminals': {
    body: z.strictObject({ name: z.string().min(1).max(80), location: z.string().min(1).max(120) }),
    reply: z.object({ terminal: TerminalViewSchema, enrolmentCode: z.string(), expiresAt: z.string().datetime() }),
  },
  'POST /terminals/:terminalId/revoke': { body: z.strictObject({}), reply: TerminalViewSchema },
  /** Every role: colleagues' names (for transfer and the audit view); admins manage accounts via /staff/accounts. */
  'GET /staff': { reply: z.array(StaffNameSchema) },
  'POST /staff': {
    body: z.strictObject({
      username: z.string().regex(/^[a-z][a-z0-9._-]{2,39}$/),
      displayName: z.string().min(1).max(80),
      role: z.enum(STAFF_ROLES),
      password: NewPassword,
    }),
    reply: StaffSchema,
  },
  'GET /audit': { reply: z.array(AuditEntrySchema) },
  'POST /handover/open': { body: z.strictObject({ code: HandoverCode }), reply: HandoverViewSchema },
  'POST /handover/:handoverId/submit': {
    body: z.strictObject({ answers: z.record(z.string(), AnswerInputSchema) }),
    reply: z.object({ reference: z.string() }),
  },
  /** The day's times booked at the kiosks (the hub's local date), by office and time. */
  'GET /bookings': { reply: z.array(KioskBookingViewSchema) },
  /** Residents' feedback comments (issue 18), newest first, for the kept time; every listing is audited. */
  'GET /feedback': { reply: z.array(FeedbackCommentViewSchema) },
  /** One booking by the code on the resident's receipt, whatever its day. */
  'POST /bookings/find': { body: z.strictObject({ code: KioskBookingCode }), reply: KioskBookingViewSchema },
  /** A prepared visit taken over into the desk's own system: its draft is deleted, nothing is sent. */
  'POST /handover/:handoverId/close': { body: z.strictObject({}), reply: z.object({ closed: z.literal(true) }) },
  /** The member of staff who opened the code lets it go, so a colleague may open it (issue 17). */
  'POST /handover/:handoverId/release': { body: z.strictObject({}), reply: z.object({ released: z.literal(true) }) },
  ...staffAccountRoutes,
  ...healthConsoleRoutes,
  ...bundleConsoleRoutes,
} as const;

export const HubToConsoleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('queue'), requests: z.array(HelpRequestViewSchema) }),
  z.object({ type: z.literal('terminals'), terminals: z.array(TerminalViewSchema) }),
  /** A new help request: the console plays its alert. */
  z.object({ type: z.literal('help.new'), request: HelpRequestViewSchema }),
  z.object({ type: z.literal('live.snapshot'), requestId: RequestId, snapshot: LiveSnapshotSchema }),
  z.object({ type: z.literal('live.stopped'), requestId: RequestId, by: z.enum(['resident', 'session_end', 'staff']) }),
  z.object({
    type: z.literal('takeover.result'),
    requestId: RequestId,
    commandId: z.string().uuid(),
    ok: z.boolean(),
    errorCode: z.string().optional(),
    fieldErrors: z.array(z.object({ field: z.string(), code: z.string() })).optional(),
  }),
  ...HealthToConsoleSchemas,
]);
export type HubToConsole = z.infer<typeof HubToConsoleSchema>;
