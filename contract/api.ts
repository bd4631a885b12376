import { z } from 'zod';
import { AnswerInputSchema } from './answers';
import { LANGUAGE_CODES } from './languages';
import { OutboxStatusSchema } from './outbox';
import { resultSchema, type Result } from './result';
import { OfficesFileSchema, OfficesStatusSchema } from './office';
import { ServiceDefinitionSchema, ServiceSummarySchema } from './service';
import { HelpStateSchema, HandoverTicketSchema, HELP_REQUEST_REASONS } from './assist';
import { HandoverCode } from './hub/terminal-protocol';
import { ApplicablePartsSchema, SESSION_END_REASONS, SessionViewSchema } from './session';
import { MAX_SPOKEN_TEXT, MAX_WAV_BYTES, SPEECH_RATES } from './speech';
import { bookingApi } from './booking';
import { manageBookingApi } from './manage-booking';
import { walkInApi } from './walk-in';
import { usageApi } from './usage-api';
import { feedbackApi } from './feedback';

/**
 * The one API between renderer and core. Each method has a runtime schema for
 * its input and its output; both transports (Electron IPC, HTTP) validate the
 * input here before the core sees it. Add a method here first, then its
 * handler in core/api/handlers.ts.
 */

const SessionId = z.string().uuid();
const Language = z.enum(LANGUAGE_CODES);
const StepId = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/);
const FieldName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,62}$/);
/** An item of a repeatable group (0-based); the service's `repeat.max` is the real limit. */
const ItemIndex = z.number().int().min(0).max(49);

/** Why a kiosk is out of service (never personal data; the log line says more). */
export const OUT_OF_SERVICE_REASONS = ['no-portal-configuration'] as const;
export type OutOfServiceReason = (typeof OUT_OF_SERVICE_REASONS)[number];

export const KioskInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  defaultLanguage: Language,
  languages: z.array(Language),
  idle: z.object({ timeoutMs: z.number().int().positive(), warningMs: z.number().int().positive() }),
  /**
   * Terminal name shown small in the footer, e.g. "Rathaus Foyer": the name the admin gave it on the
   * help-desk hub, else the configured one. Not personal data.
   */
  terminalName: z.string(),
  /** Where the terminal stands, as the admin entered it on the hub ("Erdgeschoss"); absent without a hub. */
  terminalLocation: z.string().optional(),
  /**
   * Set when the kiosk takes no applications (a production start without a portal configuration):
   * the renderer shows only the out-of-service screen, and the core refuses to start sessions.
   */
  outOfService: z.enum(OUT_OF_SERVICE_REASONS).optional(),
  /** The town on the start screen (resources/branding/): its name and coat of arms as an SVG data URL. */
  town: z.object({ name: z.string().max(80), coatOfArms: z.string().max(200_000).optional() }).optional(),
  /** Where the receipt printer is on this terminal, said with every receipt message. */
  printerLocation: z.enum(['below', 'right', 'left']).optional(),
  /** An appointment system is configured: the start screen offers "Termin verschieben oder absagen". */
  appointments: z.boolean().optional(),
  /** false: this terminal never offers to read a booking code's QR code with a camera (branding.json `codeCamera`). */
  codeCamera: z.boolean().optional(),
});
export type KioskInfo = z.infer<typeof KioskInfoSchema>;

/** Translation resources: language → namespace → nested key/value object. */
export const TranslationsSchema = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())));

/** One language's service texts: namespace `svc-<id>` → nested key/value object. */
export const NamespacesSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

/**
 * The start screen's catalogue: each service's summary, not its definition (which `catalog.service` brings
 * when the service is opened), so the boot path stays small with hundreds of services.
 */
export const CatalogSchema = z.object({
  services: z.array(ServiceSummarySchema),
  /** The town's offices (resources/offices/offices.json); their texts are the `offices` namespace. */
  offices: OfficesFileSchema,
  /**
   * The default language only, and of each service only its summary's texts (title, summary, search words):
   * the start screen needs no more. Other languages: catalog.translations; a service's other texts: catalog.service.
   */
  translations: TranslationsSchema,
  /**
   * Service id → the languages it is not (fully) translated into. There its texts are German's and the
   * renderer says so ("Dieser Dienst ist noch nicht auf Türkisch übersetzt"); absent: complete everywhere.
   */
  untranslated: z.record(z.string(), z.array(Language)).optional(),
});
export type Catalog = z.infer<typeof CatalogSchema>;

