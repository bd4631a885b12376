import type { PageCaller } from '../contract/session-token';
import type { KioskEvent, OutOfServiceReason, Result } from '../contract';
import type { PortalConfigInput } from './portal/portal-config';
import type { AttachmentRenderer, PortalOrigin } from './portal/sync-worker';
import type { PrecompiledCatalog } from './catalog/precompiled';
import type { SpeechEngine } from './speech/engine';
import type { HubOptions } from './hub-client/hub-options';
import type { AppointmentClient } from './appointments/appointment-client';
import type { FeedbackRatingSink } from './usage/feedback-desk';

/** Injectable time source, so tests can move the clock. */
export interface Clock {
  now(): number;
  setInterval(callback: () => void, ms: number): { unref?(): void } | number;
  clearInterval(handle: unknown): void;
}

/** Where the 256-bit master key that wraps session and outbox keys comes from. */
export interface MasterKeyProvider {
  /** Returns the key, creating it on first use (never when `mayCreate` is false: refuses instead). */
  load(context?: MasterKeyLoadContext): Buffer;
}

export interface MasterKeyLoadContext {
  /** False when kiosk.db holds queued applications: a missing key is then an error, never made anew. */
  mayCreate: boolean;
}

export interface KioskCoreOptions {
  /** Directory holding kiosk.db (+ WAL) and master.key. Created if missing. */
  dataDir: string;
  /** Directory holding services/ (normally the project's resources/). */
  resourcesDir: string;
  /** The town's own service folders (`--services-dir`), read after <resourcesDir>/services (core/catalog/load-catalog.ts). */
  servicesDir?: string;
  mode: 'electron' | 'browser';
  idleTimeoutMs?: number; // default 120 000
  idleWarningMs?: number; // default 30 000, never more than the timeout
  terminalName?: string;
  /** False: no usage figures (issue 18) are counted; the hub's desk core, which residents never use, says so. */
  countUsage?: boolean;
  /** Folder with branding.json and the town's coat of arms; default: <resourcesDir>/branding (core/branding.ts). */
  brandingDir?: string;
  clock?: Clock;
  masterKeyProvider?: MasterKeyProvider; // default: file <dataDir>/master.key, mode 0600
  logger?: Logger;
  /** App version for kiosk.info; default: "version" of package.json next to resourcesDir. */
  version?: string;
  /** Time zone that decides what "today" is for date rules; default "Europe/Berlin". */
  timeZone?: string;
  /** What the build checked and compiled of the service files; default: this bundle's (none when unbundled). */
  precompiled?: PrecompiledCatalog;
  /**
   * The FIT-Connect portal to deliver to; without it, applications wait in the outbox.
   * A promise attaches the portal once it resolves (a local demo receiver that starts after the kiosk).
   */
  portal?: PortalConfigInput | Promise<PortalConfigInput | undefined>;
  /** What travels with each application; default: the application as a PDF (purpose "form"). */
  renderAttachments?: AttachmentRenderer;
  /** The terminal's own receipt printer (Electron); without it, session.printReceipt is refused. */
  receiptPrinter?: ReceiptPrinter;
  speech?: SpeechOptions;
  /** The help-desk hub; without it the kiosk works alone and "Hilfe" points to the desk. */
  hub?: HubOptions | Promise<HubOptions | undefined>;
  /** Where `portal` came from; default 'configured'. The launcher's demo receiver is 'demo'. */
  portalOrigin?: PortalOrigin;
  /** A town's terminal: a demo portal is never attached, and its accepts never destroy an application. */
  production?: boolean;
  /**
   * The appointment system the prepared visit books times with (issue 16); undefined: no booking, the visit page
   * names the desk's phone and hours. A promise attaches it once known (the demo's reference server).
   */
  appointments?: AppointmentClient | Promise<AppointmentClient | undefined>;
  /** The kiosk takes no applications (see contract KioskInfo.outOfService): session.start and submit are refused. */
  outOfService?: OutOfServiceReason;
  /** Where the faces of "Wie war es?" are counted (issue 18: core/usage); without it they are only logged. */
  feedbackRatings?: FeedbackRatingSink;
}

export interface SpeechOptions {
  /** The synthesiser; default: espeak-ng (WebAssembly in a worker thread), loaded on first use. */
  loadEngine?: () => Promise<SpeechEngine>;
  /**
   * Loads the engine this long after start-up even if nothing was spoken yet, so the first
   * prompt is quick; never before the first screen. Default 4000 ms; null: only on first use.
   */
  warmUpAfterMs?: number | null;
}

/**
 * Prints receipts and handover slips on the terminal (the renderer offers the PDF to the page's print
 * instead in browser mode): as a PDF, or as an HTML page for Electron's own silent printing.
 * Either resolves once the print system has taken the job and rejects when the printer cannot take it.
 */
export type ReceiptPrinter =
  | {
      /** The paper it holds. */
      layout: 'a4' | 'receipt80';
      print(pdf: Buffer): Promise<void>;
    }
  | {
      layout: 'receipt80';
      /** The document as one self-contained HTML page (core/receipt/render-html.ts). */
      printHtml(html: string): Promise<void>;
    };

export interface CatalogProblem {
  /** Path of the broken file relative to resourcesDir, e.g. "services/x/service.json". */
  file: string;
  /** JSON pointer inside it, e.g. "/journey/steps/2/fields/0/type". */
  path: string;
  message: string;
}

export interface KioskCore {
  /**
   * Validates method and input against the contract, runs the handler, returns a Result. Never throws.
   * Every transport names the `caller` (the page): its session token is checked (core/api/session-guard.ts).
   * The core's own callers (the hub client's staff commands, the tests' and the benchmark's parent) name none.
   */
  dispatch(method: unknown, input: unknown, caller?: PageCaller): Promise<Result<unknown>>;
  /** The open session's token, for the browser transport's own-page rule (core/transport/page-holder.ts). */
  currentSessionToken(): string | undefined;
  /** Whether `token` is the session's own (the browser transport sends a session's events only to its page). */
  sessionTokenMatches(sessionId: string, token: string | undefined): boolean;
  onEvent(listener: (event: KioskEvent) => void): () => void;
  readonly catalogProblems: readonly CatalogProblem[];
  /** One delivery pass over the outbox now (also run by a timer); resolves when it is done. No-op without a portal. */
  syncNow(): Promise<void>;
  /** Makes the attachments (application PDF) of every queued application that has none yet; also run after each submission. */
  prepareAttachments(): Promise<void>;
  /**
   * Stops timers and closes the database. A delivery pass still waiting on the
   * network is abandoned as a crash would leave it: it resumes from its last
   * recorded step at the next start.
   */
  close(): void;
}

/** Structured log lines; callers pass event names and ids, never personal data. */
export interface Logger {
  info(event: string, fields?: Record<string, string | number | boolean>): void;
  warn(event: string, fields?: Record<string, string | number | boolean>): void;
  error(event: string, fields?: Record<string, string | number | boolean>): void;
}
