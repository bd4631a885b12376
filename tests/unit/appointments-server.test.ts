import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APPOINTMENTS_DB_FILE } from '../../appointments/store';
import {
  api,
  BUERGERBUERO,
  MONDAY,
  PERSONALAUSWEIS,
  reserveBody,
  slotAt,
  startTestServer,
  type TestServer,
} from '../fixtures/appointments-harness';

/** The reference appointment server's behaviour: slots, the race, expiry, cancel, bad input, faults. */
let t: TestServer | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const calendar = (server: TestServer['server'], startDate: string, endDate: string) =>
  api(server, 'GET', 'available-calendar', {
    startDate,
    endDate,
    officeIds: String(BUERGERBUERO),
    serviceIds: String(PERSONALAUSWEIS),
    serviceCounts: '1',
  });

async function book(server: TestServer['server'], time: number) {
  const reserved = await api(server, 'POST', 'reserve-appointment', reserveBody(time));
  expect(reserved.status).toBe(200);
  const keys = { processId: reserved.body.processId, authKey: reserved.body.authKey };
  expect((await api(server, 'POST', 'update-appointment', { ...keys, familyName: 'Muster' })).status).toBe(200);
  expect((await api(server, 'POST', 'preconfirm-appointment', keys)).status).toBe(200);
  expect((await api(server, 'POST', 'confirm-appointment', keys)).status).toBe(200);
  return keys;
}

describe('free days and times', () => {
  it('offers the Bürgerbüro sample hours in slots of the configured length, none on weekends or holidays', async () => {
    t = await startTestServer({ slotMinutes: 20 });
    const answer = await calendar(t.server, MONDAY, '2026-12-27');
    expect(answer.status).toBe(200);
    const days = answer.body.availableDays.map((day: { date: string }) => day.date);
    // Saturday, Sunday and the Christmas holidays (24–26 December) have no times.
    for (const closed of ['2026-12-12', '2026-12-13', '2026-12-24', '2026-12-25']) expect(days).not.toContain(closed);
    const tuesday = answer.body.availableDays.find((day: { date: string }) => day.date === '2026-12-08');
    // 08:00–12:00 and 14:00–16:00 in 20-minute slots: 12 + 6.
    expect(tuesday.offices[0].appointments).toHaveLength(18);
    expect(tuesday.offices[0].appointments[0]).toBe(slotAt('2026-12-08', '08:00'));
    expect(tuesday.offices[0].appointments[12]).toBe(slotAt('2026-12-08', '14:00'));
  });

  it('never offers a time already past, nor a day before today', async () => {
    t = await startTestServer();
    t.clock.ms = slotAt(MONDAY, '11:20') * 1000;
    const answer = await calendar(t.server, '2026-12-01', MONDAY);
    expect(answer.status).toBe(200);
    expect(answer.body.availableDays.map((day: { date: string }) => day.date)).toEqual([MONDAY]);
    expect(answer.body.availableDays[0].offices[0].appointments[0]).toBe(slotAt(MONDAY, '11:30'));
  });

  it('a full slot disappears from the list; capacity counts bookings per slot', async () => {
    t = await startTestServer({ capacity: 2 });
    const time = slotAt('2026-12-08', '08:00');
    await book(t.server, time);
    let day = (await calendar(t.server, '2026-12-08', '2026-12-08')).body.availableDays[0];
    expect(day.offices[0].appointments).toContain(time);
    await book(t.server, time);
    day = (await calendar(t.server, '2026-12-08', '2026-12-08')).body.availableDays[0];
    expect(day.offices[0].appointments).not.toContain(time);
  });

  it('slotsStartDate and slotsEndDate limit the days that carry times', async () => {
    t = await startTestServer();
    const answer = await api(t.server, 'GET', 'available-calendar', {
      startDate: MONDAY,
      endDate: '2026-12-09',
      slotsStartDate: '2026-12-08',
      slotsEndDate: '2026-12-08',
      officeIds: String(BUERGERBUERO),
      serviceIds: String(PERSONALAUSWEIS),
      serviceCounts: '1',
    });
    const counts = answer.body.availableDays.map((day: { offices: Array<{ appointments: unknown[] }> }) => [
      day.offices[0]!.appointments.length > 0,
    ]);
    expect(counts).toEqual([[false], [true], [false]]);
  });
});

