import {
  bookingCodeText,
  fail,
  ok,
  type ApiOutput,
  type BookedTime,
  type BookingFreeTime,
  type FieldError,
  type Result,
} from '../../contract';
import { isoDateInZone } from '../clock';
import { errorClass } from '../logging';
import type { CoreContext } from '../sessions/context';
import { AppointmentError, type AppointmentClient } from './appointment-client';
import { cleanContact } from './booking-contact';
import type { HeldBooking, HeldBookingStore } from './held-booking-store';

/** A time just booked, as the desk's list shows it. */
export interface BookedNotice {
  code: string;
  serviceId: string;
  /** Seconds since the epoch. */
  timestamp: number;
  /** The appointment system's name for the office, if it gave one. */
  officeName: string | null;
  familyName: string;
}

/** How far ahead the day list looks, and how many days it shows (a short list, not a month grid). */
const HORIZON_DAYS = 28;
const LISTED_DAYS = 6;
/** How many next free times a resident is offered when theirs was taken. */
const NEXT_TIMES = 12;
/** A held time the store could not release (appointment system unreachable) is tried again this long. */
const RELEASE_RETRY_MS = 60 * 60_000;

/** The prepared visit a booking belongs to (core/sessions/prepared-visit.ts). */
export interface VisitRef {
  serviceId: string;
}

export type BookingOffer = 'bookable' | 'not-offered' | 'off';

type Unavailable = { outcome: 'unavailable' };
const UNAVAILABLE: Unavailable = { outcome: 'unavailable' };

