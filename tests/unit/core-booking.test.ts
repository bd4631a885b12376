import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnswerInput } from '../../contract';
import { ZmsAppointmentClient } from '../../core/appointments';
import {
  BUERGERBUERO,
  MONDAY,
  START_MS,
  slotAt,
  startTestServer,
  type TestServer,
} from '../fixtures/appointments-harness';
import {
  FakeClock,
  openTestCore,
  PROJECT_RESOURCES,
  removeDir,
  scanForCanary,
  tempDir,
  type TestCore,
} from '../fixtures/core-harness';
import { openHubCore, startRealHub, until, untilOnline } from './hub-client-helpers';

/**
 * Booking a time on the prepared-visit page (issue 16): the real core (real SQLite) against the reference
 * appointment server on 127.0.0.1 (real HTTP, its own SQLite), both on the same hand-moved clock.
 */
const FUEHRUNGSZEUGNIS = 20004;
const PASS_ANSWERS: [string, Record<string, AnswerInput>][] = [
  ['kind', { kind: 'privat' }],
  ['copies', { copies: '1' }],
  ['family-name', { familyName: 'Mustermann' }],
  ['given-names', { givenNames: 'Erika' }],
  ['date-of-birth', { dateOfBirth: { day: '12', month: '8', year: '1964' } }],
];
const CANARY = 'Zyxkanarienvogel';

let server: TestServer | undefined;
const clients: ZmsAppointmentClient[] = [];
const cores: TestCore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const kiosk of cores.splice(0)) kiosk.close();
  for (const client of clients.splice(0)) client.close();
  await server?.stop();
  server = undefined;
  dirs.splice(0).forEach(removeDir);
});

function zmsClient(t: TestServer, timeoutMs = 2000): ZmsAppointmentClient {
  const client = new ZmsAppointmentClient({
    config: {
      baseUrl: t.server.apiUrl,
      timeoutMs,
      services: { fuehrungszeugnis: { serviceId: FUEHRUNGSZEUGNIS, officeIds: [BUERGERBUERO] } },
    },
  });
  clients.push(client);
  return client;
}

async function booted(options: { timeoutMs?: number; dataDir?: string } = {}) {
  server ??= await startTestServer();
  const clock = new FakeClock(START_MS);
  const dataDir = options.dataDir ?? tempDir('kiosk-booking-');
  if (!options.dataDir) dirs.push(dataDir);
  const kiosk = openTestCore({
    resourcesDir: PROJECT_RESOURCES,
    clock,
    dataDir,
    appointments: zmsClient(server, options.timeoutMs),
  });
  cores.push(kiosk);
  // The client is attached (and start-up recovery done) on the next turns of the event loop.
  await vi.waitFor(() => expect(kiosk.logger.lines.some((line) => line.event === 'appointment.ready')).toBe(true));
  return { kiosk, t: server, clock };
}

async function prepareVisit(kiosk: TestCore) {
  const view = await kiosk.value('session.start', { serviceId: 'fuehrungszeugnis', language: 'de' });
  for (const [stepId, values] of PASS_ANSWERS) {
    await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values });
  }
  return kiosk.value('visit.prepare', { sessionId: view.sessionId });
}

