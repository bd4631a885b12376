import { z } from 'zod';

/**
 * Booking a time at the kiosk (issue 16), on the prepared-visit page: the `appointment.*` routes' shapes.
 * The reservation's processId and authKey stay in the core; the renderer sees the booking code only once the
 * time is confirmed. An appointment system that cannot be reached is an outcome, not an error: the screen
 * then points to the desk's phone and hours and the checklist still prints.
 */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** Epoch seconds, as ZMS counts them. */
const EpochSeconds = z.number().int().min(1).max(4_102_444_800);
const OfficeId = z.number().int().min(1).max(2_147_483_647);

/** The longest name, phone and e-mail the booking takes (ZMS's own fields are of this order). */
export const BOOKING_NAME_MAX = 80;
export const BOOKING_PHONE_MAX = 30;
export const BOOKING_EMAIL_MAX = 120;

export const FreeDaySchema = z.object({ date: IsoDate, freeTimes: z.number().int().min(1) });
export const FreeTimeSchema = z.object({ timestamp: EpochSeconds, officeId: OfficeId });
export type BookingFreeTime = z.infer<typeof FreeTimeSchema>;

/** Why nothing could be booked just now: the screen says so plainly and names the desk's phone and hours. */
export const UnavailableSchema = z.object({ outcome: z.literal('unavailable') });

export const BookingDaysSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ok'), days: z.array(FreeDaySchema).max(31) }),
  UnavailableSchema,
]);

export const BookingTimesSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ok'), date: IsoDate, times: z.array(FreeTimeSchema).max(500) }),
  UnavailableSchema,
]);

/** The time held for the resident while they enter their name. */
export const HeldTimeSchema = z.object({ timestamp: EpochSeconds, officeId: OfficeId });

export const BookingReserveSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('held'), held: HeldTimeSchema }),
  /** Someone else took it between listing and reserving: the next free times instead. */
  z.object({ outcome: z.literal('taken'), times: z.array(FreeTimeSchema).max(12) }),
  UnavailableSchema,
]);

/** The booked time, with the code staff scan (processId and authKey, "12345-a1b2c3d4"). */
export const BookedTimeSchema = z.object({
  timestamp: EpochSeconds,
  officeId: OfficeId,
  code: z.string().regex(/^\d{1,10}-[A-Za-z0-9]{1,64}$/),
});
export type BookedTime = z.infer<typeof BookedTimeSchema>;

export const BookingConfirmSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('booked'), booking: BookedTimeSchema }),
  /** The hold ran out before the name was entered: choose a time again. */
  z.object({ outcome: z.literal('expired') }),
  UnavailableSchema,
]);

/** The booking code as printed and scanned: the process id and its key. */
export function bookingCodeText(code: { processId: number; authKey: string }): string {
  return `${code.processId}-${code.authKey}`;
}

export const bookingApi = {
  /** The next days with free times for the prepared visit's service (a short list, not a month). */
  'appointment.days': { input: z.strictObject({}), output: BookingDaysSchema },
  /** One day's free times, ascending. A date in the past or beyond the list: `validation` on `date`. */
  'appointment.times': { input: z.strictObject({ date: IsoDate }), output: BookingTimesSchema },
  /** Holds a time (releasing any other held one); written to the core's store before this answers. */
  'appointment.reserve': {
    input: z.strictObject({ timestamp: EpochSeconds, officeId: OfficeId }),
    output: BookingReserveSchema,
  },
  /** Names the held time and books it. Bad names: `validation` on `familyName`, nothing stored. */
  'appointment.confirm': {
    input: z.strictObject({
      // Longer than any name, so that the core can say "too long" instead of a bare input error.
      familyName: z.string().max(20_000),
      telephone: z.string().max(20_000).optional(),
      email: z.string().max(20_000).optional(),
    }),
    output: BookingConfirmSchema,
  },
  /** "Zurück" from the name: the held time is released at once. */
  'appointment.release': { input: z.strictObject({}), output: z.object({ released: z.boolean() }) },
} as const;
