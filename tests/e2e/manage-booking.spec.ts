import type { AppointmentServer } from '../../appointments';
import { checkA11y } from './support/a11y';
import { scanForCanary } from './support/canary-scan';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { officeText } from './support/office-data';
import { keyboardKey, openKeyboardFor, tapText } from './support/onscreen-keyboard';
import { loadService, ui } from './support/service-data';
import { snap } from './support/snap';
import { bookThroughApi as bookTime, startBookingServer, type BookingServer } from './support/zms-booking';

/**
 * "Termin verschieben oder absagen" at the kiosk (issue 16), against the reference appointment server on
 * 127.0.0.1: a time is booked first straight through its citizen API (as the town's website would), then
 * cancelled by touch in German, moved by keyboard in Polish, and wrong and malformed codes told (Arabic, RTL).
 * Needs `npm run build`.
 */
test.describe.configure({ timeout: 240_000 });
test.use({ hasTouch: true });

const zeugnis = loadService('fuehrungszeugnis');
const NAME = 'Kanarienvogelmann';

let zms: BookingServer;
let server: AppointmentServer;
let configFile: string;
let kiosk: KioskHandle | undefined;

test.beforeEach(async () => {
  zms = await startBookingServer('manage-e2e');
  ({ server, configFile } = zms);
});
test.afterEach(async () => {
  await kiosk?.dispose();
  kiosk = undefined;
  await zms.close();
});

const bookThroughApi = () => bookTime(server, NAME);

const statusOf = (processId: number) => server.processes().find((row) => row.process_id === processId)?.status;

test('by touch in German: a wrong code is told, the right one found and cancelled after a plain confirm', async ({
  page,
}) => {
  const booked = await bookThroughApi();
  kiosk = await startKiosk({ appointments: { configFile } });
  const driver = new KioskDriver(page, { mode: 'touch', audit: false });
  await driver.openStart(kiosk.url);
  await driver.activate(page.getByTestId('manage-entry'));
  await expect(driver.h1()).toHaveText(ui('de', 'manageBooking.codeTitle'));

  // A wrong key first, on the code pad (digits, hyphen, a to f).
  const field = page.getByRole('textbox', { name: ui('de', 'manageBooking.codeLabel') });
  await openKeyboardFor(page, field);
  // The code pad: digits, the hyphen and a to f only, no other letters.
  await expect(keyboardKey(page, 'f')).toBeVisible();
  await expect(keyboardKey(page, '-')).toBeVisible();
  await expect(keyboardKey(page, 'g')).toHaveCount(0);
  const wrongKey = booked.authKey === 'ffff' ? 'eeee' : 'ffff';
  await tapText(page, `${booked.processId}-${wrongKey}`);
  await expect(field).toHaveValue(`${booked.processId}-${wrongKey}`);
  await checkA11y(page, 'manage code with keyboard (de)');
  await snap(page, 'manage code pad');
  await driver.activate(driver.button(ui('de', 'manageBooking.find')));
  await expect(page.getByText(ui('de', 'manageBooking.wrongKey'))).toBeVisible();
  await snap(page, 'manage wrong key', { fullPage: true });

  // The right code, typed without its hyphen: found with date, time, office and entrance.
  // The page took focus to its message: a tap on the field brings the pad back.
  await openKeyboardFor(page, field);
  await driver.activate(driver.button(ui('de', 'entry.keyClear')));
  await tapText(page, booked.code.replace('-', ''));
  await driver.activate(driver.button(ui('de', 'manageBooking.find')));
  await expect(driver.h1()).toHaveText(ui('de', 'manageBooking.foundTitle'));
  await expect(page.locator('.booking-code')).toHaveText(booked.code);
  await expect(page.getByText(officeText('de', zeugnis.definition.officeId, 'access'))).toBeVisible();
  await expect(page.getByText(NAME)).toHaveCount(0);
  await checkA11y(page, 'manage found (de)');
  await snap(page, 'manage found', { fullPage: true });

  await driver.activate(driver.button(ui('de', 'manageBooking.cancel')));
  await expect(driver.h1()).toHaveText(ui('de', 'manageBooking.confirmTitle'));
  await checkA11y(page, 'manage confirm cancel (de)');
  await snap(page, 'manage confirm cancel', { fullPage: true });
  expect(statusOf(booked.processId)).toBe('confirmed');
  await driver.activate(driver.button(ui('de', 'manageBooking.confirmYes')));
  await expect(driver.h1()).toHaveText(ui('de', 'manageBooking.cancelledTitle'));
  expect(statusOf(booked.processId)).toBe('deleted');
  await checkA11y(page, 'manage cancelled (de)');
  await driver.activate(driver.button(ui('de', 'manageBooking.done')));
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'));
  for (const canary of [NAME, booked.authKey]) {
    expect(scanForCanary(kiosk.dataDir, canary).hits).toEqual([]);
    expect(kiosk.output()).not.toContain(canary);
  }
});

