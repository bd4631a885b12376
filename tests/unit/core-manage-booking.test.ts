import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normaliseBookingCode } from '../../contract';
import { ZmsAppointmentClient } from '../../core/appointments';
import {
  api,
  BUERGERBUERO,
  reserveBody,
  slotAt,
  START_MS,
  startTestServer,
  type TestServer,
} from '../fixtures/appointments-harness';
import {
  FakeClock,
  openTestCore,
  peekDb,
  PROJECT_RESOURCES,
  removeDir,
  scanForCanary,
  tempDir,
  type TestCore,
} from '../fixtures/core-harness';
import { openHubCore, startRealHub, until, untilOnline } from './hub-client-helpers';

/**
 * "Termin verschieben oder absagen" with the booking code (issue 16): the real core (real SQLite) against the
 * reference appointment server on 127.0.0.1 (real HTTP, its own SQLite), on the same hand-moved clock.
 */
const FUEHRUNGSZEUGNIS = 20004;
const TUESDAY = '2026-12-08';
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

function zmsClient(t: TestServer): ZmsAppointmentClient {
  const client = new ZmsAppointmentClient({
    config: {
      baseUrl: t.server.apiUrl,
      timeoutMs: 2000,
      services: { fuehrungszeugnis: { serviceId: FUEHRUNGSZEUGNIS, officeIds: [BUERGERBUERO] } },
    },
  });
  clients.push(client);
  return client;
}

async function booted() {
  server ??= await startTestServer();
  const kiosk = openTestCore({
    resourcesDir: PROJECT_RESOURCES,
    clock: new FakeClock(START_MS),
    appointments: zmsClient(server),
  });
  cores.push(kiosk);
  dirs.push(kiosk.dataDir);
  await vi.waitFor(() => expect(kiosk.logger.lines.some((line) => line.event === 'appointment.ready')).toBe(true));
  return { kiosk, t: server };
}

/** A time booked elsewhere (the town's website, another kiosk): straight through the citizen API. */
async function bookDirect(t: TestServer, hhmm: string, familyName = CANARY) {
  const reserved = await api(
    t.server,
    'POST',
    'reserve-appointment',
    reserveBody(slotAt(TUESDAY, hhmm), BUERGERBUERO, FUEHRUNGSZEUGNIS),
  );
  expect(reserved.status).toBe(200);
  const keys = { processId: reserved.body.processId as number, authKey: reserved.body.authKey as string };
  expect((await api(t.server, 'POST', 'update-appointment', { ...keys, familyName })).status).toBe(200);
  expect((await api(t.server, 'POST', 'preconfirm-appointment', keys)).status).toBe(200);
  expect((await api(t.server, 'POST', 'confirm-appointment', keys)).status).toBe(200);
  return { ...keys, code: `${keys.processId}-${keys.authKey}` };
}

const status = (t: TestServer, processId: number) =>
  t.server.processes().find((row) => row.process_id === processId)?.status;

describe('the booking code as typed', () => {
  it('forgives spaces, upper case and a missing hyphen after six digits; refuses what cannot be a code', () => {
    const code = { processId: 335459, authKey: 'df70' };
    expect(normaliseBookingCode('335459-df70')).toEqual(code);
    expect(normaliseBookingCode(' 335 459 - DF70 ')).toEqual(code);
    expect(normaliseBookingCode('335459DF70')).toEqual(code);
    expect(normaliseBookingCode('335459–df70')).toEqual(code);
    for (const bad of [
      '',
      '12-34',
      '335459',
      '-df70',
      '335459-',
      'abc-df70',
      '335459-df70-1',
      '99999999999-df70',
      '0-df70',
    ]) {
      expect(normaliseBookingCode(bad)).toBeUndefined();
    }
  });
});

