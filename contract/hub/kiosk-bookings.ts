import { z } from 'zod';

/**
 * Times booked at a kiosk (issue 16), as the help-desk hub keeps them for the staff console: the booking code
 * printed on the resident's receipt, the office, the time, the service and the family name; nothing else.
 */

/** As printed and scanned: the appointment system's process id and its key ("48213-a9f3"). */
export const KioskBookingCode = z.string().regex(/^\d{1,10}-[A-Za-z0-9]{1,64}$/);

export const KioskBookingNoticeSchema = z.object({
  code: KioskBookingCode,
  serviceId: z.string().regex(/^[a-z0-9-]{1,64}$/),
  officeName: z.string().min(1).max(160),
  startsAt: z.string().datetime(),
  /** As the resident typed it; the console shows it to find the person at the counter. */
  familyName: z.string().min(1).max(80),
});
export type KioskBookingNotice = z.infer<typeof KioskBookingNoticeSchema>;

export const KioskBookingViewSchema = KioskBookingNoticeSchema.extend({
  terminalName: z.string(),
  cancelled: z.boolean(),
});
export type KioskBookingView = z.infer<typeof KioskBookingViewSchema>;
