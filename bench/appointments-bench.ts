import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startAppointmentServer } from '../appointments/start-appointments';
import { addDays, localDate } from '../appointments/local-time';
import { SAMPLE_CATALOGUE, type SampleCatalogue } from '../appointments/sample-data';
import type { FreeTime } from '../contract/appointments';
import { AppointmentError } from '../core/appointments/appointment-client';
import { ZmsAppointmentClient } from '../core/appointments/zms-client';

/**
 * The reference appointment server under the kiosk's appointment client, on loopback (server and clients
 * in this process). (1) "Free days, then free times": the next 8 weeks of one service offered at 5 offices,
 * a fifth of all times already booked, then the times of the first free day; each round measured whole.
 * (2) 50 kiosks booking at once: each books several times, all on the earliest free times (one booking
 * per slot), listing again after losing a race and moving to the next day when one is full; measured:
 * each reserve call, and afterwards every slot checked for more bookings than its capacity.
 */
export interface AppointmentsBenchResult {
  daysThenTimesMs: number[];
  reserveMs: number[];
  bookings: number;
  lostRaces: number;
  doubleBookings: number;
}

const SERVICE = 'personalausweis';
export const SERVICE_ID = 20001;

/** The sample offices, each offering the one service (5 offices, as the benchmark asks). */
export function fiveOfficeCatalogue(): SampleCatalogue {
  return {
    ...SAMPLE_CATALOGUE,
    relations: SAMPLE_CATALOGUE.offices.map((office) => ({ officeId: office.id, serviceId: SERVICE_ID, slots: 1 })),
  };
}

export async function measureAppointments(
  tmp: string,
  options: { rounds: number; kiosks: number; bookingsPerKiosk: number },
): Promise<AppointmentsBenchResult> {
  const catalogue = fiveOfficeCatalogue();
  const officeIds = catalogue.offices.map((office) => office.id);
  const server = await startAppointmentServer({
    dataDir: mkdtempSync(join(tmp, 'appointments-')),
    catalogue,
    rateLimitPerMinute: 0,
    capacity: 1,
    bookableWeeks: 8,
  });
  const config = {
    baseUrl: server.apiUrl,
    timeoutMs: 30_000,
    services: { [SERVICE]: { serviceId: SERVICE_ID, officeIds } },
  };
  const clients: ZmsAppointmentClient[] = [];
  const client = () => {
    const created = new ZmsAppointmentClient({ config, retries: 0 });
    clients.push(created);
    return created;
  };
  try {
    const from = addDays(localDate(Date.now()), 1);
    const to = addDays(from, 8 * 7 - 1);
    const probe = client();
    // A fifth of all times booked already, spread over the 8 weeks, as a town's calendar would be.
    let index = 0;
    for (const day of await probe.freeDays(SERVICE, from, to)) {
      for (const time of await probe.freeTimes(SERVICE, day.date)) {
        if (index++ % 5 === 0) server.faults.occupy(time.officeId, time.timestamp);
      }
    }

    const daysThenTimesMs: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const started = performance.now();
      const days = await probe.freeDays(SERVICE, from, to);
      await probe.freeTimes(SERVICE, days[round % days.length]!.date);
      daysThenTimesMs.push(performance.now() - started);
    }

    const reserveMs: number[] = [];
    let lostRaces = 0;
    let bookings = 0;
    const days = (await probe.freeDays(SERVICE, from, to)).map((day) => day.date);
    const kiosk = async (kioskIndex: number) => {
      const zms = client();
      let dayIndex = 0;
      for (let booked = 0; booked < options.bookingsPerKiosk;) {
        const times: FreeTime[] = await zms.freeTimes(SERVICE, days[dayIndex]!);
        // A day booked out: on to the next, as a resident would.
        if (times.length === 0) {
          dayIndex += 1;
          if (dayIndex === days.length) return;
          continue;
        }
        // Everyone goes for the earliest times: the most contention the day can give.
        const wanted = times[(kioskIndex + booked) % Math.min(times.length, 5)]!;
        const started = performance.now();
        try {
          const held = await zms.reserve(SERVICE, wanted);
          reserveMs.push(performance.now() - started);
          await zms.update(held, { familyName: `Kiosk ${kioskIndex}` });
          await zms.confirm(held);
          booked += 1;
          bookings += 1;
        } catch (error) {
          reserveMs.push(performance.now() - started);
          if (!(error instanceof AppointmentError) || error.kind !== 'slot-taken') throw error;
          lostRaces += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: options.kiosks }, (_, kioskIndex) => kiosk(kioskIndex)));

    const perSlot = new Map<string, number>();
    for (const row of server.processes()) {
      if (row.status !== 'confirmed' && row.status !== 'reserved' && row.status !== 'preconfirmed') continue;
      const key = `${row.office_id}:${row.timestamp}`;
      perSlot.set(key, (perSlot.get(key) ?? 0) + 1);
    }
    const doubleBookings = [...perSlot.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
    return { daysThenTimesMs, reserveMs, bookings, lostRaces, doubleBookings };
  } finally {
    for (const created of clients) created.close();
    await server.close();
  }
}
