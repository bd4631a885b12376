import {
  bookingCodeText,
  fail,
  normaliseBookingCode,
  ok,
  type ApiOutput,
  type BookingFreeTime,
  type LanguageCode,
  type ManagedBooking,
  type ReceiptFile,
  type Result,
} from '../../contract';
import type { VisitRequest } from '../receipt';
import type { ReceiptSettings } from '../sessions/session-receipt';
import { isoDateInZone } from '../clock';
import { errorClass } from '../logging';
import type { CoreContext } from '../sessions/context';
import { AppointmentError, type AppointmentClient, type BookingCode } from './appointment-client';
import type { BookedNotice, BookingSession } from './booking-session';

/** How far ahead a booking can be moved, and how many days the list shows (as when booking). */
const HORIZON_DAYS = 28;
const LISTED_DAYS = 6;
/** Codes that opened nothing, kiosk-wide, before it asks the resident to wait (a 4-hex-digit key is guessable). */
const MAX_FAILED_LOOKUPS = 8;
const FAILED_LOOKUP_WINDOW_MS = 10 * 60_000;

type Unavailable = { outcome: 'unavailable' };
const UNAVAILABLE: Unavailable = { outcome: 'unavailable' };

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

const kindOf = (error: unknown) => (error instanceof AppointmentError ? error.kind : undefined);

interface Found {
  code: BookingCode;
  serviceId: string | null;
  officeId: number;
  timestamp: number;
  familyName: string;
  lastActivity: number;
}

/**
 * "Termin verschieben oder absagen" (issue 16): one looked-up booking, in memory only, for the resident at the
 * kiosk; forgotten on "Fertig", the idle wipe and the next resident. Moving books the new time first, under the
 * same family name, and cancels the old one only once the new one is confirmed.
 */
export class ManageBooking {
  private found: Found | undefined;
  private shown: BookingFreeTime[] = [];
  private client: AppointmentClient | undefined;
  private failures: number[] = [];
  private bookedListener: (booked: BookedNotice) => void = () => {};
  private cancelledListener: (code: string) => void = () => {};

  constructor(
    private readonly ctx: CoreContext,
    private readonly timeZone: string,
    /** Whether an appointment system is configured (the start screen's tile). */
    readonly configured: boolean,
    /** Where a move's new time is kept on disk until confirmed or released (the held bookings' store). */
    private readonly holds?: Pick<BookingSession, 'recordMoveHold' | 'endMoveHold'>,
  ) {}

  attach(client: AppointmentClient | undefined): void {
    this.client = client;
  }

  onBooked(listener: (booked: BookedNotice) => void): void {
    this.bookedListener = listener;
  }

  onCancelled(listener: (code: string) => void): void {
    this.cancelledListener = listener;
  }

  private today(): string {
    return isoDateInZone(this.ctx.clock.now(), this.timeZone);
  }

  private view(found: Found): ManagedBooking {
    return {
      code: bookingCodeText(found.code),
      timestamp: found.timestamp,
      officeId: found.officeId,
      serviceId: found.serviceId,
    };
  }

  private current(): Found | undefined {
    if (this.found) this.found.lastActivity = this.ctx.clock.now();
    return this.found;
  }

  private limited(): boolean {
    const since = this.ctx.clock.now() - FAILED_LOOKUP_WINDOW_MS;
    this.failures = this.failures.filter((at) => at > since);
    return this.failures.length >= MAX_FAILED_LOOKUPS;
  }

  async lookup(raw: string): Promise<Result<ApiOutput<'appointment.lookup'>>> {
    this.found = undefined;
    this.shown = [];
    const code = normaliseBookingCode(raw);
    if (!code) return fail('validation', { fieldErrors: [{ field: 'code', code: 'invalid_format' }] });
    if (!this.client) return ok(UNAVAILABLE);
    if (this.limited()) {
      this.ctx.logger.warn('appointment.lookup_limited', {});
      return ok({ outcome: 'rate-limited' });
    }
    try {
      const appointment = await this.client.get(code);
      // Only a booked time can be moved or cancelled; a mere hold or a cancelled one opens nothing.
      if (appointment.status !== 'confirmed' || appointment.timestamp * 1000 <= this.ctx.clock.now()) {
        this.failures.push(this.ctx.clock.now());
        return ok({ outcome: 'not-found' });
      }
      this.found = {
        code,
        serviceId: this.client.serviceOf(appointment) ?? null,
        officeId: appointment.officeId,
        timestamp: appointment.timestamp,
        familyName: appointment.familyName ?? '',
        lastActivity: this.ctx.clock.now(),
      };
      this.ctx.logger.info('appointment.looked_up', { serviceId: this.found.serviceId ?? 'other' });
      return ok({ outcome: 'found', booking: this.view(this.found) });
    } catch (error) {
      const kind = kindOf(error);
      if (kind === 'not-found' || kind === 'auth-mismatch' || kind === 'invalid') {
        this.failures.push(this.ctx.clock.now());
        this.ctx.logger.info('appointment.lookup_failed', { detail: kind });
        return ok({ outcome: kind === 'auth-mismatch' ? 'wrong-key' : 'not-found' });
      }
      if (kind === 'rate-limited') return ok({ outcome: 'rate-limited' });
      return this.outage('lookup', error);
    }
  }

