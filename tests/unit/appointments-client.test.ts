import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ZMS_BASE_PATH } from '../../contract/appointments';
import { AppointmentError, ZmsAppointmentClient } from '../../core/appointments';
import { AppointmentsConfigError, readAppointmentsConfig } from '../../core/appointments/config';
import {
  BUERGERBUERO,
  fixture,
  MONDAY,
  PERSONALAUSWEIS,
  slotAt,
  startTestServer,
  type TestServer,
} from '../fixtures/appointments-harness';

/** The core's ZMS client against the reference server (real HTTP, real SQLite) and against recorded ZMS answers. */
let t: TestServer | undefined;
let client: ZmsAppointmentClient | undefined;
let fake: Server | undefined;
afterEach(async () => {
  client?.close();
  client = undefined;
  await t?.stop();
  t = undefined;
  await new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve()));
  fake = undefined;
});

function clientFor(baseUrl: string, timeoutMs = 2000) {
  client = new ZmsAppointmentClient({
    config: {
      baseUrl,
      timeoutMs,
      services: { personalausweis: { serviceId: PERSONALAUSWEIS, officeIds: [BUERGERBUERO] } },
    },
  });
  return client;
}

const confirmedRows = (server: TestServer['server']) => server.processes().filter((row) => row.status === 'confirmed');