describe('reservations', () => {
  it('two concurrent reserves of the last free time: exactly one wins, the other is told appointmentNotAvailable', async () => {
    t = await startTestServer({ capacity: 1 });
    const time = slotAt('2026-12-08', '08:00');
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => api(t!.server, 'POST', 'reserve-appointment', reserveBody(time))),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 404, 404, 404]);
    for (const lost of answers.filter((answer) => answer.status === 404)) {
      expect(lost.body.errors[0].errorCode).toBe('appointmentNotAvailable');
    }
    expect(t.server.processes().filter((row) => row.timestamp === time)).toHaveLength(1);
  });

  it('a reservation expires after its duration and frees the time', async () => {
    t = await startTestServer({ capacity: 1, reservationMinutes: 15 });
    const time = slotAt('2026-12-08', '08:00');
    const reserved = await api(t.server, 'POST', 'reserve-appointment', reserveBody(time));
    expect((await api(t.server, 'POST', 'reserve-appointment', reserveBody(time))).status).toBe(404);
    t.clock.ms += 15 * 60_000 + 1;
    const keys = { processId: String(reserved.body.processId), authKey: reserved.body.authKey };
    const update = await api(t.server, 'POST', 'update-appointment', { ...keys, familyName: 'Muster' });
    expect(update.status).toBe(409);
    expect(update.body.errors[0].errorCode).toBe('processNotReservedAnymore');
    expect((await api(t.server, 'GET', 'appointment', keys)).status).toBe(404);
    expect((await api(t.server, 'POST', 'reserve-appointment', reserveBody(time))).status).toBe(200);
  });

  it('a confirmed appointment does not expire', async () => {
    t = await startTestServer({ capacity: 1 });
    const keys = await book(t.server, slotAt('2026-12-08', '08:00'));
    t.clock.ms += 24 * 3600_000;
    const answer = await api(t.server, 'GET', 'appointment', keys);
    expect(answer.body.status).toBe('confirmed');
    expect(answer.body.icsContent).toContain('BEGIN:VEVENT');
  });

  it('cancel deletes the appointment, replaces its authKey and frees the time', async () => {
    t = await startTestServer({ capacity: 1 });
    const time = slotAt('2026-12-08', '08:00');
    const keys = await book(t.server, time);
    const cancelled = await api(t.server, 'POST', 'cancel-appointment', keys);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('deleted');
    expect(cancelled.body.authKey).not.toBe(keys.authKey);
    const again = await api(t.server, 'GET', 'appointment', keys);
    expect(again.status).toBe(404);
    expect(again.body.errors[0].errorCode).toBe('appointmentNotFound');
    expect((await api(t.server, 'POST', 'cancel-appointment', keys)).status).toBe(404);
    expect((await api(t.server, 'POST', 'reserve-appointment', reserveBody(time))).status).toBe(200);
  });

  it('confirm needs a preconfirmed process', async () => {
    t = await startTestServer();
    const reserved = await api(t.server, 'POST', 'reserve-appointment', reserveBody(slotAt('2026-12-08', '08:00')));
    const keys = { processId: reserved.body.processId, authKey: reserved.body.authKey };
    const answer = await api(t.server, 'POST', 'confirm-appointment', keys);
    expect(answer.status).toBe(409);
    expect(answer.body.errors[0].errorCode).toBe('processNotPreconfirmedAnymore');
  });

  it('keeps its database private (0600)', async () => {
    t = await startTestServer();
    expect(statSync(path.join(t.dataDir, APPOINTMENTS_DB_FILE)).mode & 0o777).toBe(0o600);
  });
});

