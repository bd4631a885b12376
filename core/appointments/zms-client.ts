import type { z } from 'zod';
import {
  type Appointment,
  type FreeDay,
  type FreeTime,
  zmsCalendarSchema,
  zmsErrorBodySchema,
  type ZmsProcess,
  zmsProcessSchema,
} from '../../contract/appointments';
import { HttpClient } from '../net/http-client';
import {
  AppointmentError,
  type AppointmentErrorKind,
  type AppointmentClient,
  type BookingCode,
  type Contact,
} from './appointment-client';
import type { AppointmentsConfig } from './config';
import { type WalkInClient, ZmsWalkInClient } from './walk-in-client';

/**
 * The AppointmentClient for the ZMS citizen API (routes after July 2026). Every answer is checked with zod;
 * a request that times out or loses its connection is sent once more. That retry never books twice:
 * a reservation is only a hold (it expires unless confirmed), and the later steps name the same processId,
 * so a confirm or cancel that had arrived the first time is recognised from the process's state.
 */
export interface ZmsClientOptions {
  config: AppointmentsConfig;
  /** The town's CA (PEM), trusted besides the usual roots. */
  caPem?: string;
  /** Sends after a timeout or a lost connection (default 1). */
  retries?: number;
}

const KIND_OF_CODE: Record<string, AppointmentErrorKind> = {
  appointmentNotAvailable: 'slot-taken',
  appointmentNotFound: 'not-found',
  authKeyMismatch: 'auth-mismatch',
  processNotReservedAnymore: 'expired',
  processNotPreconfirmedAnymore: 'expired',
  preconfirmationExpired: 'expired',
  rateLimitExceeded: 'rate-limited',
};

class CallError extends AppointmentError {
  constructor(
    kind: AppointmentErrorKind,
    codes: readonly string[],
    status: number | undefined,
    /** An earlier attempt of this call was sent and may have arrived. */
    readonly retried: boolean,
  ) {
    super(kind, codes, status);
  }
}

function toAppointment(process: ZmsProcess): Appointment {
  return {
    processId: process.processId,
    authKey: process.authKey,
    timestamp: Number(process.timestamp),
    officeId: process.officeId,
    officeName: process.officeName,
    serviceName: process.serviceName,
    zmsServiceId: process.serviceId,
    familyName: process.familyName,
    status: process.status,
  };
}

export class ZmsAppointmentClient implements AppointmentClient {
  private readonly http: HttpClient;
  private readonly config: AppointmentsConfig;
  private readonly retries: number;
  readonly walkIns: WalkInClient | undefined;

  constructor(options: ZmsClientOptions) {
    this.config = options.config;
    this.http = new HttpClient(options.caPem);
    this.retries = options.retries ?? 1;
    const walkIns = options.config.walkIns;
    this.walkIns = walkIns ? new ZmsWalkInClient(walkIns, this.http, this.config.timeoutMs) : undefined;
  }

  offers(serviceId: string): boolean {
    return Object.hasOwn(this.config.services, serviceId);
  }

  serviceOf(appointment: Appointment): string | undefined {
    return Object.entries(this.config.services).find(
      ([, mapping]) =>
        mapping.serviceId === appointment.zmsServiceId && mapping.officeIds.includes(appointment.officeId),
    )?.[0];
  }