const held = (t: TestServer) => t.server.processes().filter((row) => row.status === 'reserved');
const confirmed = (t: TestServer) => t.server.processes().filter((row) => row.status === 'confirmed');
const heldRows = (kiosk: TestCore) => {
  const db = new Database(join(kiosk.dataDir, 'kiosk.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM held_bookings').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

async function holdFirstTime(kiosk: TestCore) {
  const days = await kiosk.value('appointment.days', {});
  if (days.outcome !== 'ok') throw new Error('no days');
  const times = await kiosk.value('appointment.times', { date: days.days[0]!.date });
  if (times.outcome !== 'ok') throw new Error('no times');
  const time = times.times[0]!;
  const reserved = await kiosk.value('appointment.reserve', time);
  expect(reserved).toEqual({ outcome: 'held', held: time });
  return { days: days.days, times: times.times, time };
}

describe('booking a time for a prepared visit', { timeout: 90_000 }, () => {
  it('offers booking on the visit, lists days and times, holds, names, confirms and prints the booking', async () => {
    const { kiosk, t } = await booted();
    const visit = await prepareVisit(kiosk);
    expect(visit.appointments).toBe('bookable');

    const days = await kiosk.value('appointment.days', {});
    expect(days.outcome).toBe('ok');
    if (days.outcome !== 'ok') return;
    // A short list of the next days with free times (Monday 08:00: today still has later times).
    expect(days.days.length).toBeGreaterThan(0);
    expect(days.days.length).toBeLessThanOrEqual(6);
    expect(days.days[0]!.date).toBe(MONDAY);
    const times = await kiosk.value('appointment.times', { date: '2026-12-08' });
    expect(times.outcome === 'ok' && times.times[0]).toEqual({
      timestamp: slotAt('2026-12-08', '08:00'),
      officeId: BUERGERBUERO,
    });
    if (times.outcome !== 'ok') return;
    const time = times.times[2]!;
    expect(await kiosk.value('appointment.reserve', time)).toEqual({ outcome: 'held', held: time });
    // Held at the server, and on the kiosk's disk before the answer came back.
    expect(held(t)).toHaveLength(1);
    expect(heldRows(kiosk)).toBe(1);
    // The sealed row holds neither the process id nor its key in plain text.
    const row = held(t)[0]!;
    expect(scanForCanary(kiosk.dataDir, row.auth_key)).toEqual([]);

    const booked = await kiosk.value('appointment.confirm', { familyName: CANARY, telephone: '04141 12345' });
    expect(booked).toEqual({
      outcome: 'booked',
      booking: { timestamp: time.timestamp, officeId: BUERGERBUERO, code: `${row.process_id}-${row.auth_key}` },
    });
    expect(confirmed(t)).toHaveLength(1);
    expect(confirmed(t)[0]!.family_name).toBe(CANARY);
    expect(heldRows(kiosk)).toBe(0);

    // The checklist receipt now carries the time, the office, the entrance and the booking code with its QR code.
    const pdfDir = tempDir('kiosk-booking-pdf-');
    dirs.push(pdfDir);
    for (const layout of ['a4', 'receipt80'] as const) {
      const file = await kiosk.value('visit.receipt', { layout });
      const pdf = join(pdfDir, `${layout}.pdf`);
      writeFileSync(pdf, Buffer.from(file.pdfBase64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('Ihr Termin');
      expect(text).toContain('8. Dezember 2026');
      expect(text).toContain('08:30');
      expect(text).toContain('Bürgerservicebüro');
      expect(text).toContain('Eingang');
      // The code may wrap at its hyphen in the framed box.
      expect(text.replace(/\s+/g, '')).toContain(booked.outcome === 'booked' ? booked.booking.code : 'x');
      // Never the name: a receipt may be left at the printer.
      expect(text).not.toContain(CANARY);
      const png = join(pdfDir, layout);
      execFileSync('pdftoppm', ['-r', '200', '-png', '-singlefile', pdf, png]);
      const codes = execFileSync('zbarimg', ['--quiet', '--raw', `${png}.png`], { encoding: 'utf8' });
      expect(codes.split('\n')).toContain(booked.outcome === 'booked' ? booked.booking.code : 'x');
    }

    expect(await kiosk.value('visit.done', {})).toEqual({ forgotten: true });
    // Nothing of the booking stays on the kiosk: not the name, not the code.
    expect(scanForCanary(kiosk.dataDir, CANARY)).toEqual([]);
    expect(scanForCanary(kiosk.dataDir, row.auth_key)).toEqual([]);
    // A booked time is not released by "Fertig".
    expect(confirmed(t)).toHaveLength(1);
  });

  it('releases the held time on "Zurück", on "Fertig", for the next resident and after the idle timeout', async () => {
    const { kiosk, t, clock } = await booted();
    await prepareVisit(kiosk);
    await holdFirstTime(kiosk);
    expect(await kiosk.value('appointment.release', {})).toEqual({ released: true });
    expect(held(t)).toHaveLength(0);
    expect(heldRows(kiosk)).toBe(0);
    expect(await kiosk.value('appointment.release', {})).toEqual({ released: false });

    // Choosing another time releases the first: one resident never holds two.
    const { times } = await holdFirstTime(kiosk);
    expect(await kiosk.value('appointment.reserve', times[1]!)).toMatchObject({ outcome: 'held' });
    expect(held(t)).toHaveLength(1);
    await kiosk.value('visit.done', {});
    expect(held(t)).toHaveLength(0);
    expect(heldRows(kiosk)).toBe(0);

    // The next resident starts while a time is held.
    await prepareVisit(kiosk);
    await holdFirstTime(kiosk);
    await kiosk.value('session.start', { serviceId: 'fuehrungszeugnis', language: 'de' });
    await vi.waitFor(() => expect(held(t)).toHaveLength(0));

    // The resident walks away from the name page: the idle sweep releases it.
    await prepareVisit(kiosk);
    await holdFirstTime(kiosk);
    clock.advance(120_000 + 30_000);
    await vi.waitFor(() => expect(held(t)).toHaveLength(0));
    await vi.waitFor(() => expect(heldRows(kiosk)).toBe(0));
    expect(t.server.processes().filter((row) => row.status === 'deleted').length).toBeGreaterThanOrEqual(4);
  });

  it('releases a held time a crash left in the store when the core starts again', async () => {
    const { kiosk, t } = await booted();
    await prepareVisit(kiosk);
    await holdFirstTime(kiosk);
    // kill -9 stand-in: the database is left as it is (the held row on disk), nothing is released on the way out.
    const dataDir = kiosk.dataDir;
    (kiosk.core as unknown as { close(): void }).close = () => {};
    cores.splice(cores.indexOf(kiosk), 1);
    expect(heldRows(kiosk)).toBe(1);
    expect(held(t)).toHaveLength(1);

    const again = await booted({ dataDir });
    await vi.waitFor(() => expect(heldRows(again.kiosk)).toBe(0));
    expect(held(t)).toHaveLength(0);
    expect(again.kiosk.logger.lines).toContainEqual(
      expect.objectContaining({ event: 'appointment.released', reason: 'startup' }),
    );
  });

  it('a confirm retried after a timeout books the time once', async () => {
    const { kiosk, t } = await booted({ timeoutMs: 600 });
    await prepareVisit(kiosk);
    await holdFirstTime(kiosk);
    // Both attempts of the client time out, but the server carries the confirmation out.
    t.server.faults.add({ route: 'confirm-appointment', delayMs: 1200, times: 2 });
    expect(await kiosk.value('appointment.confirm', { familyName: 'Muster' })).toEqual({ outcome: 'unavailable' });
    // The delayed requests have been carried out at the server by now.
    await vi.waitFor(() => expect(confirmed(t)).toHaveLength(1), { timeout: 5000 });
    // The resident taps "Buchen" again: the same process is confirmed, no second one.
    const again = await kiosk.value('appointment.confirm', { familyName: 'Muster' });
    expect(again.outcome).toBe('booked');
    expect(confirmed(t)).toHaveLength(1);
    expect(t.server.processes().filter((row) => row.status !== 'deleted')).toHaveLength(1);
  });

  it('a time taken meanwhile is told, with the next free times', async () => {
    const { kiosk, t } = await booted();
    await prepareVisit(kiosk);
    await kiosk.value('appointment.days', {});
    const times = await kiosk.value('appointment.times', { date: '2026-12-08' });
    if (times.outcome !== 'ok') throw new Error('no times');
    const wanted = times.times[0]!;
    t.server.faults.occupy(wanted.officeId, wanted.timestamp);
    const answer = await kiosk.value('appointment.reserve', wanted);
    expect(answer.outcome).toBe('taken');
    if (answer.outcome !== 'taken') return;
    expect(answer.times.length).toBeGreaterThan(0);
    expect(answer.times.every((time) => time.timestamp > wanted.timestamp)).toBe(true);
    expect(heldRows(kiosk)).toBe(0);
    // One of the next times can be taken at once.
    expect(await kiosk.value('appointment.reserve', answer.times[0]!)).toMatchObject({ outcome: 'held' });
  });

  it('an appointment server that fails or is gone is an outcome, and the checklist still prints', async () => {
    const { kiosk, t } = await booted({ timeoutMs: 600 });
    await prepareVisit(kiosk);
    t.server.faults.add({ route: 'available-calendar', status: 503, times: 2 });
    expect(await kiosk.value('appointment.days', {})).toEqual({ outcome: 'unavailable' });
    await t.stop();
    server = undefined;
    expect(await kiosk.value('appointment.days', {})).toEqual({ outcome: 'unavailable' });
    const file = await kiosk.value('visit.receipt', { layout: 'a4' });
    expect(file.pdfBase64.length).toBeGreaterThan(1000);
    expect(kiosk.logger.lines.some((line) => line.event === 'appointment.unavailable')).toBe(true);
  });

  it('bad input: clear errors, nothing held and nothing stored', async () => {
    const { kiosk, t } = await booted();
    await prepareVisit(kiosk);
    // No visit-independent booking: the routes need the visit on screen.
    expect(await kiosk.call('appointment.times', { date: '2026-12-06' })).toMatchObject({
      ok: false,
      error: { code: 'validation', fieldErrors: [{ field: 'date', code: 'date_in_past' }] },
    });
    expect(await kiosk.call('appointment.times', { date: '2027-06-01' })).toMatchObject({
      ok: false,
      error: { code: 'validation', fieldErrors: [{ field: 'date', code: 'date_too_late' }] },
    });
    // A time never offered (08:07 is no slot), and one in the past.
    await kiosk.value('appointment.times', { date: '2026-12-08' });
    expect(
      await kiosk.call('appointment.reserve', { timestamp: slotAt('2026-12-08', '08:07'), officeId: BUERGERBUERO }),
    ).toMatchObject({ ok: false, error: { fieldErrors: [{ field: 'timestamp', code: 'invalid_option' }] } });
    expect(
      await kiosk.call('appointment.reserve', { timestamp: slotAt('2026-12-04', '09:00'), officeId: BUERGERBUERO }),
    ).toMatchObject({ ok: false, error: { fieldErrors: [{ field: 'timestamp', code: 'date_in_past' }] } });
    expect(await kiosk.call('appointment.reserve', { timestamp: 'soon', officeId: BUERGERBUERO })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(t.server.processes()).toHaveLength(0);
    // Confirm before holding anything.
    expect(await kiosk.call('appointment.confirm', { familyName: 'Muster' })).toMatchObject({
      ok: false,
      error: { code: 'not_reachable' },
    });

    await holdFirstTime(kiosk);
    for (const [familyName, code] of [
      [`Mus\u0007ter${CANARY}`, 'invalid_characters'],
      [`Mus\u202Eter${CANARY}`, 'invalid_characters'],
      [`${CANARY}${'x'.repeat(10_000)}`, 'too_long'],
      ['   ', 'required'],
    ] as const) {
      expect(await kiosk.call('appointment.confirm', { familyName })).toMatchObject({
        ok: false,
        error: { code: 'validation', fieldErrors: [{ field: 'familyName', code }] },
      });
    }
    expect(
      await kiosk.call('appointment.confirm', { familyName: 'Muster', telephone: `call ${CANARY}` }),
    ).toMatchObject({ ok: false, error: { fieldErrors: [{ field: 'telephone', code: 'invalid_format' }] } });
    // Nothing of it reached the server or the kiosk's disk; the time is still only held.
    expect(t.server.processes().map((row) => [row.status, row.family_name])).toEqual([['reserved', '']]);
    expect(scanForCanary(kiosk.dataDir, CANARY)).toEqual([]);
    expect(kiosk.logger.lines.some((line) => JSON.stringify(line).includes(CANARY))).toBe(false);
  });

  it('without an appointment system the visit says "off" and the routes refuse', async () => {
    const kiosk = openTestCore({ resourcesDir: PROJECT_RESOURCES, clock: new FakeClock(START_MS) });
    cores.push(kiosk);
    dirs.push(kiosk.dataDir);
    expect((await prepareVisit(kiosk)).appointments).toBe('off');
    expect(await kiosk.call('appointment.days', {})).toMatchObject({ ok: false, error: { code: 'not_reachable' } });
  });
});

describe('the desk sees a time booked at the kiosk', { timeout: 90_000 }, () => {
  it('the hub lists it for the staff console with code, service, office, time and family name', async () => {
    const hub = await startRealHub();
    try {
      server ??= await startTestServer();
      const kiosk = openHubCore(hub, {
        resourcesDir: PROJECT_RESOURCES,
        clock: new FakeClock(START_MS),
        appointments: zmsClient(server),
      });
      cores.push(kiosk);
      await untilOnline(kiosk);
      await vi.waitFor(() => expect(kiosk.logger.lines.some((line) => line.event === 'appointment.ready')).toBe(true));
      await prepareVisit(kiosk);
      const { time } = await holdFirstTime(kiosk);
      const booked = await kiosk.value('appointment.confirm', { familyName: 'Brinkmann' });
      if (booked.outcome !== 'booked') throw new Error(booked.outcome);
      const listed = await until(async () => {
        const found = await hub.staff.post('/bookings/find', { code: booked.booking.code });
        return found.status === 200 && found.body;
      });
      expect(listed).toEqual({
        code: booked.booking.code,
        serviceId: 'fuehrungszeugnis',
        officeName: 'Bürgerservicebüro, Rathaus Stade',
        startsAt: new Date(time.timestamp * 1000).toISOString(),
        familyName: 'Brinkmann',
        terminalName: 'Rathaus Foyer',
        cancelled: false,
      });
    } finally {
      await hub.close();
    }
  });
});
