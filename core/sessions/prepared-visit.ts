import {
  answersOfVisibleSteps,
  applicableParts,
  DEFAULT_LANGUAGE,
  fail,
  isLanguageCode,
  ok,
  type DeskOpening,
  type HandoverTicket,
  type PreparedVisit,
  type ReceiptFile,
  type Result,
} from '../../contract';
import type { HubClient } from '../hub-client/hub-client';
import { errorClass } from '../logging';
import type { VisitRequest } from '../receipt';
import { firstIncompleteStep, validateAnswers } from '../validation/validate-answers';
import type { CoreContext } from './context';
import { endSession, requireActive } from './lifecycle';
import type { ReceiptSettings } from './session-receipt';
import type { BookingSession } from '../appointments/booking-session';

/** Where the receipt finds the time booked for the visit (issue 16). */
type Bookings = Pick<BookingSession, 'bookedFor'>;
import { completedSteps, storedPosition } from './session-view';

/**
 * In-person services (`completion: "visit"`, issue 15): the journey ends in a prepared visit, not a
 * submission. The checklist and fee are decided on the answers; the answers themselves go to the desk
 * the way "continue at the desk" sends them (sealed for the hub, opened by a code), and leave the kiosk.
 * What stays, in memory only until "Fertig" or the idle timeout, is what the checklist receipt shows:
 * catalog texts, which of them apply, and the code. Nothing is sent to the portal.
 */
export class PreparedVisits {
  private last: (PreparedVisit & { preparedAtMs: number; activeAtMs?: number; desk?: DeskOpening }) | undefined;

  constructor(
    private readonly ctx: CoreContext,
    private readonly hub: Pick<HubClient, 'handover' | 'forgetHandover'>,
  ) {}

  async prepare(sessionId: string): Promise<Result<PreparedVisit>> {
    const { ctx } = this;
    const active = requireActive(ctx, sessionId);
    if (!active.ok) return active;
    const { row, service } = active.value;
    if (service.definition.completion !== 'visit') {
      return fail('not_reachable', { detail: 'this service is sent, not prepared as a visit' });
    }
    if (storedPosition(row).kind !== 'check') {
      return fail('not_reachable', { detail: 'a visit is prepared from the check page' });
    }
    ctx.store.touch(row.id, ctx.clock.now());
    const answers = ctx.store.readAnswers(row);
    const incomplete = firstIncompleteStep(service, answers, completedSteps(row));
    if (incomplete) return fail('incomplete', { stepId: incomplete.step.id, fieldErrors: incomplete.fieldErrors });
    const fieldErrors = validateAnswers(service, answers);
    if (fieldErrors.length > 0) return fail('incomplete', { fieldErrors });
    const parts = applicableParts(
      service.definition,
      answersOfVisibleSteps(service.definition, answers),
      ctx.today?.(),
    );
    const language = isLanguageCode(row.language) ? row.language : DEFAULT_LANGUAGE;
    const serviceId = service.definition.id;

    // The desk gets the prepared answers as a handover; that call wipes the session once the hub has them.
    const handed = await this.hub.handover(sessionId);
    let ticket: HandoverTicket = handed.ok ? handed.value : { stored: false, reason: 'hub_unavailable' };
    if (!ticket.stored) {
      // No hub: the checklist still stands on its own; the answers are not kept anywhere.
      endSession(ctx, sessionId, 'finished');
      ticket = { stored: false, reason: ticket.reason };
    }
    const now = ctx.clock.now();
    const visit: PreparedVisit = { serviceId, language, preparedAt: new Date(now).toISOString(), parts, ticket };
    const desk = ticket.stored ? ticket.desk : undefined;
    this.last = { ...visit, preparedAtMs: now, ...(desk ? { desk } : {}) };
    ctx.logger.info('visit.prepared', { serviceId, handedToDesk: ticket.stored });
    return ok(visit);
  }

  /** The service of the visit on screen, if any (booking a time belongs to it). */
  onScreen(): { serviceId: string } | undefined {
    if (!this.current().ok) return undefined;
    // Booking a time takes a while: each of its steps keeps the visit (and its receipt) as a tap would.
    this.last!.activeAtMs = this.ctx.clock.now();
    return { serviceId: this.last!.serviceId };
  }

  /** The visit prepared last, while its page may still be on screen (as long as a handover code). */
  private current(bookings?: Bookings): Result<VisitRequest> {
    const { ctx, last } = this;
    const activeAt = last ? (last.activeAtMs ?? last.preparedAtMs) : 0;
    if (last && ctx.clock.now() - activeAt > ctx.idle.timeoutMs + ctx.idle.warningMs) this.last = undefined;
    if (!this.last) return fail('not_reachable', { detail: 'no visit was prepared here' });
    const { serviceId, language, parts, ticket, preparedAtMs, desk } = this.last;
    const booked = bookings?.bookedFor(serviceId);
    return ok({
      ...(booked ? { appointment: { timestamp: booked.timestamp, code: booked.code } } : {}),
      serviceId,
      language,
      parts,
      preparedAt: preparedAtMs,
      ...(ticket.stored ? { code: ticket.code, ...(ticket.validUntil ? { validUntil: ticket.validUntil } : {}) } : {}),
      ...(desk ? { desk } : {}),
    });
  }

  async receipt(
    receipts: ReceiptSettings,
    layout: 'a4' | 'receipt80',
    bookings?: Bookings,
  ): Promise<Result<ReceiptFile>> {
    const request = this.current(bookings);
    if (!request.ok) return request;
    const pdf = await (await receipts.maker()).visit(request.value, layout);
    this.ctx.logger.info('visit.receipt_made', { layout });
    return ok({ fileName: `visit-checklist-${layout}.pdf`, pdfBase64: pdf.toString('base64') });
  }

  async print(receipts: ReceiptSettings, bookings?: Bookings): Promise<Result<{ printed: true }>> {
    const printer = receipts.printer;
    if (!printer) return fail('internal', { detail: 'this terminal has no receipt printer' });
    const request = this.current(bookings);
    if (!request.ok) return request;
    const maker = await receipts.maker();
    try {
      if ('printHtml' in printer) await printer.printHtml(maker.visitHtml(request.value));
      else await printer.print(await maker.visit(request.value, printer.layout));
    } catch (error) {
      this.ctx.logger.error('visit.print_failed', { errorClass: errorClass(error) });
      return fail('internal', { detail: 'the receipt printer did not take the job' });
    }
    this.ctx.logger.info('visit.receipt_printed', { layout: printer.layout });
    return ok({ printed: true });
  }

  /** "Fertig": the visit and its code are forgotten, so nothing more can be printed. */
  forget(): boolean {
    const had = this.last !== undefined;
    this.last = undefined;
    this.hub.forgetHandover();
    return had;
  }
}