  async cancel(): Promise<Result<ApiOutput<'appointment.cancelManaged'>>> {
    const found = this.current();
    if (!found || !this.client) return fail('not_reachable', { detail: 'no booking looked up' });
    try {
      await this.client.cancel(found.code);
    } catch (error) {
      const kind = kindOf(error);
      if (kind === 'not-found' || kind === 'auth-mismatch') {
        this.found = undefined;
        return ok({ outcome: 'not-found' });
      }
      return this.outage('cancel', error);
    }
    this.found = undefined;
    this.ctx.logger.info('appointment.cancelled', { serviceId: found.serviceId ?? 'other' });
    this.cancelledListener(bookingCodeText(found.code));
    return ok({ outcome: 'cancelled' });
  }

  private movable(): Result<{ client: AppointmentClient; found: Found & { serviceId: string } }> {
    const found = this.current();
    if (!found || !this.client) return fail('not_reachable', { detail: 'no booking looked up' });
    if (found.serviceId === null) return fail('not_reachable', { detail: 'this service books no appointments here' });
    return ok({ client: this.client, found: { ...found, serviceId: found.serviceId } });
  }

  async days(): Promise<Result<ApiOutput<'appointment.moveDays'>>> {
    const target = this.movable();
    if (!target.ok) return target;
    const from = this.today();
    try {
      const days = await target.value.client.freeDays(
        target.value.found.serviceId,
        from,
        addDays(from, HORIZON_DAYS - 1),
      );
      return ok({ outcome: 'ok', days: days.slice(0, LISTED_DAYS) });
    } catch (error) {
      return this.outage('days', error);
    }
  }

  /** The day's free times at the booking's own office. */
  async times(date: string): Promise<Result<ApiOutput<'appointment.moveTimes'>>> {
    const target = this.movable();
    if (!target.ok) return target;
    const today = this.today();
    if (date < today) return fail('validation', { fieldErrors: [{ field: 'date', code: 'date_in_past' }] });
    if (date > addDays(today, HORIZON_DAYS - 1)) {
      return fail('validation', { fieldErrors: [{ field: 'date', code: 'date_too_late' }] });
    }
    const { client, found } = target.value;
    try {
      const nowSeconds = Math.floor(this.ctx.clock.now() / 1000);
      const times = (await client.freeTimes(found.serviceId, date)).filter(
        (time) => time.timestamp > nowSeconds && time.officeId === found.officeId,
      );
      this.shown = times;
      return ok({ outcome: 'ok', date, times });
    } catch (error) {
      return this.outage('times', error);
    }
  }

