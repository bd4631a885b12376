import { z } from 'zod';

/**
 * Terminal health (issue 20): what a kiosk reports to the hub every minute and on change, and the alerts the hub
 * raises from it for the staff console. Figures, states and codes only: never a message, a name or an answer.
 * Every number has bounds, so a report with absurd values is refused as a whole.
 */

/** `absent`: this terminal has no receipt printer (browser mode, none configured); `unknown`: not asked yet. */
export const PRINTER_STATES = ['ready', 'out_of_paper', 'error', 'absent', 'unknown'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

/** A system the kiosk talks to, as the kiosk last saw it. */
export const REACHABILITY = ['reachable', 'unreachable', 'not_configured', 'unknown'] as const;
export type Reachability = (typeof REACHABILITY)[number];

/** The class of the last error the kiosk saw: a fixed code, never the error's text. */
export const HEALTH_ERROR_CLASSES = [
  'none',
  'portal_unreachable',
  'portal_refused',
  'appointments_unreachable',
  'printer_failed',
  'catalogue_refused',
  'internal',
] as const;
export type HealthErrorClass = (typeof HEALTH_ERROR_CLASSES)[number];

const YEAR_SECONDS = 366 * 24 * 3600;
/** 1 PiB: more free disk than that on a kiosk is a broken figure. */
export const MAX_FREE_DISK_BYTES = 2 ** 50;
/** More queued applications than this is not a kiosk's day, nor its month. */
export const MAX_OUTBOX_DEPTH = 100_000;

/** Versions as the build names them ("1.4.2", "2026-12-01.3"): printable, short. */
const Version = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$/);

export const HealthReportSchema = z.strictObject({
  appVersion: Version,
  catalogue: z.strictObject({
    /** The catalogue's version: a digest of the active services' ids and definitions. */
    version: Version,
    /** 'failed': a service or the whole catalogue was refused at its last activation. */
    activation: z.enum(['ok', 'failed']),
    services: z.number().int().min(0).max(1000),
    refused: z.number().int().min(0).max(1000),
  }),
  uptimeSeconds: z
    .number()
    .int()
    .min(0)
    .max(10 * YEAR_SECONDS),
  freeDiskBytes: z.number().int().min(0).max(MAX_FREE_DISK_BYTES).nullable(),
  printer: z.enum(PRINTER_STATES),
  outbox: z.strictObject({
    depth: z.number().int().min(0).max(MAX_OUTBOX_DEPTH),
    /** Age of the oldest application not yet delivered; null when none waits. */
    oldestAgeSeconds: z.number().int().min(0).max(YEAR_SECONDS).nullable(),
  }),
  /** When the portal last took an application (submitted or accepted); null: never, as far as this kiosk knows. */
  lastDeliveryAt: z.iso.datetime().nullable(),
  appointments: z.enum(REACHABILITY),
  portal: z.enum(REACHABILITY),
  lastError: z.enum(HEALTH_ERROR_CLASSES),
  /** The kiosk's clock when it made the report; the hub refuses one far from its own. */
  reportedAt: z.iso.datetime(),
});
export type HealthReport = z.infer<typeof HealthReportSchema>;

/** The terminal → hub message (in TerminalToHubSchema). */
export const HealthMessageSchema = z.object({ type: z.literal('health'), report: HealthReportSchema });

/** How far a report's times may be from the hub's clock before it is refused as absurd. */
export const HEALTH_CLOCK_SKEW_MS = 10 * 60_000;
/** Nothing was delivered before this kiosk existed. */
export const HEALTH_EARLIEST = Date.UTC(2024, 0, 1);

/** Why the hub refused a report: codes only, logged and audited. */
export type HealthRefusal = 'invalid_report' | 'clock_skew' | 'revoked';

/** The bounds the schema cannot know: times against the hub's clock. Undefined when the report is plausible. */
export function implausibleHealth(report: HealthReport, nowMs: number): HealthRefusal | undefined {
  const reported = Date.parse(report.reportedAt);
  if (Math.abs(reported - nowMs) > HEALTH_CLOCK_SKEW_MS) return 'clock_skew';
  if (report.lastDeliveryAt !== null) {
    const delivered = Date.parse(report.lastDeliveryAt);
    if (delivered < HEALTH_EARLIEST || delivered > reported + HEALTH_CLOCK_SKEW_MS) return 'invalid_report';
  }
  if (report.catalogue.refused > 0 && report.catalogue.activation === 'ok') return 'invalid_report';
  if (report.outbox.depth === 0 && report.outbox.oldestAgeSeconds !== null) return 'invalid_report';
  return undefined;
}
