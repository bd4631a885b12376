import { z } from 'zod';
import { GuideTarget, HandoverCode, HELP_REASONS, StaffDisplayName } from './hub/terminal-protocol';
import { OfficeOpeningSchema } from './office';

/**
 * The resident's side of staff help (issue 5): what the renderer is told about
 * a help request, consent, live view and takeover, and the handover ticket.
 * The hub protocol itself is in ./hub/terminal-protocol.ts.
 */

export const HELP_REQUEST_REASONS = HELP_REASONS;
export type HelpRequestReason = (typeof HELP_REQUEST_REASONS)[number];

export const GuideTargetSchema = GuideTarget;
export type GuideTargetName = z.infer<typeof GuideTargetSchema>;

/**
 * - unavailable: no hub configured or it cannot be reached, and no request is open (go to the desk)
 * - idle: the hub is there, nobody asked for help
 * - waiting: a request is open since `since`
 * - accepted: `staffName` is coming
 * - consent: `staffName` asks to see the resident's answers
 * - viewing / takeover: staff sees the answers / fills in remotely (banner with "Beenden")
 */
export const HELP_STATUSES = ['unavailable', 'idle', 'waiting', 'accepted', 'consent', 'viewing', 'takeover'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];

export const HelpStateSchema = z.object({
  status: z.enum(HELP_STATUSES),
  /** none: no hub configured; offline: configured but not connected (a request waits to be sent). */
  hub: z.enum(['none', 'online', 'offline']),
  since: z.string().datetime().optional(),
  staffName: StaffDisplayName.optional(),
  reason: z.enum(HELP_REQUEST_REASONS).optional(),
});
export type HelpState = z.infer<typeof HelpStateSchema>;

/** When the desk is open next (issue 14): open now until `until`, or opening at `from`; in the town's zone. */
/** When the help desk (the `info` office) is open next; one shape with every office's opening. */
export const DeskOpeningSchema = OfficeOpeningSchema;
export type DeskOpening = z.infer<typeof DeskOpeningSchema>;

export const HandoverTicketSchema = z.discriminatedUnion('stored', [
  z.object({
    stored: z.literal(true),
    code: HandoverCode,
    /** QR modules of the code, one string of 0/1 per row (drawn as SVG by the renderer). */
    qr: z
      .array(z.string().regex(/^[01]{21,177}$/))
      .min(21)
      .max(177),
    /** Until when the hub accepts the code at the desk. */
    validUntil: z.string().datetime().optional(),
    /** When the desk is open next, from the `info` office's hours (resources/offices/offices.json). */
    desk: DeskOpeningSchema.optional(),
  }),
  /** The hub is not there or did not confirm in time: the draft stays on the kiosk. */
  z.object({ stored: z.literal(false), reason: z.enum(['hub_unavailable', 'timeout']) }),
]);
export type HandoverTicket = z.infer<typeof HandoverTicketSchema>;
