import { z } from 'zod';
import type { OpeningHours } from '../../contract/office';
import type { HttpClient } from '../net/http-client';
import { AppointmentError } from './appointment-client';
import type { WalkInsConfig } from './config';

/**
 * Walk-in waiting numbers, behind a small interface like the AppointmentClient: ZMS's ticket-printer route today
 * (`GET <zmsapi>/scope/{id}/waitingnumber/{hash}/`, see appointments/walk-in.ts for the source files it follows);
 * another system's adapter can answer the same two calls.
 */
export interface WalkInClient {
  /** The kiosk offices (resources/offices/ ids) that take walk-ins, with the hours they do. */
  offices(): ReadonlyArray<{ officeId: string; hours: OpeningHours }>;
  /** Draws the office's next number. Fails with AppointmentError: `closed`, `not-offered`, `timeout`, … */
  takeNumber(officeId: string): Promise<WaitingNumber>;
}

export interface WaitingNumber {
  /** As the office calls it (ZMS: queue.number, a number or a digit string). */
  number: string;
  /** Epoch seconds the number was drawn. */
  arrivalTime: number;
  /** Estimated minutes until called, or null where the office does not publish it. */
  waitingMinutes: number | null;
}

/** zmsapi's answer: `{meta, data: process}`; only the queue is read, the rest passes unread. */
const queuedProcessSchema = z
  .object({
    data: z
      .object({
        queue: z
          .object({
            number: z.union([z.number().int().nonnegative(), z.string().regex(/^[0-9A-Za-z-]{1,12}$/)]),
            arrivalTime: z.number().int().positive(),
            waitingTimeEstimate: z.number().nonnegative().optional(),
          })
          .loose(),
      })
      .loose(),
  })
  .loose();

const zmsApiErrorSchema = z.object({ meta: z.object({ exception: z.string().optional() }).loose() }).loose();

/** Exceptions that mean "no number now": the ticket printer is off (outside walk-in hours) or the day is full. */
const CLOSED_EXCEPTIONS = /TicketprinterNotEnabled|GivenNumberCountExceeded|ScopeNotFound/;

export class ZmsWalkInClient implements WalkInClient {
  constructor(
    private readonly config: WalkInsConfig,
    private readonly http: HttpClient,
    private readonly timeoutMs: number,
  ) {}

  offices() {
    return Object.entries(this.config.offices).map(([officeId, office]) => ({
      officeId,
      hours: { timeZone: 'Europe/Berlin', openingHours: office.openingHours },
    }));
  }

  /** Never sent twice: a retry after a timeout could draw a second number. */
  async takeNumber(officeId: string): Promise<WaitingNumber> {
    const office = this.config.offices[officeId];
    if (!office) throw new AppointmentError('not-offered');
    const url = new URL(
      `${this.config.apiUrl}/scope/${office.scopeId}/waitingnumber/${encodeURIComponent(this.config.ticketprinterHash)}/`,
    );
    let answer;
    try {
      answer = await this.http.request({
        method: 'GET',
        url,
        headers: { accept: 'application/json' },
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      throw new AppointmentError((error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable');
    }
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      json = undefined;
    }
    const error = zmsApiErrorSchema.safeParse(json);
    const exception =
      error.success && (json as { meta: { error?: unknown } }).meta.error === true
        ? (error.data.meta.exception ?? '')
        : undefined;
    if (exception !== undefined) {
      const name = exception.split('\\').at(-1) ?? '';
      if (CLOSED_EXCEPTIONS.test(exception)) throw new AppointmentError('closed', [name], answer.status);
      throw new AppointmentError(answer.status >= 500 ? 'server' : 'invalid', [name], answer.status);
    }
    if (answer.status === 429) throw new AppointmentError('rate-limited', [], 429);
    if (answer.status !== 200) throw new AppointmentError('server', [], answer.status);
    const parsed = queuedProcessSchema.safeParse(json);
    if (!parsed.success) throw new AppointmentError('server', ['unexpectedAnswer'], answer.status);
    const queue = parsed.data.data.queue;
    return {
      number: String(queue.number),
      arrivalTime: queue.arrivalTime,
      waitingMinutes: queue.waitingTimeEstimate === undefined ? null : Math.round(queue.waitingTimeEstimate),
    };
  }
}