describe('against the reference server', () => {
  it('lists free days and times, reserves, names, confirms, reads and cancels', async () => {
    t = await startTestServer();
    const zms = clientFor(t.server.apiUrl);
    const days = await zms.freeDays('personalausweis', MONDAY, '2026-12-11');
    expect(days.map((day) => day.date)).toEqual([MONDAY, '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']);
    expect(days[1]!.freeTimes).toBe(24);
    const times = await zms.freeTimes('personalausweis', '2026-12-08');
    expect(times[0]).toEqual({ timestamp: slotAt('2026-12-08', '08:00'), officeId: BUERGERBUERO });
    const held = await zms.reserve('personalausweis', times[0]!);
    expect(held.status).toBe('reserved');
    expect(held.timestamp).toBe(times[0]!.timestamp);
    const code = { processId: held.processId, authKey: held.authKey };
    expect((await zms.update(code, { familyName: 'Muster' })).status).toBe('reserved');
    const booked = await zms.confirm(code);
    expect(booked.status).toBe('confirmed');
    expect(booked.officeName).toContain('Bürgerservicebüro');
    expect((await zms.get(code)).status).toBe('confirmed');
    expect((await zms.cancel(code)).status).toBe('deleted');
    await expect(zms.get(code)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('a service not in the mapping is not offered', async () => {
    t = await startTestServer();
    const zms = clientFor(t.server.apiUrl);
    expect(zms.offers('sperrmuell')).toBe(false);
    await expect(zms.freeDays('sperrmuell', MONDAY, MONDAY)).rejects.toMatchObject({ kind: 'not-offered' });
  });

  it('the time taken between listing and reserving: slot-taken', async () => {
    t = await startTestServer();
    const zms = clientFor(t.server.apiUrl);
    const [first] = await zms.freeTimes('personalausweis', '2026-12-08');
    t.server.faults.add({ route: 'reserve-appointment', takeSlot: true });
    const error = await zms.reserve('personalausweis', first!).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppointmentError);
    expect(error).toMatchObject({ kind: 'slot-taken', codes: ['appointmentNotAvailable'], status: 404 });
  });

  it('bad input comes back typed: a name with control characters, a wrong key', async () => {
    t = await startTestServer();
    const zms = clientFor(t.server.apiUrl);
    const [first] = await zms.freeTimes('personalausweis', '2026-12-08');
    const held = await zms.reserve('personalausweis', first!);
    await expect(zms.update(held, { familyName: 'a\u0007b' })).rejects.toMatchObject({
      kind: 'invalid',
      codes: ['invalidFamilyName'],
    });
    await expect(zms.get({ processId: held.processId, authKey: 'cafe' })).rejects.toMatchObject({
      kind: 'auth-mismatch',
    });
    t.server.faults.expireHeld();
    await expect(zms.update(held, { familyName: 'Muster' })).rejects.toMatchObject({ kind: 'expired' });
  });

  it('a confirm whose answer times out is sent again and books once', async () => {
    t = await startTestServer({ capacity: 1 });
    const zms = clientFor(t.server.apiUrl, 500);
    const [first] = await zms.freeTimes('personalausweis', '2026-12-08');
    const held = await zms.reserve('personalausweis', first!);
    await zms.update(held, { familyName: 'Muster' });
    // The server carries the first confirm out but answers after the client has given up.
    t.server.faults.add({ route: 'confirm-appointment', delayMs: 1200 });
    const booked = await zms.confirm(held);
    expect(booked.status).toBe('confirmed');
    expect(booked.processId).toBe(held.processId);
    expect(t.server.faults.fired().map((fired) => fired.route)).toEqual(['confirm-appointment']);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(confirmedRows(t.server).map((row) => row.process_id)).toEqual([held.processId]);
  });

  it('a preconfirm whose answer times out is sent again; the booking goes through once', async () => {
    t = await startTestServer({ capacity: 1 });
    const zms = clientFor(t.server.apiUrl, 500);
    const [first] = await zms.freeTimes('personalausweis', '2026-12-08');
    const held = await zms.reserve('personalausweis', first!);
    await zms.update(held, { familyName: 'Muster' });
    t.server.faults.add({ route: 'preconfirm-appointment', delayMs: 1200 });
    expect((await zms.confirm(held)).status).toBe('confirmed');
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(confirmedRows(t.server)).toHaveLength(1);
  });

  it('a reserve whose answer times out leaves at most a hold that expires, never a second booking', async () => {
    t = await startTestServer({ capacity: 2 });
    const zms = clientFor(t.server.apiUrl, 500);
    const [first] = await zms.freeTimes('personalausweis', '2026-12-08');
    t.server.faults.add({ route: 'reserve-appointment', delayMs: 1200 });
    const held = await zms.reserve('personalausweis', first!);
    await zms.update(held, { familyName: 'Muster' });
    await zms.confirm(held);
    await new Promise((resolve) => setTimeout(resolve, 900));
    // The first, timed-out reserve arrived too: a second hold, never confirmed …
    expect(t.server.processes().filter((row) => row.status === 'reserved')).toHaveLength(1);
    t.clock.ms += 16 * 60_000;
    // … which expires, and the time is free again for someone else.
    expect(confirmedRows(t.server)).toHaveLength(1);
    const again = await zms.freeTimes('personalausweis', '2026-12-08');
    expect(again.map((time) => time.timestamp)).toContain(first!.timestamp);
  });

  it('a cancel whose answer times out is sent again and reports the appointment cancelled', async () => {
    t = await startTestServer();
    const zms = clientFor(t.server.apiUrl, 500);
    const [first] = await zms.freeTimes('personalausweis', '2026-12-08');
    const held = await zms.reserve('personalausweis', first!);
    await zms.update(held, { familyName: 'Muster' });
    await zms.confirm(held);
    t.server.faults.add({ route: 'cancel-appointment', delayMs: 1200 });
    expect((await zms.cancel(held)).status).toBe('deleted');
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(confirmedRows(t.server)).toEqual([]);
  });

  it('no answer at all: timeout; 5xx: server; nobody listening: unreachable', async () => {
    t = await startTestServer();
    const zms = clientFor(t.server.apiUrl, 500);
    t.server.faults.add({ route: 'available-calendar', delayMs: 1000, times: 2 });
    await expect(zms.freeDays('personalausweis', MONDAY, MONDAY)).rejects.toMatchObject({ kind: 'timeout' });
    t.server.faults.add({ route: 'available-calendar', status: 503 });
    await expect(zms.freeDays('personalausweis', MONDAY, MONDAY)).rejects.toMatchObject({
      kind: 'server',
      codes: ['serviceUnavailable'],
      status: 503,
    });
    t.server.faults.add({ route: 'available-calendar', status: 502 });
    await expect(zms.freeDays('personalausweis', MONDAY, MONDAY)).rejects.toMatchObject({
      kind: 'server',
      status: 502,
    });
    const url = t.server.apiUrl;
    await t.stop();
    t = undefined;
    await expect(clientFor(url).freeDays('personalausweis', MONDAY, MONDAY)).rejects.toMatchObject({
      kind: 'unreachable',
    });
  });
});

describe('against recorded ZMS answers', () => {
  /** Answers each route with its recorded body and status, over real HTTP on loopback. */
  async function recordedZms(byRoute: Record<string, string>): Promise<string> {
    fake = createServer((request, response) => {
      const route = new URL(request.url!, 'http://x').pathname.slice(ZMS_BASE_PATH.length + 1).replace(/\/$/, '');
      const recorded = fixture(byRoute[route]!);
      request.resume();
      response.writeHead(recorded.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(recorded.body));
    });
    await new Promise<void>((resolve) => fake!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(fake.address() as AddressInfo).port}${ZMS_BASE_PATH}`;
  }

  it('reads the recorded calendar, appointment and error answers', async () => {
    const baseUrl = await recordedZms({
      'available-calendar': 'available-calendar__testRendering',
      appointment: 'appointment__testRendering',
      'reserve-appointment': 'reserve-appointment__testAppointmentNotAvailable',
      'cancel-appointment': 'appointment__testAuthKeyMismatchException',
    });
    client = new ZmsAppointmentClient({
      config: { baseUrl, timeoutMs: 2000, services: { x: { serviceId: 1, officeIds: [9999998] } } },
    });
    expect(await client.freeDays('x', '2024-08-21', '2024-08-23')).toEqual([
      { date: '2024-08-22', freeTimes: 1 },
      { date: '2024-08-23', freeTimes: 2 },
    ]);
    expect((await client.freeTimes('x', '2024-08-23')).map((time) => time.timestamp)).toEqual([
      32526616622, 32526616652,
    ]);
    expect(await client.get({ processId: 101002, authKey: 'fb43' })).toEqual({
      processId: 101002,
      authKey: 'fb43',
      timestamp: 1724907600,
      officeId: 102522,
      officeName: 'Bürgerbüro Orleansplatz DEV (KVR-II/231 DEV)',
      serviceName: 'Gewerbe anmelden',
      zmsServiceId: 1063424,
      familyName: 'Doe',
      status: 'confirmed',
    });
    await expect(client.reserve('x', { timestamp: 32526616300, officeId: 9999998 })).rejects.toMatchObject({
      kind: 'slot-taken',
    });
    await expect(client.cancel({ processId: 101002, authKey: 'cafe' })).rejects.toMatchObject({
      kind: 'auth-mismatch',
      status: 406,
    });
  });

  it('an answer that is not the API shape is a server error, not data', async () => {
    fake = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ processId: '12', timestamp: 5 }));
    });
    await new Promise<void>((resolve) => fake!.listen(0, '127.0.0.1', resolve));
    client = clientFor(`http://127.0.0.1:${(fake.address() as AddressInfo).port}${ZMS_BASE_PATH}`);
    await expect(client.get({ processId: 12, authKey: 'ab' })).rejects.toMatchObject({
      kind: 'server',
      codes: ['unexpectedAnswer'],
    });
  });
});

describe('--appointments-config', () => {
  const dir = () => mkdtempSync(path.join(tmpdir(), 'appointments-config-'));

  it('reads a valid file and trims the base URL', () => {
    const folder = dir();
    const file = path.join(folder, 'appointments.json');
    writeFileSync(
      file,
      JSON.stringify({
        baseUrl: 'https://termine.example/terminvereinbarung/api/citizen/',
        services: { personalausweis: { serviceId: 20001, officeIds: [10001] } },
      }),
    );
    const config = readAppointmentsConfig(file);
    expect(config.baseUrl).toBe('https://termine.example/terminvereinbarung/api/citizen');
    expect(config.timeoutMs).toBe(8000);
    rmSync(folder, { recursive: true });
  });

  it.each([
    [{ baseUrl: 'ftp://x', services: {} }, 'baseUrl'],
    [{ baseUrl: 'https://x', services: { Personal: { serviceId: 1, officeIds: [1] } } }, 'services'],
    [{ baseUrl: 'https://x', services: { a: { serviceId: 'eins', officeIds: [1] } } }, 'services.a.serviceId'],
    [{ baseUrl: 'https://x', services: {}, extra: true }, '(top)'],
    [{ baseUrl: 'https://x', services: {}, caFile: '/nonexistent/ca.pem' }, 'caFile'],
  ])('refuses %j, naming %s', (content, field) => {
    const folder = dir();
    const file = path.join(folder, 'appointments.json');
    writeFileSync(file, JSON.stringify(content));
    expect(() => readAppointmentsConfig(file)).toThrow(AppointmentsConfigError);
    expect(() => readAppointmentsConfig(file)).toThrow(field);
    rmSync(folder, { recursive: true });
  });
});