/** The system could not answer (down, slow, overloaded): the screen names the desk instead. */
function isOutage(error: unknown): boolean {
  return error instanceof AppointmentError && ['timeout', 'unreachable', 'server', 'rate-limited'].includes(error.kind);
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

const validation = (fieldErrors: FieldError[]) => fail('validation', { fieldErrors });

/**
 * Booking a time for the prepared visit on screen (issue 16). Holds at most one time: its booking code lives
 * here and, sealed, in the store (written before the screen hears of it), and goes when the time is confirmed or
 * released. The renderer gets the code only once the time is booked; the booked time stays in memory for the
 * receipt until the visit is forgotten ("Fertig", idle, the next resident).
 */
export class BookingSession {
  private held: (HeldBooking & { lastActivity: number; named?: boolean }) | undefined;
  private booked: (BookedTime & { serviceId: string }) | undefined;
  private bookedAt = 0;
  /** The times last listed to the resident: a reserve names one of them, or it was never offered. */
  private shown: BookingFreeTime[] = [];
  private client: AppointmentClient | undefined;
  private recovered = false;
  private closed = false;
  private lastRetry = 0;
  /** Held rows of a move in flight (manage-booking.ts): not this session's, and never released under it. */
  private readonly moving = new Set<string>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly store: HeldBookingStore,
    private readonly timeZone: string,
    /** Whether an appointment system is configured at all (a demo server may come later). */
    private readonly configured: boolean,
  ) {}

  private visit: () => VisitRef | undefined = () => undefined;
  private bookedListener: (booked: BookedNotice) => void = () => {};

  /** Told of every time booked here (the hub lists them for the desk: code, service, time, office, family name). */
  onBooked(listener: (booked: BookedNotice) => void): void {
    this.bookedListener = listener;
  }

  /** Which prepared visit is on screen (core/sessions/prepared-visit.ts): bookings belong to it. */
  bindVisit(visit: () => VisitRef | undefined): void {
    this.visit = visit;
  }

  /** The client once known (the demo's reference server starts after the kiosk); held times of a crash are released then. */
  attach(client: AppointmentClient | undefined): Promise<void> {
    this.client = client;
    return this.recoverAtStartup();
  }

  offer(serviceId: string): BookingOffer {
    if (!this.configured) return 'off';
    if (!this.client) return 'off';
    return this.client.offers(serviceId) ? 'bookable' : 'not-offered';
  }

  private today(): string {
    return isoDateInZone(this.ctx.clock.now(), this.timeZone);
  }

  private bookable(): Result<{ client: AppointmentClient; serviceId: string }> {
    const visit = this.visit();
    if (!visit) return fail('not_reachable', { detail: 'no prepared visit to book for' });
    if (!this.client || !this.client.offers(visit.serviceId)) {
      return fail('not_reachable', { detail: 'this service books no appointments here' });
    }
    if (this.held) this.held.lastActivity = this.ctx.clock.now();
    return ok({ client: this.client, serviceId: visit.serviceId });
  }

  async days(): Promise<Result<ApiOutput<'appointment.days'>>> {
    const target = this.bookable();
    if (!target.ok) return target;
    const from = this.today();
    try {
      const days = await target.value.client.freeDays(target.value.serviceId, from, addDays(from, HORIZON_DAYS - 1));
      return ok({ outcome: 'ok', days: days.slice(0, LISTED_DAYS) });
    } catch (error) {
      return this.outage('days', error);
    }
  }

  async times(date: string): Promise<Result<ApiOutput<'appointment.times'>>> {
    const target = this.bookable();
    if (!target.ok) return target;
    const today = this.today();
    if (date < today) return validation([{ field: 'date', code: 'date_in_past' }]);
    if (date > addDays(today, HORIZON_DAYS - 1)) return validation([{ field: 'date', code: 'date_too_late' }]);
    try {
      const nowSeconds = Math.floor(this.ctx.clock.now() / 1000);
      const times = (await target.value.client.freeTimes(target.value.serviceId, date)).filter(
        (time) => time.timestamp > nowSeconds,
      );
      this.shown = times;
      return ok({ outcome: 'ok', date, times });
    } catch (error) {
      return this.outage('times', error);
    }
  }

  async reserve(time: BookingFreeTime): Promise<Result<ApiOutput<'appointment.reserve'>>> {
    const target = this.bookable();
    if (!target.ok) return target;
    const { client, serviceId } = target.value;
    if (time.timestamp * 1000 <= this.ctx.clock.now()) {
      return validation([{ field: 'timestamp', code: 'date_in_past' }]);
    }
    if (!this.shown.some((shown) => shown.timestamp === time.timestamp && shown.officeId === time.officeId)) {
      return validation([{ field: 'timestamp', code: 'invalid_option' }]);
    }
    // Another time chosen: the one held before goes first, so one resident never holds two.
    await this.release('changed');
    let appointment;
    try {
      appointment = await client.reserve(serviceId, time);
    } catch (error) {
      if (error instanceof AppointmentError && error.kind === 'slot-taken') {
        this.ctx.logger.info('appointment.slot_taken', { serviceId });
        return ok({ outcome: 'taken', times: await this.nextTimes(client, serviceId, time) });
      }
      return this.outage('reserve', error);
    }
    const now = this.ctx.clock.now();
    const code = { processId: appointment.processId, authKey: appointment.authKey };
    // On disk before the screen hears of it: a crash from here on releases it at the next start.
    const saved = this.store.save({
      sessionId: null,
      serviceId,
      heldAt: now,
      code,
      timestamp: appointment.timestamp,
      officeId: appointment.officeId,
    });
    this.held = { ...saved, lastActivity: now };
    this.ctx.logger.info('appointment.reserved', { serviceId });
    return ok({ outcome: 'held', held: { timestamp: appointment.timestamp, officeId: appointment.officeId } });
  }

  /** The next free times from the one that was taken on: that day's later ones, then the next days'. */
  private async nextTimes(
    client: AppointmentClient,
    serviceId: string,
    taken: BookingFreeTime,
  ): Promise<BookingFreeTime[]> {
    try {
      const date = isoDateInZone(taken.timestamp * 1000, this.timeZone);
      const next: BookingFreeTime[] = [];
      for (const day of [
        date,
        ...(await client.freeDays(serviceId, addDays(date, 1), addDays(date, 13))).map((d) => d.date),
      ]) {
        const times = await client.freeTimes(serviceId, day);
        next.push(...times.filter((t) => t.timestamp >= taken.timestamp && t.timestamp !== taken.timestamp));
        if (next.length >= NEXT_TIMES) break;
      }
      this.shown = next.slice(0, NEXT_TIMES);
      return this.shown;
    } catch (error) {
      this.ctx.logger.warn('appointment.next_times_failed', { errorClass: errorClass(error) });
      this.shown = [];
      return [];
    }
  }

  async confirm(input: {
    familyName: string;
    telephone?: string | undefined;
    email?: string | undefined;
  }): Promise<Result<ApiOutput<'appointment.confirm'>>> {
    const target = this.bookable();
    if (!target.ok) return target;
    const held = this.held;
    if (!held) return fail('not_reachable', { detail: 'no time is held' });
    const cleaned = cleanContact(input);
    if ('errors' in cleaned) return validation(cleaned.errors);
    const { client, serviceId } = target.value;
    try {
      // A retry after a timeout: the name may already be on it, and the process past "reserved".
      if (!held.named) await client.update(held.code, cleaned.contact);
      held.named = true;
      const booked = await client.confirm(held.code);
      this.forgetHeld();
      this.booked = {
        timestamp: booked.timestamp || held.timestamp,
        officeId: booked.officeId || held.officeId,
        code: bookingCodeText(held.code),
        serviceId,
      };
      this.bookedAt = this.ctx.clock.now();
      this.ctx.logger.info('appointment.booked', { serviceId });
      this.bookedListener({
        code: this.booked.code,
        serviceId,
        timestamp: this.booked.timestamp,
        officeName: booked.officeName,
        familyName: cleaned.contact.familyName,
      });
      const { serviceId: _, ...booking } = this.booked;
      return ok({ outcome: 'booked', booking });
    } catch (error) {
      if (error instanceof AppointmentError && ['expired', 'not-found', 'auth-mismatch'].includes(error.kind)) {
        this.forgetHeld();
        this.ctx.logger.info('appointment.hold_expired', { serviceId });
        return ok({ outcome: 'expired' });
      }
      // Kept: a retry confirms the same process (the client sees a step that already happened), never a second one.
      return this.outage('confirm', error);
    }
  }

  /** Releases the held time ("Zurück", another time, "Fertig", idle, the next resident). */
  async release(reason: string): Promise<boolean> {
    const held = this.held;
    if (!held) return false;
    this.held = undefined;
    await this.cancelStored(held, reason);
    return true;
  }

  /** The booked time of the visit on screen, for its receipt. */
  bookedFor(serviceId: string): (BookedTime & { serviceId: string }) | undefined {
    if (this.booked) this.bookedAt = this.ctx.clock.now();
    return this.booked?.serviceId === serviceId ? this.booked : undefined;
  }

  /** The visit is over: a held time is released, the booked one forgotten. */
  async forget(reason: string): Promise<void> {
    this.booked = undefined;
    this.shown = [];
    await this.release(reason);
  }

  /** The idle sweep: a held time whose resident left goes, as the visit page would. */
  sweep(): void {
    const now = this.ctx.clock.now();
    const window = this.ctx.idle.timeoutMs + this.ctx.idle.warningMs;
    if (this.held && this.held.lastActivity + window <= now) void this.forget('idle');
    // The booked time lives as long as its visit page could (the receipt is printed from there).
    if (this.booked && this.bookedAt + window <= now) this.booked = undefined;
    // Held times that could not be released yet (the system was down) are tried again now and then.
    if (this.recovered && !this.held && this.client && now - this.lastRetry >= 30_000 && this.store.count() > 0) {
      this.lastRetry = now;
      void this.recoverAtStartup();
    }
  }

  /**
   * A moved booking's new time between its reserve and its confirm (manage-booking.ts): sealed on disk like a held
   * time, so that a crash in between leaves a row the next start releases (it has no session), never a hold
   * dangling at the appointment system. The retry sweep leaves it alone while the move runs.
   */
  recordMoveHold(held: Omit<HeldBooking, 'id' | 'sessionId'>): string {
    const saved = this.store.save({ ...held, sessionId: null });
    this.moving.add(saved.id);
    return saved.id;
  }

  /** The move's new time is confirmed or released: its row goes. Not released (the system down): the sweep retries. */
  endMoveHold(id: string, settled = true): void {
    this.moving.delete(id);
    if (settled) this.store.remove(id);
  }

  /** The core is closing: a release still on its way leaves its row, released at the next start. */
  close(): void {
    this.closed = true;
  }

  private forgetHeld(): void {
    if (this.held) this.store.remove(this.held.id);
    this.held = undefined;
  }

  private async cancelStored(held: HeldBooking, reason: string): Promise<void> {
    try {
      if (this.client) await this.client.cancel(held.code);
      if (this.closed) return;
      this.store.remove(held.id);
      this.ctx.logger.info('appointment.released', { serviceId: held.serviceId, reason });
    } catch (error) {
      if (isOutage(error) && held.heldAt + RELEASE_RETRY_MS > this.ctx.clock.now()) {
        // Kept on disk and tried again; the system lets an unconfirmed hold expire on its own as well.
        this.ctx.logger.warn('appointment.release_failed', { reason, errorClass: errorClass(error) });
        return;
      }
      // Gone already (expired, cancelled) or never to be released: nothing to keep.
      if (this.closed) return;
      this.store.remove(held.id);
      this.ctx.logger.info('appointment.released', { serviceId: held.serviceId, reason: `${reason}-gone` });
    }
  }

  /**
   * Start-up: a held time is kept only for the session a crash interrupted, if that session survived; any other
   * (its session wiped or ended, or a visit page, which lives in memory only) is released.
   */
  private async recoverAtStartup(): Promise<void> {
    if (!this.client || this.closed) return;
    const surviving = new Set(this.ctx.store.all().map((row) => row.id));
    for (const held of this.store.all()) {
      if (this.held?.id === held.id || this.moving.has(held.id)) continue;
      if (held.sessionId && surviving.has(held.sessionId) && !this.held) {
        const current = await this.client.get(held.code).catch(() => undefined);
        if (current?.status === 'reserved') {
          this.held = { ...held, lastActivity: this.ctx.clock.now() };
          continue;
        }
      }
      await this.cancelStored(held, 'startup');
    }
    if (!this.recovered) this.ctx.logger.info('appointment.ready', { count: this.store.count() });
    this.recovered = true;
  }

  private outage(step: string, error: unknown): Result<Unavailable> {
    if (!isOutage(error)) {
      this.ctx.logger.error('appointment.failed', { method: step, errorClass: errorClass(error) });
      if (!(error instanceof AppointmentError)) throw error;
    } else {
      this.ctx.logger.warn('appointment.unavailable', { method: step, detail: (error as AppointmentError).kind });
    }
    return ok(UNAVAILABLE);
  }
}