describe('moving or cancelling a booking at the kiosk', { timeout: 90_000 }, () => {
  it('looks a booking up by its code and cancels it; the code then opens nothing', async () => {
    const { kiosk, t } = await booted();
    // The start screen offers the tile.
    expect((await kiosk.value('kiosk.info', {})).appointments).toBe(true);
    const booked = await bookDirect(t, '09:00');
    const found = await kiosk.value('appointment.lookup', { code: ` ${booked.code.toUpperCase().replace('-', '')} ` });
    expect(found).toEqual({
      outcome: 'found',
      booking: {
        code: booked.code,
        timestamp: slotAt(TUESDAY, '09:00'),
        officeId: BUERGERBUERO,
        serviceId: 'fuehrungszeugnis',
      },
    });
    // The family name never reaches the screen.
    expect(JSON.stringify(found)).not.toContain(CANARY);
    expect(await kiosk.value('appointment.cancelManaged', {})).toEqual({ outcome: 'cancelled' });
    expect(status(t, booked.processId)).toBe('deleted');
    // Cancelled: the same code now finds nothing, and nothing is left to cancel.
    expect((await kiosk.value('appointment.lookup', { code: booked.code })).outcome).not.toBe('found');
    expect(await kiosk.call('appointment.cancelManaged', {})).toMatchObject({
      ok: false,
      error: { code: 'not_reachable' },
    });
    expect(scanForCanary(kiosk.dataDir, CANARY)).toEqual([]);
    expect(scanForCanary(kiosk.dataDir, booked.authKey)).toEqual([]);
  });

  it('moves a booking: the new time under the same name, then the old one cancelled', async () => {
    const { kiosk, t } = await booted();
    const booked = await bookDirect(t, '09:00');
    expect((await kiosk.value('appointment.lookup', { code: booked.code })).outcome).toBe('found');
    const days = await kiosk.value('appointment.moveDays', {});
    expect(days.outcome === 'ok' && days.days.map((day) => day.date)).toContain(TUESDAY);
    const times = await kiosk.value('appointment.moveTimes', { date: TUESDAY });
    if (times.outcome !== 'ok') throw new Error(times.outcome);
    const later = times.times.find((time) => time.timestamp === slotAt(TUESDAY, '10:30'))!;
    expect(later).toBeDefined();
    expect(times.times.every((time) => time.officeId === BUERGERBUERO)).toBe(true);
    const moved = await kiosk.value('appointment.move', later);
    if (moved.outcome !== 'moved') throw new Error(moved.outcome);
    expect(moved.oldCancelled).toBe(true);
    expect(moved.booking.timestamp).toBe(later.timestamp);
    expect(moved.booking.code).not.toBe(booked.code);
    const fresh = t.server.processes().find((row) => `${row.process_id}-${row.auth_key}` === moved.booking.code)!;
    expect(fresh.status).toBe('confirmed');
    expect(fresh.family_name).toBe(CANARY);
    expect(status(t, booked.processId)).toBe('deleted');
    // The new code opens the new time.
    expect(await kiosk.value('appointment.lookup', { code: moved.booking.code })).toMatchObject({
      outcome: 'found',
      booking: { timestamp: later.timestamp },
    });
    // The new time on paper: date, time, office, entrance, the new code framed and as a QR code; never the name.
    const pdfDir = tempDir('kiosk-manage-pdf-');
    dirs.push(pdfDir);
    for (const layout of ['a4', 'receipt80'] as const) {
      const file = await kiosk.value('appointment.manageReceipt', { layout, language: 'de' });
      const pdf = join(pdfDir, `${layout}.pdf`);
      writeFileSync(pdf, Buffer.from(file.pdfBase64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('Ihr Termin');
      expect(text).toContain('8. Dezember 2026');
      expect(text).toContain('10:30');
      expect(text).toContain('Eingang');
      expect(text.replace(/\s+/g, '')).toContain(moved.booking.code);
      expect(text).not.toContain(CANARY);
      // Only the booking: no fees (the kiosk does not know the answers that decide them).
      expect(text).not.toContain('Gebühr');
      const png = join(pdfDir, layout);
      execFileSync('pdftoppm', ['-r', '200', '-png', '-singlefile', pdf, png]);
      const codes = execFileSync('zbarimg', ['--quiet', '--raw', `${png}.png`], { encoding: 'utf8' });
      expect(codes.split('\n')).toContain(moved.booking.code);
    }
    // "Fertig": forgotten; nothing of either booking on the kiosk's disk.
    expect(await kiosk.value('appointment.manageDone', {})).toEqual({ forgotten: true });
    expect(await kiosk.call('appointment.moveDays', {})).toMatchObject({ ok: false, error: { code: 'not_reachable' } });
    for (const canary of [CANARY, booked.authKey, fresh.auth_key])
      expect(scanForCanary(kiosk.dataDir, canary)).toEqual([]);
  });

  it('keeps the old booking when the new time cannot be confirmed, and offers the day again when it was taken', async () => {
    const { kiosk, t } = await booted();
    const booked = await bookDirect(t, '09:00');
    await kiosk.value('appointment.lookup', { code: booked.code });
    let times = await kiosk.value('appointment.moveTimes', { date: TUESDAY });
    if (times.outcome !== 'ok') throw new Error(times.outcome);
    t.server.faults.add({ route: 'confirm-appointment', status: 500 });
    expect(await kiosk.value('appointment.move', times.times[4]!)).toEqual({ outcome: 'kept' });
    expect(status(t, booked.processId)).toBe('confirmed');
    // The new hold was let go again.
    expect(
      t.server.processes().filter((row) => row.status !== 'deleted' && row.process_id !== booked.processId),
    ).toEqual([]);

    times = await kiosk.value('appointment.moveTimes', { date: TUESDAY });
    if (times.outcome !== 'ok') throw new Error(times.outcome);
    t.server.faults.add({ route: 'reserve-appointment', takeSlot: true });
    const wanted = times.times[5]!;
    const taken = await kiosk.value('appointment.move', wanted);
    expect(taken.outcome).toBe('taken');
    if (taken.outcome === 'taken') expect(taken.times.length).toBeGreaterThan(0);
    expect(status(t, booked.processId)).toBe('confirmed');
    // A time never offered is refused without a call.
    expect(
      await kiosk.call('appointment.move', { timestamp: slotAt(TUESDAY, '23:00'), officeId: BUERGERBUERO }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('keeps the new time sealed on disk while the move runs, and not a row after it (confirmed or kept)', async () => {
    const { kiosk, t } = await booted();
    const heldRows = () =>
      peekDb(kiosk.dataDir, (db) => (db.prepare('SELECT COUNT(*) AS n FROM held_bookings').get() as { n: number }).n);
    const booked = await bookDirect(t, '09:00');
    await kiosk.value('appointment.lookup', { code: booked.code });
    const times = await kiosk.value('appointment.moveTimes', { date: TUESDAY });
    if (times.outcome !== 'ok') throw new Error(times.outcome);
    // The name reaches the new time slowly: meanwhile its reservation is on disk (a crash now leaves it to release).
    t.server.faults.add({ route: 'update-appointment', delayMs: 800 });
    const moving = kiosk.value('appointment.move', times.times[3]!);
    await vi.waitFor(() => expect(heldRows()).toBe(1));
    const row = peekDb(kiosk.dataDir, (db) => db.prepare('SELECT * FROM held_bookings').get() as { session_id: null });
    // No session: the next start releases it whatever survived.
    expect(row.session_id).toBeNull();
    expect((await moving).outcome).toBe('moved');
    expect(heldRows()).toBe(0);

    const again = await kiosk.value('appointment.moveTimes', { date: TUESDAY });
    if (again.outcome !== 'ok') throw new Error(again.outcome);
    t.server.faults.add({ route: 'confirm-appointment', status: 500 });
    expect(await kiosk.value('appointment.move', again.times[6]!)).toEqual({ outcome: 'kept' });
    expect(heldRows()).toBe(0);
  });

  it('says which codes open nothing: unknown, wrong key, malformed (no call), and too many tries', async () => {
    const { kiosk, t } = await booted();
    const booked = await bookDirect(t, '09:00');
    const before = t.server.processes().length;
    expect(await kiosk.call('appointment.lookup', { code: '12-34-56' })).toMatchObject({
      ok: false,
      error: { code: 'validation', fieldErrors: [{ field: 'code', code: 'invalid_format' }] },
    });
    expect(await kiosk.value('appointment.lookup', { code: '999999-abcd' })).toEqual({ outcome: 'not-found' });
    const wrongKey = booked.authKey === 'ffff' ? 'eeee' : 'ffff';
    expect(await kiosk.value('appointment.lookup', { code: `${booked.processId}-${wrongKey}` })).toEqual({
      outcome: 'wrong-key',
    });
    expect(t.server.processes().length).toBe(before);
    // Guessing keys: after eight misses in ten minutes the kiosk asks the resident to wait, even for a right code.
    for (let i = 0; i < 6; i += 1) await kiosk.value('appointment.lookup', { code: `${booked.processId}-${wrongKey}` });
    expect(await kiosk.value('appointment.lookup', { code: booked.code })).toEqual({ outcome: 'rate-limited' });
  });

  it('says "unavailable" when the appointment system cannot be reached', async () => {
    const { kiosk, t } = await booted();
    const booked = await bookDirect(t, '09:00');
    t.server.faults.add({ route: 'appointment', status: 503, times: 5 });
    expect(await kiosk.value('appointment.lookup', { code: booked.code })).toEqual({ outcome: 'unavailable' });
  });

  it('forgets the looked-up code after the idle timeout and for the next resident', async () => {
    const { kiosk, t } = await booted();
    const booked = await bookDirect(t, '09:00');
    await kiosk.value('appointment.lookup', { code: booked.code });
    await kiosk.value('session.start', { serviceId: 'fuehrungszeugnis', language: 'de' });
    expect(await kiosk.call('appointment.cancelManaged', {})).toMatchObject({ ok: false });
    await kiosk.value('appointment.lookup', { code: booked.code });
    kiosk.clock.advance(120_000 + 30_000);
    expect(await kiosk.call('appointment.cancelManaged', {})).toMatchObject({ ok: false });
    expect(status(t, booked.processId)).toBe('confirmed');
  });

  it('without an appointment system there is no tile and the routes say "unavailable"', async () => {
    const kiosk = openTestCore({ resourcesDir: PROJECT_RESOURCES, clock: new FakeClock(START_MS) });
    cores.push(kiosk);
    dirs.push(kiosk.dataDir);
    expect((await kiosk.value('kiosk.info', {})).appointments).toBeUndefined();
    expect(await kiosk.value('appointment.lookup', { code: '335459-df70' })).toEqual({ outcome: 'unavailable' });
  });
});

describe('the desk hears of a cancel and a move', { timeout: 90_000 }, () => {
  it('the hub marks the cancelled booking in the staff console', async () => {
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
      const first = await bookDirect(server, '09:00');
      await kiosk.value('appointment.lookup', { code: first.code });
      const times = await kiosk.value('appointment.moveTimes', { date: TUESDAY });
      if (times.outcome !== 'ok') throw new Error(times.outcome);
      const moved = await kiosk.value('appointment.move', times.times[3]!);
      if (moved.outcome !== 'moved') throw new Error(moved.outcome);
      const listed = await until(async () => {
        const found = await hub.staff.post('/bookings/find', { code: moved.booking.code });
        return found.status === 200 && found.body;
      });
      expect(listed).toMatchObject({ code: moved.booking.code, familyName: CANARY, cancelled: false });
      expect(await kiosk.value('appointment.cancelManaged', {})).toEqual({ outcome: 'cancelled' });
      const cancelled = await until(async () => {
        const found = await hub.staff.post('/bookings/find', { code: moved.booking.code });
        return found.status === 200 && (found.body as { cancelled?: boolean }).cancelled === true && found.body;
      });
      expect(cancelled).toMatchObject({ code: moved.booking.code, cancelled: true });
    } finally {
      await hub.close();
    }
  });
});
