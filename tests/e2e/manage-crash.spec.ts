import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppointmentServer, type AppointmentServer } from '../../appointments';
import { countRows } from './support/db-inspect';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { ui } from './support/service-data';

/**
 * kill -9 while a booking is moved (issue 16): the new time is reserved, the kiosk dies before it is confirmed.
 * The reservation was written (sealed) to the kiosk's store first, so the restarted kiosk releases it; the old
 * booking stands. A real SIGKILL of the kiosk process against the reference server on 127.0.0.1.
 * Needs `npm run build`.
 */
test.describe.configure({ timeout: 240_000 });

const FUEHRUNGSZEUGNIS = 20004;
const BUERGERBUERO = 10001;

let server: AppointmentServer;
let serverDir: string;
let configFile: string;
let kiosk: KioskHandle | undefined;

test.beforeEach(async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'manage-crash-e2e-'));
  server = await startAppointmentServer({ dataDir: join(serverDir, 'zms'), rateLimitPerMinute: 0 });
  configFile = join(serverDir, 'appointments.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      baseUrl: server.apiUrl,
      timeoutMs: 30_000,
      services: { fuehrungszeugnis: { serviceId: FUEHRUNGSZEUGNIS, officeIds: [BUERGERBUERO] } },
    }),
  );
});
test.afterEach(async () => {
  await kiosk?.dispose();
  kiosk = undefined;
  await server.close();
  rmSync(serverDir, { recursive: true, force: true });
});

async function post(route: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.apiUrl}/${route}/`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** A time booked through the citizen API, a few days on. */
async function bookThroughApi(): Promise<{ processId: number; code: string }> {
  const url = new URL(`${server.apiUrl}/available-calendar/`);
  url.search = new URLSearchParams({
    startDate: new Date().toISOString().slice(0, 10),
    endDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
    officeIds: String(BUERGERBUERO),
    serviceIds: String(FUEHRUNGSZEUGNIS),
    serviceCounts: '1',
  }).toString();
  const calendar = (await (await fetch(url)).json()) as { availableDays: { offices: { appointments: number[] }[] }[] };
  const timestamp = calendar.availableDays[2]!.offices[0]!.appointments[0]!;
  const reserved = await post('reserve-appointment', {
    officeId: BUERGERBUERO,
    serviceId: [String(FUEHRUNGSZEUGNIS)],
    serviceCount: [1],
    timestamp: String(timestamp),
  });
  const keys = { processId: reserved.processId as number, authKey: reserved.authKey as string };
  await post('update-appointment', { ...keys, familyName: 'Muster' });
  await post('preconfirm-appointment', keys);
  await post('confirm-appointment', keys);
  return { processId: keys.processId, code: `${keys.processId}-${keys.authKey}` };
}

test('kill -9 between reserving the new time and confirming it: the restarted kiosk releases the hold', async ({
  page,
}) => {
  const booked = await bookThroughApi();
  kiosk = await startKiosk({ appointments: { configFile } });
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  await driver.openStart(kiosk.url);
  await driver.activate(page.getByTestId('manage-entry'));
  await page.getByRole('textbox', { name: ui('de', 'manageBooking.codeLabel') }).fill(booked.code);
  await driver.activate(driver.button(ui('de', 'manageBooking.find')));
  await expect(driver.h1()).toHaveText(ui('de', 'manageBooking.foundTitle'));
  await driver.activate(driver.button(ui('de', 'manageBooking.move')));
  await driver.activate(page.locator('[data-booking-day]').nth(1));
  await expect(driver.h1()).toHaveText(ui('de', 'booking.timesTitle'));

  // The name is given to the new time slowly: the kiosk is killed while the new time is only reserved.
  server.faults.add({ route: 'update-appointment', delayMs: 20_000 });
  await driver.activate(page.locator('[data-booking-time]').nth(2));
  const reserved = () => server.processes().filter((row) => row.status === 'reserved').length;
  await expect.poll(reserved, { timeout: 20_000 }).toBe(1);
  await expect.poll(() => countRows(kiosk!.dataDir, ['held_bookings']).held_bookings, { timeout: 10_000 }).toBe(1);
  await kiosk.kill9();
  expect(reserved()).toBe(1);

  await kiosk.restart();
  await expect.poll(reserved, { timeout: 20_000 }).toBe(0);
  await expect.poll(() => countRows(kiosk!.dataDir, ['held_bookings']).held_bookings, { timeout: 10_000 }).toBe(0);
  // The old booking stands; the new hold was cancelled, not left to expire.
  const statuses = server.processes().map((row) => [row.process_id === booked.processId, row.status]);
  expect(statuses).toEqual(expect.arrayContaining([[true, 'confirmed']]));
  expect(statuses.filter(([old]) => !old).map(([, status]) => status)).toEqual(['deleted']);
  expect(kiosk.output()).toContain('appointment.released');
});