/** A4 for an office printer, receipt80 for an 80 mm receipt roll. */
const ReceiptLayout = z.enum(['a4', 'receipt80']);

export const ReceiptFileSchema = z.object({
  fileName: z.string().regex(/^[A-Za-z0-9-]{1,60}\.pdf$/),
  /** The PDF as base64, so it travels as JSON over both transports. */
  pdfBase64: z.base64().max(4_000_000),
});
export type ReceiptFile = z.infer<typeof ReceiptFileSchema>;

/** A prepared visit: what applies to the resident (indexes), when, and the desk's code if the hub took it. */
export const PreparedVisitSchema = z.object({
  serviceId: z.string(),
  language: z.enum(LANGUAGE_CODES),
  preparedAt: z.string().datetime(),
  parts: ApplicablePartsSchema,
  ticket: HandoverTicketSchema,
  /**
   * Booking a time (issue 16): `bookable` when the appointment client books this service, `not-offered` when it
   * does not, `off` without an appointment system (`--no-appointments`): the page then names the desk's phone.
   */
  appointments: z.enum(['bookable', 'not-offered', 'off']).optional(),
});
export type PreparedVisit = z.infer<typeof PreparedVisitSchema>;

export const SpeechAudioSchema = z.object({
  /**
   * A mono 16-bit PCM WAV file as bytes: the body of the HTTP answer in browser mode, a Uint8Array over
   * Electron's IPC (contract/speech.ts); never base64 inside JSON, which the page would decode on its main thread.
   */
  wav: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_WAV_BYTES, 'too large'),
  durationMs: z.number().nonnegative(),
  /** Whether the core had it in its prompt cache. */
  cached: z.boolean(),
});
export type SpeechAudio = z.infer<typeof SpeechAudioSchema>;