describe('bad input: a clear error, nothing stored', () => {
  it('a time in the past, a time not offered, a holiday, a Sunday', async () => {
    t = await startTestServer();
    const times = [
      slotAt('2026-12-04', '09:00'),
      slotAt(MONDAY, '08:00'),
      slotAt('2026-12-08', '08:07'),
      slotAt('2026-12-08', '12:00'),
      slotAt('2026-12-24', '09:00'),
      slotAt('2026-12-13', '09:00'),
    ];
    for (const time of times) {
      const answer = await api(t.server, 'POST', 'reserve-appointment', reserveBody(time));
      expect(answer.status, String(time)).toBe(404);
      expect(answer.body.errors[0].errorCode).toBe('appointmentNotAvailable');
    }
    expect(t.server.processes()).toEqual([]);
  });

  it('a service the office does not offer', async () => {
    t = await startTestServer();
    const answer = await api(
      t.server,
      'POST',
      'reserve-appointment',
      reserveBody(slotAt('2026-12-08', '08:00'), 10005),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].errorCode).toBe('invalidLocationAndServiceCombination');
  });

  it('malformed process ids and auth keys', async () => {
    t = await startTestServer();
    for (const [processId, authKey, code] of [
      ['abc', 'fb43', 'invalidProcessId'],
      ['-5', 'fb43', 'invalidProcessId'],
      ['99999999999', 'fb43', 'invalidProcessId'],
      ['101002', 'fb 43', 'invalidAuthKey'],
      ['101002', 'x'.repeat(65), 'invalidAuthKey'],
    ]) {
      const answer = await api(t.server, 'GET', 'appointment', { processId: processId!, authKey: authKey! });
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((error: { errorCode: string }) => error.errorCode)).toEqual([code]);
    }
  });

  it('a name with control characters or 10,000 characters is refused and not stored', async () => {
    t = await startTestServer();
    const reserved = await api(t.server, 'POST', 'reserve-appointment', reserveBody(slotAt('2026-12-08', '08:00')));
    const keys = { processId: reserved.body.processId, authKey: reserved.body.authKey };
    for (const familyName of ['Mus\u0000ter', 'Muster\nDROP', 'Ä'.repeat(10_000), '   ']) {
      const answer = await api(t.server, 'POST', 'update-appointment', { ...keys, familyName });
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].errorCode).toBe('invalidFamilyName');
    }
    const phone = await api(t.server, 'POST', 'update-appointment', { ...keys, familyName: 'Muster', telephone: '12' });
    expect(phone.body.errors[0].errorCode).toBe('invalidTelephone');
    expect(t.server.processes()[0]!.family_name).toBe('');
  });

  it('a body that is not JSON, and an unknown route', async () => {
    t = await startTestServer();
    const response = await fetch(`${t.server.apiUrl}/reserve-appointment/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].errorCode).toBe('invalidRequest');
    const removed = await api(t.server, 'GET', 'available-days');
    expect(removed.status).toBe(404);
    expect(removed.body.errors[0].errorCode).toBe('notFound');
  });

  it('60 requests a minute per address, then 429 rateLimitExceeded; the next minute is free again', async () => {
    t = await startTestServer({ rateLimitPerMinute: 60 });
    const statuses: number[] = [];
    for (let index = 0; index < 61; index += 1)
      statuses.push((await api(t.server, 'GET', 'offices-and-services')).status);
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    const limited = await api(t.server, 'GET', 'offices-and-services');
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].errorCode).toBe('rateLimitExceeded');
    t.clock.ms += 60_000;
    expect((await api(t.server, 'GET', 'offices-and-services')).status).toBe(200);
  });
});

describe('fault injection', () => {
  it('5xx answers: 503 serviceUnavailable, 500 internalError, 502 from a proxy', async () => {
    t = await startTestServer();
    t.server.faults.add({ route: 'available-calendar', status: 503 });
    t.server.faults.add({ route: 'available-calendar', status: 500 });
    t.server.faults.add({ route: 'available-calendar', status: 502 });
    const first = await calendar(t.server, MONDAY, MONDAY);
    expect([first.status, first.body.errors[0].errorCode]).toEqual([503, 'serviceUnavailable']);
    const second = await calendar(t.server, MONDAY, MONDAY);
    expect([second.status, second.body.errors[0].errorCode]).toEqual([500, 'internalError']);
    const third = await fetch(`${t.server.apiUrl}/available-calendar/`);
    expect(third.status).toBe(502);
    expect((await calendar(t.server, MONDAY, MONDAY)).status).toBe(200);
  });

  it('the slot taken between listing and reserving', async () => {
    t = await startTestServer();
    const time = slotAt('2026-12-08', '08:00');
    expect(
      (await calendar(t.server, '2026-12-08', '2026-12-08')).body.availableDays[0].offices[0].appointments,
    ).toContain(time);
    t.server.faults.add({ route: 'reserve-appointment', takeSlot: true });
    const answer = await api(t.server, 'POST', 'reserve-appointment', reserveBody(time));
    expect(answer.status).toBe(404);
    expect(answer.body.errors[0].errorCode).toBe('appointmentNotAvailable');
  });
});

describe('/demo', () => {
  it('lists the bookings', async () => {
    t = await startTestServer();
    const keys = await book(t.server, slotAt('2026-12-08', '08:00'));
    const html = await (await fetch(`${t.server.url}/demo`)).text();
    expect(html).toContain(String(keys.processId));
    expect(html).toContain('confirmed');
    expect(html).toContain('Personalausweis beantragen');
  });
});
