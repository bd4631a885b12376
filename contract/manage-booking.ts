import { z } from 'zod';
import { BookedTimeSchema, BookingDaysSchema, BookingTimesSchema, FreeTimeSchema, UnavailableSchema } from './booking';

/**
 * "Termin verschieben oder absagen" at the kiosk (issue 16): the resident types the booking code printed on
 * their receipt. The core keeps the looked-up code in memory for this resident only; the renderer sees the
 * booked time, its office and service, never the family name.
 */

/** What the resident may type: digits, a hyphen, letters; spaces and case do not matter. */
export const BOOKING_CODE_INPUT_MAX = 40;

/**
 * The booking code as typed, made exact: spaces dropped, lower case, the hyphen put back after six digits.
 * Undefined when it cannot be a code (so no call is made).
 */
export function normaliseBookingCode(raw: string): { processId: number; authKey: string } | undefined {
  const compact = raw
    .replace(/\s+/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toLowerCase();
  const hyphened = /^\d{6}[0-9a-f]{4,64}$/.test(compact) ? `${compact.slice(0, 6)}-${compact.slice(6)}` : compact;
  const match = /^(\d{1,10})-([0-9a-z]{4,64})$/.exec(hyphened);
  if (!match) return undefined;
  const processId = Number(match[1]);
  if (!Number.isSafeInteger(processId) || processId < 1 || processId > 2_147_483_647) return undefined;
  return { processId, authKey: match[2]! };
}

/** The booking as the screen shows it: the kiosk service (null: not one this kiosk books) and its office. */
export const ManagedBookingSchema = BookedTimeSchema.extend({ serviceId: z.string().nullable() });
export type ManagedBooking = z.infer<typeof ManagedBookingSchema>;

/** Why a code opened nothing, in the resident's terms. */
const NotFound = z.object({ outcome: z.literal('not-found') });
const WrongKey = z.object({ outcome: z.literal('wrong-key') });
/** Too many tries (the appointment system's limit, or the kiosk's own against guessing). */
const RateLimited = z.object({ outcome: z.literal('rate-limited') });

export const LookupSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('found'), booking: ManagedBookingSchema }),
  NotFound,
  WrongKey,
  RateLimited,
  UnavailableSchema,
]);

export const CancelManagedSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('cancelled') }),
  NotFound,
  UnavailableSchema,
]);

export const MoveSchema = z.discriminatedUnion('outcome', [
  /** The new time is booked; `oldCancelled` false: the old one could not be cancelled (the desk can). */
  z.object({ outcome: z.literal('moved'), booking: ManagedBookingSchema, oldCancelled: z.boolean() }),
  /** Someone else took the chosen time: that day's free times again. */
  z.object({ outcome: z.literal('taken'), times: z.array(FreeTimeSchema).max(500) }),
  /** The new time could not be confirmed: the old one stands. */
  z.object({ outcome: z.literal('kept') }),
  UnavailableSchema,
]);

export const manageBookingApi = {
  /** Opens a booking by its code. A code that cannot be one: `validation` on `code`, nothing asked. */
  'appointment.lookup': {
    input: z.strictObject({ code: z.string().max(BOOKING_CODE_INPUT_MAX * 5) }),
    output: LookupSchema,
  },
  /** Cancels the looked-up booking (the hub is told). */
  'appointment.cancelManaged': { input: z.strictObject({}), output: CancelManagedSchema },
  /** The next days with free times for the looked-up booking's service and office. */
  'appointment.moveDays': { input: z.strictObject({}), output: BookingDaysSchema },
  'appointment.moveTimes': {
    input: z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    output: BookingTimesSchema,
  },
  /** Books the new time under the same name, then cancels the old one. */
  'appointment.move': {
    input: FreeTimeSchema.strict(),
    output: MoveSchema,
  },
  /** "Fertig": the looked-up code is forgotten. */
  'appointment.manageDone': { input: z.strictObject({}), output: z.object({ forgotten: z.boolean() }) },
} as const;
