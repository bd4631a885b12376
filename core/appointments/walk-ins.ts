import {
  fail,
  ok,
  type ApiOutput,
  type LanguageCode,
  type ReceiptFile,
  type Result,
  type WaitingTicket,
} from '../../contract';
import type { WaitingRequest } from '../receipt';
import type { ReceiptSettings } from '../sessions/session-receipt';
import { errorClass } from '../logging';
import { officeOpening } from '../offices/opening';
import type { CoreContext } from '../sessions/context';
import { AppointmentError, type AppointmentClient } from './appointment-client';
import type { WalkInClient } from './walk-in-client';

/**
 * Walk-in waiting numbers at the kiosk (issue 16): which offices take walk-ins and when (the configured hours,
 * in the kiosk's time zone), drawing a number, and the last number drawn for its receipt, in memory only and
 * forgotten on "Fertig", the next resident and the idle wipe. The number is the office's; nothing personal.
 */
export class WalkIns {
  private client: WalkInClient | undefined;
  private ticket: (WaitingTicket & { at: number }) | undefined;

  constructor(
    private readonly ctx: CoreContext,
    private readonly timeZone: string,
  ) {}

  attach(client: AppointmentClient | undefined): void {
    this.client = client?.walkIns;
  }

  private hours(officeId: string) {
    const office = this.client?.offices().find((entry) => entry.officeId === officeId);
    return office ? { ...office.hours, timeZone: this.timeZone } : undefined;
  }

  private opening(officeId: string) {
    const hours = this.hours(officeId);
    return hours ? (officeOpening(hours, this.ctx.clock.now()) ?? null) : null;
  }

  /** Offices the catalogue knows, in the configuration's order. */
  offices(): ApiOutput<'walkIn.offices'> {
    const known = this.client?.offices().filter((entry) => this.ctx.catalog.offices.byId.has(entry.officeId)) ?? [];
    return { offices: known.map((entry) => ({ officeId: entry.officeId, opening: this.opening(entry.officeId) })) };
  }

  async take(officeId: string): Promise<Result<ApiOutput<'walkIn.take'>>> {
    this.ticket = undefined;
    const client = this.client;
    if (!client || !this.hours(officeId) || !this.ctx.catalog.offices.byId.has(officeId)) {
      return fail('validation', { fieldErrors: [{ field: 'officeId', code: 'invalid_option' }] });
    }
    const opening = this.opening(officeId);
    // Outside the walk-in hours the kiosk asks nothing: it says when the office takes walk-ins next.
    if (!opening?.openNow) return ok({ outcome: 'closed', opening });
    try {
      const drawn = await client.takeNumber(officeId);
      const at = this.ctx.clock.now();
      const ticket: WaitingTicket = {
        officeId,
        number: drawn.number,
        takenAt: new Date(drawn.arrivalTime * 1000).toISOString(),
        waitingMinutes: drawn.waitingMinutes === null ? null : Math.min(drawn.waitingMinutes, 24 * 60),
      };
      this.ticket = { ...ticket, at };
      this.ctx.logger.info('walkin.number_taken', { officeId, estimate: ticket.waitingMinutes !== null });
      return ok({ outcome: 'number', ticket });
    } catch (error) {
      if (!(error instanceof AppointmentError)) throw error;
      this.ctx.logger.warn('walkin.no_number', { officeId, detail: error.kind });
      if (error.kind === 'closed') {
        // The office's own answer wins: it is not taking walk-ins now, so the next block after this one.
        const later = opening.openNow ? this.nextAfter(officeId, Date.parse(opening.until)) : opening;
        return ok({ outcome: 'closed', opening: later });
      }
      return ok({ outcome: 'unavailable' });
    }
  }

  private nextAfter(officeId: string, atMs: number) {
    const hours = this.hours(officeId);
    return hours ? (officeOpening(hours, atMs) ?? null) : null;
  }

  private request(language: LanguageCode): Result<{ officeId: string; request: WaitingRequest }> {
    const ticket = this.ticket;
    if (!ticket) return fail('not_reachable', { detail: 'no waiting number to print' });
    return ok({
      officeId: ticket.officeId,
      request: {
        language,
        number: ticket.number,
        takenAt: Date.parse(ticket.takenAt),
        waitingMinutes: ticket.waitingMinutes,
      },
    });
  }

  async receipt(
    receipts: ReceiptSettings,
    layout: 'a4' | 'receipt80',
    language: LanguageCode,
  ): Promise<Result<ReceiptFile>> {
    const made = this.request(language);
    if (!made.ok) return made;
    const pdf = await (await receipts.maker()).waiting(made.value.officeId, made.value.request, layout);
    this.ctx.logger.info('walkin.receipt_made', { layout });
    return ok({ fileName: `waiting-number-${layout}.pdf`, pdfBase64: pdf.toString('base64') });
  }

  async print(receipts: ReceiptSettings, language: LanguageCode): Promise<Result<{ printed: true }>> {
    const printer = receipts.printer;
    if (!printer) return fail('internal', { detail: 'this terminal has no receipt printer' });
    const made = this.request(language);
    if (!made.ok) return made;
    const maker = await receipts.maker();
    const { officeId, request } = made.value;
    try {
      if ('printHtml' in printer) await printer.printHtml(maker.waitingHtml(officeId, request));
      else await printer.print(await maker.waiting(officeId, request, printer.layout));
    } catch (error) {
      this.ctx.logger.error('walkin.print_failed', { errorClass: errorClass(error) });
      return fail('internal', { detail: 'the receipt printer did not take the job' });
    }
    this.ctx.logger.info('walkin.receipt_printed', { layout: printer.layout });
    return ok({ printed: true });
  }

  forget(): boolean {
    const had = this.ticket !== undefined;
    this.ticket = undefined;
    return had;
  }

  /** The idle sweep: a number drawn by a resident who left is forgotten. */
  sweep(): void {
    const window = this.ctx.idle.timeoutMs + this.ctx.idle.warningMs;
    if (this.ticket && this.ticket.at + window <= this.ctx.clock.now()) this.forget();
  }
}
