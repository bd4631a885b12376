import type { AppointmentServer } from '../../appointments';
import { countRows } from './support/db-inspect';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { ui } from './support/service-data';
import { bookThroughApi as bookTime, startBookingServer, type BookingServer } from './support/zms-booking';

/**
 * kill -9 while a booking is moved (issue 16): the new time is reserved, the kiosk dies before it is confirmed.
 * The reservation was written (sealed) to the kiosk's store first, so the restarted kiosk releases it; the old
 * booking stands. A real SIGKILL of the kiosk process against the reference server on 127.0.0.1.
 * Needs `npm run build`.
 */
test.describe.configure({ timeout: 240_000 });

let zms: BookingServer;
let server: AppointmentServer;
let configFile: string;
let kiosk: KioskHandle | undefined;

test.beforeEach(async () => {
  zms = await startBookingServer('manage-crash-e2e', 30_000);
  ({ server, configFile } = zms);
});
test.afterEach(async () => {
  await kiosk?.dispose();
  kiosk = undefined;
  await zms.close();
});

const bookThroughApi = () => bookTime(server, 'Muster');

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