  async move(time: BookingFreeTime): Promise<Result<ApiOutput<'appointment.move'>>> {
    const target = this.movable();
    if (!target.ok) return target;
    const { client, found } = target.value;
    if (!this.shown.some((shown) => shown.timestamp === time.timestamp && shown.officeId === time.officeId)) {
      return fail('validation', { fieldErrors: [{ field: 'timestamp', code: 'invalid_option' }] });
    }
    let fresh: BookingCode;
    let holdId: string | undefined;
    try {
      const reserved = await client.reserve(found.serviceId, time);
      fresh = { processId: reserved.processId, authKey: reserved.authKey };
      // On disk before anything else: a crash from here on leaves the hold to be released at the next start.
      holdId = this.holds?.recordMoveHold({
        serviceId: found.serviceId,
        heldAt: this.ctx.clock.now(),
        code: fresh,
        timestamp: time.timestamp,
        officeId: time.officeId,
      });
    } catch (error) {
      if (kindOf(error) === 'slot-taken') {
        const date = isoDateInZone(time.timestamp * 1000, this.timeZone);
        const again = await this.times(date);
        return ok({ outcome: 'taken', times: again.ok && again.value.outcome === 'ok' ? again.value.times : [] });
      }
      return this.outage('move-reserve', error);
    }
    let booked;
    try {
      await client.update(fresh, { familyName: found.familyName || '-' });
      booked = await client.confirm(fresh);
    } catch (error) {
      // The old time stands; the new hold goes (or expires on its own if the system cannot be reached).
      this.ctx.logger.warn('appointment.move_kept', { errorClass: errorClass(error), detail: kindOf(error) ?? '' });
      const released = await client.cancel(fresh).then(
        () => true,
        (cancelError: unknown) => kindOf(cancelError) === 'not-found',
      );
      if (holdId) this.holds?.endMoveHold(holdId, released);
      return ok({ outcome: 'kept' });
    }
    if (holdId) this.holds?.endMoveHold(holdId);
    let oldCancelled = true;
    try {
      await client.cancel(found.code);
    } catch (error) {
      const kind = kindOf(error);
      // Already gone is as good as cancelled; otherwise the desk cancels it (the screen says so).
      if (kind !== 'not-found') {
        oldCancelled = false;
        this.ctx.logger.warn('appointment.move_old_not_cancelled', { detail: kind ?? errorClass(error) });
      }
    }
    const moved: Found = {
      ...found,
      code: fresh,
      timestamp: booked.timestamp || time.timestamp,
      officeId: booked.officeId || time.officeId,
      lastActivity: this.ctx.clock.now(),
    };
    this.found = moved;
    this.shown = [];
    this.ctx.logger.info('appointment.moved', { serviceId: found.serviceId, detail: String(oldCancelled) });
    this.bookedListener({
      code: bookingCodeText(fresh),
      serviceId: found.serviceId,
      timestamp: moved.timestamp,
      officeName: booked.officeName,
      familyName: found.familyName,
    });
    if (oldCancelled) this.cancelledListener(bookingCodeText(found.code));
    return ok({ outcome: 'moved', booking: this.view(moved), oldCancelled });
  }

  /** The booking on paper (time, office, entrance, code and QR): the visit receipt's booking part on its own. */
  private receiptRequest(language: LanguageCode): Result<VisitRequest> {
    const found = this.current();
    if (!found || found.serviceId === null) return fail('not_reachable', { detail: 'no booking to print' });
    return ok({
      serviceId: found.serviceId,
      language,
      parts: { fees: [], nextSteps: [], documents: [] },
      preparedAt: this.ctx.clock.now(),
      appointment: { timestamp: found.timestamp, code: bookingCodeText(found.code) },
      bookingOnly: true,
    });
  }

  async receipt(
    receipts: ReceiptSettings,
    layout: 'a4' | 'receipt80',
    language: LanguageCode,
  ): Promise<Result<ReceiptFile>> {
    const request = this.receiptRequest(language);
    if (!request.ok) return request;
    const pdf = await (await receipts.maker()).visit(request.value, layout);
    this.ctx.logger.info('appointment.receipt_made', { layout });
    return ok({ fileName: `booking-${layout}.pdf`, pdfBase64: pdf.toString('base64') });
  }

  async print(receipts: ReceiptSettings, language: LanguageCode): Promise<Result<{ printed: true }>> {
    const printer = receipts.printer;
    if (!printer) return fail('internal', { detail: 'this terminal has no receipt printer' });
    const request = this.receiptRequest(language);
    if (!request.ok) return request;
    const maker = await receipts.maker();
    try {
      if ('printHtml' in printer) await printer.printHtml(maker.visitHtml(request.value));
      else await printer.print(await maker.visit(request.value, printer.layout));
    } catch (error) {
      this.ctx.logger.error('appointment.print_failed', { errorClass: errorClass(error) });
      return fail('internal', { detail: 'the receipt printer did not take the job' });
    }
    this.ctx.logger.info('appointment.receipt_printed', { layout: printer.layout });
    return ok({ printed: true });
  }

  /** "Fertig", the next resident, the idle wipe: the code is forgotten. */
  forget(): boolean {
    const had = this.found !== undefined;
    this.found = undefined;
    this.shown = [];
    return had;
  }

  /** The idle sweep: a looked-up booking whose resident left is forgotten. */
  sweep(): void {
    const window = this.ctx.idle.timeoutMs + this.ctx.idle.warningMs;
    if (this.found && this.found.lastActivity + window <= this.ctx.clock.now()) this.forget();
  }

  private outage(step: string, error: unknown): Result<Unavailable> {
    if (!(error instanceof AppointmentError)) throw error;
    this.ctx.logger.warn('appointment.unavailable', { method: step, detail: error.kind });
    return ok(UNAVAILABLE);
  }
}