test('by keyboard in Polish: the booking moved to another time, the old one cancelled', async ({ page }) => {
  const booked = await bookThroughApi();
  kiosk = await startKiosk({ appointments: { configFile } });
  // Headless Chromium has no print dialog.
  await page.addInitScript(() => {
    window.print = () => undefined;
  });
  const driver = new KioskDriver(page, { mode: 'keyboard', audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseLanguage('pl');
  await driver.activate(page.getByTestId('manage-entry'));
  await expect(driver.h1()).toHaveText(ui('pl', 'manageBooking.codeTitle'));
  const field = page.getByRole('textbox', { name: ui('pl', 'manageBooking.codeLabel') });
  await field.focus();
  // Forgiving: spaces and capitals as read off the paper.
  await page.keyboard.type(` ${booked.code.toUpperCase().replace('-', ' - ')} `);
  await page.keyboard.press('Enter');
  await expect(driver.h1()).toHaveText(ui('pl', 'manageBooking.foundTitle'));
  await driver.activate(driver.button(ui('pl', 'manageBooking.move')));
  await expect(driver.h1()).toHaveText(ui('pl', 'booking.daysTitle'));
  await checkA11y(page, 'manage move days (pl)');
  await driver.activate(page.locator('[data-booking-day]').nth(1));
  await expect(driver.h1()).toHaveText(ui('pl', 'booking.timesTitle'));
  await checkA11y(page, 'manage move times (pl)');
  await snap(page, 'manage move times polish');
  const time = page.locator('[data-booking-time]').nth(2);
  const newTimestamp = Number(await time.getAttribute('data-booking-time'));
  await driver.activate(time);
  await expect(driver.h1()).toHaveText(ui('pl', 'manageBooking.movedTitle'));
  const code = (await page.locator('.booking-code').innerText()).trim();
  expect(code).not.toBe(booked.code);
  await checkA11y(page, 'manage moved (pl)');
  await snap(page, 'manage moved polish', { fullPage: true });
  // The new time under the same name, confirmed; the old one cancelled.
  const fresh = server.processes().find((row) => `${row.process_id}-${row.auth_key}` === code);
  expect(fresh).toMatchObject({ status: 'confirmed', family_name: NAME, timestamp: newTimestamp });
  expect(statusOf(booked.processId)).toBe('deleted');
  // The new time on paper (browser mode: the PDF is offered to the print dialog, stubbed here).
  await driver.activate(driver.button(ui('pl', 'manageBooking.print')));
  await expect(page.getByRole('status').filter({ hasText: ui('pl', 'manageBooking.offered') })).toBeVisible({
    timeout: 20_000,
  });
  await driver.activate(driver.button(ui('pl', 'manageBooking.done')));
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'));
});

test('in Arabic (RTL): a malformed code is refused before any call, an unknown one told plainly, an outage too', async ({
  page,
}) => {
  kiosk = await startKiosk({ appointments: { configFile } });
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseLanguage('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await driver.activate(page.getByTestId('manage-entry'));
  const field = page.getByRole('textbox', { name: ui('ar', 'manageBooking.codeLabel') });
  await field.fill('12-34');
  await driver.activate(driver.button(ui('ar', 'manageBooking.find')));
  await expect(page.getByText(ui('ar', 'manageBooking.malformed'))).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await checkA11y(page, 'manage malformed (ar)');
  await snap(page, 'manage malformed arabic', { fullPage: true });
  await field.fill('999999-abcd');
  await driver.activate(driver.button(ui('ar', 'manageBooking.find')));
  await expect(page.getByText(ui('ar', 'manageBooking.notFound'))).toBeVisible();
  expect(server.processes()).toEqual([]);

  // The appointment system down: said plainly, with the desk's phone and hours.
  server.faults.add({ route: 'appointment', status: 503, times: Infinity });
  await field.fill('123456-abcd');
  await driver.activate(driver.button(ui('ar', 'manageBooking.find')));
  await expect(driver.h1()).toHaveText(ui('ar', 'manageBooking.unavailableTitle'));
  await expect(page.getByText(ui('ar', 'manageBooking.unavailable'))).toBeVisible();
  await expect(page.getByText('04141', { exact: false }).first()).toBeVisible();
  await checkA11y(page, 'manage unavailable (ar)');
  await snap(page, 'manage unavailable arabic', { fullPage: true });
});

test('without an appointment system there is no tile', async ({ page }) => {
  kiosk = await startKiosk({ appointments: 'off' });
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  await driver.openStart(kiosk.url);
  await expect(page.getByTestId('offices-entry')).toBeVisible();
  await expect(page.getByTestId('manage-entry')).toHaveCount(0);
});
