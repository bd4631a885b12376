import { z } from 'zod';
import { ApiErrorSchema } from '../../contract/result';
import { OUT_OF_SERVICE_REASONS } from '../../contract/api';
import { KioskEventSchema } from '../../contract/events';
import { SESSION_TOKEN_PATTERN } from '../../contract/session-token';
import { PortalConfigSchema } from '../portal/portal-config';
import { appointmentsConfigSchema } from '../appointments/config';
import { PRINTER_STATES } from '../../contract/hub/health';

/**
 * The frames between the process that holds the windows (Electron's main process; a plain Node
 * parent in the tests and the benchmark) and the core process (core/host/core-host.ts). One frame
 * is one message on the port: Electron's parentPort in a utilityProcess, the IPC channel of
 * child_process.fork in Node. Both sides check every frame here before acting on it.
 *
 * Parent → core: masterKey, then open; calls; the late portal and hub; print answers; close.
 * Core → parent: ready (or failed), results, events, print requests.
 */

const CallId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** Generous for a receipt PDF (4 MB as base64 in the contract). A WAV in a result crosses as bytes. */
const MAX_B64 = 12_000_000;

export const HubOptionsSchema = z.strictObject({
  url: z.url(),
  enrolmentCode: z.string().max(64).optional(),
  credential: z.string().max(4096).optional(),
  /** The town's CA (PEM, --ca-file) for TLS to the hub. */
  ca: z.string().max(1_000_000).optional(),
  backoff: z.strictObject({ baseMs: z.number().int().positive(), capMs: z.number().int().positive() }).optional(),
  handoverTimeoutMs: z.number().int().positive().optional(),
});

/** What the core process needs to open the core; secrets travel in their own frames, never in argv or env. */
export const OpenOptionsSchema = z.strictObject({
  dataDir: z.string().min(1).max(4096),
  resourcesDir: z.string().min(1).max(4096),
  /** The town's own services (`--services-dir`). */
  servicesDir: z.string().min(1).max(4096).optional(),
  mode: z.enum(['electron', 'browser']),
  idleTimeoutMs: z.number().positive().optional(),
  idleWarningMs: z.number().positive().optional(),
  terminalName: z.string().max(200).optional(),
  /** The paper in the terminal's printer; absent: no printer (session.printReceipt is refused). */
  printerLayout: z.enum(['a4', 'receipt80']).optional(),
  /** What the parent's printer takes: a PDF (default) or one HTML page (Electron's silent printing). */
  printerFormat: z.enum(['pdf', 'html']).optional(),
  /**
   * Whether a portal or a hub comes in a `portal` / `hub` frame after `ready`: the town's (with its
   * secret, kept out of these options) or a demo that starts after the kiosk.
   */
  portalLater: z.boolean().optional(),
  hubLater: z.boolean().optional(),
  /** Whether an `appointments` frame follows (issue 16): the core books times with the system it names. */
  appointmentsLater: z.boolean().optional(),
  /** Fail closed (launcher/production.ts): a town's terminal, the portal's origin, and why it takes no applications. */
  production: z.boolean().optional(),
  portalOrigin: z.enum(['configured', 'demo']).optional(),
  outOfService: z.enum(OUT_OF_SERVICE_REASONS).optional(),
  /** Tests and the benchmark: no speech warm-up timer (the engine still loads on first use). */
  speechWarmUp: z.boolean().optional(),
});
export type OpenOptions = z.infer<typeof OpenOptionsSchema>;

/** The appointment system as settings (the core process builds its own client from them). */
export const AppointmentsFrameConfigSchema = appointmentsConfigSchema.extend({
  caPem: z.string().max(1_000_000).optional(),
});
export type AppointmentsFrameConfig = z.input<typeof AppointmentsFrameConfigSchema>;

export const ToCoreSchema = z.discriminatedUnion('kind', [
  /** The terminal's 256-bit master key, unwrapped by the parent (safeStorage in Electron). */
  z.strictObject({ kind: z.literal('masterKey'), keyBase64: z.base64().length(44) }),
  z.strictObject({ kind: z.literal('open'), options: OpenOptionsSchema }),
  /**
   * A call; the core's dispatch checks method and input against the contract. `caller`: the page's call
   * (Electron IPC) with its session token; absent for the parent's own calls (the update check).
   */
  z.strictObject({
    kind: z.literal('call'),
    id: CallId,
    method: z.string().min(1).max(64),
    input: z.unknown(),
    caller: z
      .strictObject({ sessionToken: z.string().regex(SESSION_TOKEN_PATTERN).optional(), ownPage: z.boolean() })
      .optional(),
  }),
  /** The portal or the hub the core attaches once known (null: none after all). */
  z.strictObject({ kind: z.literal('portal'), config: PortalConfigSchema.nullable() }),
  z.strictObject({ kind: z.literal('hub'), options: HubOptionsSchema.nullable() }),
  /** The appointment system (its settings; the core process builds the client), null: none after all. */
  z.strictObject({
    kind: z.literal('appointments'),
    config: AppointmentsFrameConfigSchema.nullable(),
  }),
  /** `printerState`: why a job failed, when the printer said (issue 20: the health report). */
  z.strictObject({
    kind: z.literal('printed'),
    id: CallId,
    ok: z.boolean(),
    printerState: z.enum(PRINTER_STATES).optional(),
  }),
  z.strictObject({ kind: z.literal('close') }),
]);
export type ToCore = z.input<typeof ToCoreSchema>;

const CatalogProblemSchema = z.object({ file: z.string(), path: z.string(), message: z.string() });

/** A Result as it crosses: the value's own shape is the contract's business (the renderer reads it). */
export const WireResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: ApiErrorSchema }),
]);

export const FromCoreSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ready'), catalogProblems: z.array(CatalogProblemSchema) }),
  /** The core could not open its data (foreign database history, unreadable folder): no restart helps. */
  z.strictObject({ kind: z.literal('failed'), message: z.string().max(2000) }),
  z.strictObject({ kind: z.literal('result'), id: CallId, result: WireResultSchema }),
  z.strictObject({ kind: z.literal('event'), event: KioskEventSchema }),
  /** A receipt or slip for the terminal's printer, which the parent owns. */
  z.strictObject({ kind: z.literal('print'), id: CallId, pdfBase64: z.base64().max(MAX_B64) }),
  z.strictObject({ kind: z.literal('printHtml'), id: CallId, html: z.string().max(MAX_B64) }),
  /** A frame the core refused (the parent's bug, never the resident's data: only the reason). */
  z.strictObject({ kind: z.literal('refused'), detail: z.string().max(500) }),
]);
export type FromCore = z.infer<typeof FromCoreSchema>;

/** One end of the message channel, whatever carries it. */
export interface FramePort {
  send(frame: unknown): void;
  onFrame(listener: (frame: unknown) => void): void;
}

/**
 * Calls the parent may send again after a crash of the core process: they change nothing a resident
 * sees twice (reads, speech, the idle clock). Every other call may or may not have committed before
 * the crash; it is answered with `internal` instead, and the renderer takes the core's picture of the
 * session (session.resume) when the core is back.
 */
export const RETRYABLE_METHODS: ReadonlySet<string> = new Set([
  'kiosk.info',
  'catalog.get',
  'catalog.translations',
  'catalog.service',
  'offices.status',
  'session.resume',
  'session.active',
  'session.keepAlive',
  'session.receipt',
  'speech.synthesize',
  'outbox.status',
  'help.state',
  'handover.slip',
]);