  private mapping(serviceId: string) {
    if (!this.offers(serviceId)) throw new AppointmentError('not-offered');
    return this.config.services[serviceId]!;
  }

  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    route: string,
    params: Record<string, string | number | Array<string | number>>,
    schema: S,
  ): Promise<z.output<S>> {
    const url = new URL(`${this.config.baseUrl}/${route}/`);
    let body: string | undefined;
    if (method === 'GET') {
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, String(value));
    } else {
      body = JSON.stringify(params);
    }
    for (let attempt = 0; ; attempt += 1) {
      const retried = attempt > 0;
      let answer;
      try {
        answer = await this.http.request({
          method,
          url,
          headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body } : {}),
          timeoutMs: this.config.timeoutMs,
        });
      } catch (error) {
        const kind = (error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable';
        if (attempt < this.retries) continue;
        throw new CallError(kind, [], undefined, retried);
      }
      let json: unknown;
      try {
        json = JSON.parse(answer.text);
      } catch {
        json = undefined;
      }
      if (answer.status === 200) {
        const parsed = schema.safeParse(json);
        if (parsed.success) return parsed.data;
        throw new CallError('server', ['unexpectedAnswer'], answer.status, retried);
      }
      const errors = zmsErrorBodySchema.safeParse(json);
      const codes = errors.success ? errors.data.errors.map((error) => error.errorCode) : [];
      const known = codes.map((code) => KIND_OF_CODE[code]).find((kind) => kind !== undefined);
      const kind: AppointmentErrorKind =
        answer.status >= 500 ? 'server' : (known ?? (answer.status === 429 ? 'rate-limited' : 'invalid'));
      throw new CallError(kind, codes, answer.status, retried);
    }
  }

  private async calendar(serviceId: string, from: string, to: string) {
    const mapping = this.mapping(serviceId);
    return this.call(
      'GET',
      'available-calendar',
      {
        startDate: from,
        endDate: to,
        officeIds: mapping.officeIds.join(','),
        serviceIds: String(mapping.serviceId),
        serviceCounts: '1',
      },
      zmsCalendarSchema,
    );
  }

  async freeDays(serviceId: string, from: string, to: string): Promise<FreeDay[]> {
    const calendar = await this.calendar(serviceId, from, to);
    return calendar.availableDays
      .map((day) => ({
        date: day.date,
        freeTimes: day.offices.reduce((sum, office) => sum + office.appointments.length, 0),
      }))
      .filter((day) => day.freeTimes > 0);
  }

  async freeTimes(serviceId: string, date: string): Promise<FreeTime[]> {
    const calendar = await this.calendar(serviceId, date, date);
    return calendar.availableDays
      .filter((day) => day.date === date)
      .flatMap((day) =>
        day.offices.flatMap((office) =>
          office.appointments.map((timestamp) => ({ timestamp, officeId: office.officeId })),
        ),
      )
      .sort((a, b) => a.timestamp - b.timestamp || a.officeId - b.officeId);
  }

  async reserve(serviceId: string, time: FreeTime): Promise<Appointment> {
    const mapping = this.mapping(serviceId);
    if (!mapping.officeIds.includes(time.officeId)) throw new AppointmentError('not-offered');
    const process = await this.call(
      'POST',
      'reserve-appointment',
      {
        officeId: time.officeId,
        serviceId: [String(mapping.serviceId)],
        serviceCount: [1],
        timestamp: String(time.timestamp),
      },
      zmsProcessSchema,
    );
    return toAppointment(process);
  }

  async update(booking: BookingCode, contact: Contact): Promise<Appointment> {
    const process = await this.call(
      'POST',
      'update-appointment',
      {
        processId: booking.processId,
        authKey: booking.authKey,
        familyName: contact.familyName,
        ...(contact.email ? { email: contact.email } : {}),
        ...(contact.telephone ? { telephone: contact.telephone } : {}),
      },
      zmsProcessSchema,
    );
    return toAppointment(process);
  }

  /** Preconfirm, then confirm; a step that already happened (an earlier attempt arrived) is not repeated. */
  async confirm(booking: BookingCode): Promise<Appointment> {
    const ref = { processId: booking.processId, authKey: booking.authKey };
    try {
      await this.call('POST', 'preconfirm-appointment', ref, zmsProcessSchema);
    } catch (error) {
      if (!(error instanceof AppointmentError) || error.kind !== 'expired') throw error;
      const current = await this.get(booking);
      if (current.status === 'confirmed') return current;
      if (current.status !== 'preconfirmed') throw error;
    }
    try {
      return toAppointment(await this.call('POST', 'confirm-appointment', ref, zmsProcessSchema));
    } catch (error) {
      if (!(error instanceof AppointmentError) || error.kind !== 'expired') throw error;
      const current = await this.get(booking).catch(() => undefined);
      if (current?.status === 'confirmed') return current;
      throw error;
    }
  }

  async cancel(booking: BookingCode): Promise<Appointment> {
    try {
      const process = await this.call(
        'POST',
        'cancel-appointment',
        { processId: booking.processId, authKey: booking.authKey },
        zmsProcessSchema,
      );
      return toAppointment(process);
    } catch (error) {
      // The first attempt arrived and cancelled it (ZMS then replaced the key): cancelled it is.
      if (error instanceof CallError && error.retried && error.kind === 'not-found') {
        return {
          processId: booking.processId,
          authKey: '',
          timestamp: 0,
          officeId: 0,
          officeName: null,
          serviceName: null,
          status: 'deleted',
        };
      }
      throw error;
    }
  }

  async get(booking: BookingCode): Promise<Appointment> {
    const process = await this.call(
      'GET',
      'appointment',
      { processId: booking.processId, authKey: booking.authKey },
      zmsProcessSchema,
    );
    return toAppointment(process);
  }

  close(): void {
    this.http.close();
  }
}
