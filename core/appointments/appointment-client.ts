import type { Appointment, FreeDay, FreeTime } from '../../contract/appointments';
import type { WalkInClient } from './walk-in-client';

/**
 * The kiosk's appointment system, behind a small interface: ZMS today (./zms-client.ts); TEVIS or Qmatic
 * adapters can follow. Services are the kiosk's service ids; the adapter maps them to the system's ids.
 */
export interface AppointmentClient {
  /** Days in [from, to] (YYYY-MM-DD, local) with at least one free time for the service. */
  freeDays(serviceId: string, from: string, to: string): Promise<FreeDay[]>;
  /** The free times of one day, ascending. */
  freeTimes(serviceId: string, date: string): Promise<FreeTime[]>;
  /** Holds a time; the reservation expires unless confirmed in time. */
  reserve(serviceId: string, time: FreeTime): Promise<Appointment>;
  /** The resident's name (and optional contact) on a held reservation. */
  update(booking: BookingCode, contact: Contact): Promise<Appointment>;
  /** Makes a held reservation a booked appointment (no e-mail needed). */
  confirm(booking: BookingCode): Promise<Appointment>;
  /** Releases a reservation or cancels an appointment; the booking code stops working. */
  cancel(booking: BookingCode): Promise<Appointment>;
  get(booking: BookingCode): Promise<Appointment>;
  /** The kiosk service a booking is for (from the mapping), if this kiosk books it. */
  serviceOf(appointment: Appointment): string | undefined;
  /** Whether the kiosk service books appointments at all (it is in the mapping). */
  offers(serviceId: string): boolean;
  /** Walk-in waiting numbers, where the system gives them out and the kiosk is set up for it. */
  readonly walkIns?: WalkInClient | undefined;
  close(): void;
}

/** What identifies a booking: ZMS's processId and authKey (printed on the receipt as the booking code). */
export interface BookingCode {
  processId: number;
  authKey: string;
}

export interface Contact {
  familyName: string;
  email?: string;
  telephone?: string;
}

export type AppointmentErrorKind =
  /** No answer in time (after the retry). */
  | 'timeout'
  /** No connection (refused, reset, TLS refused). */
  | 'unreachable'
  /** 5xx, or an answer that is not the API's. */
  | 'server'
  /** The time was taken by someone else (404 appointmentNotAvailable). */
  | 'slot-taken'
  /** No such booking, or it was cancelled (404 appointmentNotFound). */
  | 'not-found'
  /** The booking code's key is wrong (406 authKeyMismatch). */
  | 'auth-mismatch'
  /** The reservation expired or moved on (409, preconfirmationExpired). */
  | 'expired'
  /** The request was refused as malformed (400); `codes` say which field. */
  | 'invalid'
  /** 429 rateLimitExceeded. */
  | 'rate-limited'
  /** The kiosk service is not in the mapping. */
  | 'not-offered'
  /** Walk-ins: the office gives out no number now (outside its walk-in hours, or the day's numbers used up). */
  | 'closed';

/** Every failure of an AppointmentClient: the kind for the screen, the API's error codes for the log. */
export class AppointmentError extends Error {
  override readonly name = 'AppointmentError';
  constructor(
    readonly kind: AppointmentErrorKind,
    readonly codes: readonly string[] = [],
    readonly status?: number,
  ) {
    super(`${kind}${codes.length > 0 ? ` (${codes.join(', ')})` : ''}${status ? ` HTTP ${status}` : ''}`);
  }
}