export const api = {
  'kiosk.info': { input: z.strictObject({}), output: KioskInfoSchema },
  'catalog.get': { input: z.strictObject({}), output: CatalogSchema },
  /**
   * Every service's summary texts (as in catalog.get) and the offices' texts in one language, fetched when the
   * resident chooses that language.
   */
  'catalog.translations': {
    input: z.strictObject({ language: Language }),
    output: z.object({ language: Language, translations: NamespacesSchema }),
  },
  /**
   * One service as a resident opens it: its definition and all its texts (namespace `svc-<id>`) in `language`
   * (German's where the service is untranslated there). `unknown_service` for an id not in the catalogue.
   */
  'catalog.service': {
    input: z.strictObject({ serviceId: z.string().max(64), language: Language }),
    output: z.object({
      definition: ServiceDefinitionSchema,
      language: Language,
      texts: z.record(z.string(), z.unknown()),
    }),
  },
  /** Whether each office is open now, or when it opens next, as of the core's clock (issue 15). */
  'offices.status': { input: z.strictObject({}), output: OfficesStatusSchema },
  /**
   * The active session, if one survives (crash resume); null otherwise. Only for the page holding its token
   * (contract/session-token.ts), or the terminal's own page that lost it; the value then carries the token.
   */
  'session.resume': { input: z.strictObject({}), output: SessionViewSchema.nullable() },
  /** Whether a session is open, and nothing of it: the update check asks this (electron/main/updates.ts). */
  'session.active': { input: z.strictObject({}), output: z.strictObject({ active: z.boolean() }) },
  /** Ends any previous session (wiping it) and starts a new one; the value carries its token for the page. */
  'session.start': {
    input: z.strictObject({ serviceId: z.string().max(64), language: Language }),
    output: SessionViewSchema,
  },
  /**
   * Answer the current step; moves to the next step (or the check page). In a repeatable group, with `item`:
   * that item's answers (back to the group's list); without: the list is done (checks min and max).
   */
  'session.answer': {
    input: z.strictObject({
      sessionId: SessionId,
      stepId: StepId,
      item: ItemIndex.optional(),
      values: z.record(FieldName, AnswerInputSchema).refine((values) => Object.keys(values).length <= 10),
    }),
    output: SessionViewSchema,
  },
  /**
   * What is typed on the current page before "Weiter", saved as the resident types (issue 14): a reload puts
   * it back, "Am Schalter weitermachen" carries it. Not validated and not an answer; `saved` is false when
   * the page is no longer the current one.
   */
  'session.saveDraft': {
    input: z.strictObject({
      sessionId: SessionId,
      stepId: StepId,
      item: ItemIndex.optional(),
      values: z.record(FieldName, AnswerInputSchema).refine((values) => Object.keys(values).length <= 10),
    }),
    output: z.object({ saved: z.boolean() }),
  },
  /** Back link: to the previous visible step (or from the check page to the last step). */
  'session.back': { input: z.strictObject({ sessionId: SessionId }), output: SessionViewSchema },
  /** Change link from the check page, or return to the check page. */
  'session.goTo': {
    input: z.strictObject({
      sessionId: SessionId,
      target: z.discriminatedUnion('kind', [
        // `item` opens a repeatable group's item (its count adds a new one).
        z.strictObject({
          kind: z.literal('step'),
          stepId: StepId,
          returnToCheck: z.boolean(),
          item: ItemIndex.optional(),
        }),
        z.strictObject({ kind: z.literal('check') }),
      ]),
    }),
    output: SessionViewSchema,
  },
  /** Removes one item of the repeatable group on screen (its list); the items after it move up. */
  'session.removeItem': {
    input: z.strictObject({ sessionId: SessionId, stepId: StepId, item: ItemIndex }),
    output: SessionViewSchema,
  },
  'session.setLanguage': {
    input: z.strictObject({ sessionId: SessionId, language: Language }),
    output: SessionViewSchema,
  },
  /** The resident is still there (touch, key, "Weitermachen" in the idle warning). */
  'session.keepAlive': { input: z.strictObject({ sessionId: SessionId }), output: SessionViewSchema },
  /** Validates everything again, stores the application in the outbox, and wipes the draft. */
  'session.submit': { input: z.strictObject({ sessionId: SessionId }), output: SessionViewSchema },
  /** The receipt of a session on its confirmation page, as a PDF; it holds nothing the resident typed. */
  'session.receipt': {
    input: z.strictObject({ sessionId: SessionId, layout: ReceiptLayout }),
    output: ReceiptFileSchema,
  },
  /** Electron: prints the receipt on the terminal's own printer, in the paper's layout. */
  'session.printReceipt': {
    input: z.strictObject({ sessionId: SessionId }),
    output: z.object({ printed: z.literal(true) }),
  },
  /** Ends and wipes the session. Idempotent: ending an unknown session is not an error. */
  'session.end': {
    input: z.strictObject({
      sessionId: SessionId,
      reason: z.enum(SESSION_END_REASONS).exclude(['idle', 'startup', 'handover']),
    }),
    output: z.object({ ended: z.boolean() }),
  },
  /**
   * One sentence of a spoken prompt as audio, synthesised offline in the core in the voice of
   * `language`. `personal` marks the resident's own data (spoken only when they chose it): it is
   * neither cached nor kept. The text is never logged.
   */
  'speech.synthesize': {
    input: z.strictObject({
      text: z.string().trim().min(1).max(MAX_SPOKEN_TEXT),
      language: Language,
      rate: z.enum(SPEECH_RATES),
      personal: z.boolean().optional(),
    }),
    output: SpeechAudioSchema,
  },
  /** Delivery status of every outbox entry, for the help desk. Carries no personal data. */
  'outbox.status': { input: z.strictObject({}), output: OutboxStatusSchema },
  /**
   * Staff: send a rejected or parked application again, as a new submission, once its cause is put right
   * (the destination's schema or key). Any other state, or an unknown reference: `resent: false`.
   */
  'outbox.resend': {
    input: z.strictObject({ reference: z.string().trim().min(1).max(20) }),
    output: z.object({ resent: z.boolean() }),
  },
  /** Calls staff through the help-desk hub. Carries no personal data (terminal, service, step, language). */
  'help.request': { input: z.strictObject({ reason: z.enum(HELP_REQUEST_REASONS) }), output: HelpStateSchema },
  /** Withdraws the open help request. */
  'help.cancel': { input: z.strictObject({}), output: HelpStateSchema },
  /** Where help stands now (after a reload or reconnect). */
  'help.state': { input: z.strictObject({}), output: HelpStateSchema },
  /** The resident's answer to "Darf … Ihre Angaben sehen?": only "Ja" starts the live view. */
  'help.consent': { input: z.strictObject({ granted: z.boolean() }), output: HelpStateSchema },
  /** One tap ends the live view or the takeover. */
  'help.stopAssist': { input: z.strictObject({}), output: HelpStateSchema },
  /**
   * Continue at the desk: seals the draft for the hub, waits until the hub stored it, then wipes
   * the session here. The code (and its QR) is shown to the resident, never logged.
   */
  'handover.start': { input: z.strictObject({ sessionId: SessionId }), output: HandoverTicketSchema },
  /**
   * The handover slip (title, code, QR, where to go, no answers) as a PDF. Only for the code this
   * kiosk issued last, until handover.done or the next session; the code is never logged.
   */
  'handover.slip': {
    input: z.strictObject({ code: HandoverCode, layout: ReceiptLayout }),
    output: ReceiptFileSchema,
  },
  /** Electron: prints the handover slip on the terminal's own printer, in the paper's layout. */
  'handover.printSlip': {
    input: z.strictObject({ code: HandoverCode }),
    output: z.object({ printed: z.literal(true) }),
  },
  /** "Fertig" on the handover screen: the kiosk forgets the issued code, so no slip can be printed any more. */
  'handover.done': { input: z.strictObject({}), output: z.object({ forgotten: z.boolean() }) },
  /**
   * An in-person service (`completion: "visit"`), from its check page: decides the checklist and the fee on the
   * answers, hands the prepared answers to the desk as "continue at the desk" does (a code; none when the hub
   * is not there) and wipes the session. Nothing goes to the portal.
   */
  'visit.prepare': { input: z.strictObject({ sessionId: SessionId }), output: PreparedVisitSchema },
  /** The checklist receipt of the visit this kiosk prepared last (checklist, fee, office, code; no answers). */
  'visit.receipt': { input: z.strictObject({ layout: ReceiptLayout }), output: ReceiptFileSchema },
  /** Electron: prints the checklist receipt on the terminal's own printer. */
  'visit.printReceipt': { input: z.strictObject({}), output: z.object({ printed: z.literal(true) }) },
  /** "Fertig" on the prepared-visit page: the kiosk forgets the visit (and the handover code). */
  'visit.done': { input: z.strictObject({}), output: z.object({ forgotten: z.boolean() }) },
  ...bookingApi,
  ...manageBookingApi,
  /** The looked-up (or just moved) booking on paper: time, office, entrance, the code with its QR code. */
  'appointment.manageReceipt': {
    input: z.strictObject({ layout: ReceiptLayout, language: Language }),
    output: ReceiptFileSchema,
  },
  /** Electron: the same on the terminal's own printer. */
  'appointment.managePrint': {
    input: z.strictObject({ language: Language }),
    output: z.object({ printed: z.literal(true) }),
  },
  ...walkInApi,
  ...usageApi,
  ...feedbackApi,
  /** The walk-in waiting number on paper (number, waiting time, office, entrance), in the resident's language. */
  'walkIn.receipt': { input: z.strictObject({ layout: ReceiptLayout, language: Language }), output: ReceiptFileSchema },
  /** Electron: the same on the terminal's own printer. */
  'walkIn.print': { input: z.strictObject({ language: Language }), output: z.object({ printed: z.literal(true) }) },
} as const;

export type Api = typeof api;
export type ApiMethod = keyof Api;
export type ApiInput<M extends ApiMethod> = z.input<Api[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.infer<Api[M]['output']>;
export type ApiResult<M extends ApiMethod> = Result<ApiOutput<M>>;

export const API_METHODS = Object.keys(api) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);
}

export function apiResultSchema<M extends ApiMethod>(method: M) {
  return resultSchema(api[method].output);
}

/** What the preload exposes as `window.kiosk`, and what the HTTP client implements. */
export interface KioskBridge {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M>>;
  /** Subscribe to core events; returns an unsubscribe function. */
  onEvent(listener: (event: import('./events').KioskEvent) => void): () => void;
  /** Connection state of the transport (browser mode can lose the server). */
  onConnectionChange?(listener: (connected: boolean) => void): () => void;
}
