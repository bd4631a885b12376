import { z } from 'zod';
import { HealthReportSchema } from './health';
import { TerminalId } from './terminal-protocol';

/**
 * Alerts (issue 20) the hub raises from the terminals' health reports and their connections, as the staff console
 * sees them: raised once per terminal and kind, cleared when the condition ends, acknowledged by staff (audited).
 */

export const ALERT_KINDS = ['offline', 'printer', 'outbox', 'disk', 'catalogue'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const AlertViewSchema = z.object({
  alertId: z.string().uuid(),
  terminalId: TerminalId,
  terminalName: z.string(),
  location: z.string(),
  kind: z.enum(ALERT_KINDS),
  raisedAt: z.iso.datetime(),
  /** The condition ended; a cleared alert is no longer listed. */
  clearedAt: z.iso.datetime().nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
  acknowledgedBy: z.object({ staffId: z.string(), displayName: z.string() }).nullable(),
});
export type AlertView = z.infer<typeof AlertViewSchema>;

/** A terminal's latest report as the console's overview shows it, with when the hub received it. */
export const TerminalHealthViewSchema = HealthReportSchema.extend({ receivedAt: z.iso.datetime() });
export type TerminalHealthView = z.infer<typeof TerminalHealthViewSchema>;

export const healthConsoleRoutes = {
  /** The alerts not yet cleared, newest first. */
  'GET /alerts': { reply: z.array(AlertViewSchema) },
  /** "Gesehen": staff saw the alert (audited: who, when); it stays listed until its condition ends. */
  'POST /alerts/:alertId/acknowledge': { body: z.strictObject({}), reply: AlertViewSchema },
} as const;

export const HealthToConsoleSchemas = [
  z.object({ type: z.literal('alerts'), alerts: z.array(AlertViewSchema) }),
  /** A new alert: the console plays the help request's cue. */
  z.object({ type: z.literal('alert.new'), alert: AlertViewSchema }),
] as const;
