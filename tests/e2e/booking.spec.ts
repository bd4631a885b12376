import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startAppointmentServer, type AppointmentServer } from '../../appointments';
import { checkA11y } from './support/a11y';
import { scanForCanary } from './support/canary-scan';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { tabTo } from './support/keyboard';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { officeText } from './support/office-data';
import { openKeyboardFor, tapText } from './support/onscreen-keyboard';
import { loadService, ui, type Lang } from './support/service-data';
import { snap } from './support/snap';
import { lastPrintedPdf, stubPrint } from './support/printed-pdf';

/**
 * Booking a time on the prepared-visit page (issue 16), against the reference appointment server on
 * 127.0.0.1 (`--appointments-config`): by touch in German (on-screen keyboard, receipt read with pdftotext and
 * its QR code with zbarimg), by keyboard in Turkish with the time taken meanwhile, the outage in Arabic (RTL),
 * and `--no-appointments`. Needs `npm run build`.
 */
test.describe.configure({ timeout: 240_000 });
test.use({ hasTouch: true });

const zeugnis = loadService('fuehrungszeugnis');
const FUEHRUNGSZEUGNIS = 20004;
const BUERGERBUERO = 10001;
const NAME = 'Brinkmannkanarie';

let server: AppointmentServer;
let serverDir: string;
let configFile: string;
let kiosk: KioskHandle | undefined;

test.beforeEach(async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'booking-e2e-'));
  server = await startAppointmentServer({ dataDir: join(serverDir, 'zms'), rateLimitPerMinute: 0 });
  configFile = join(serverDir, 'appointments.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      baseUrl: server.apiUrl,
      timeoutMs: 3000,
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

async function toVisit(page: Page, driver: KioskDriver, lang: Lang): Promise<void> {
  await page.addInitScript(stubPrint);
  await driver.openStart(kiosk!.url);
  if (lang !== 'de') await driver.chooseLanguage(lang);
  await driver.chooseService(zeugnis);
  await driver.walkToCheck(zeugnis, { familyName: 'Brinkmann', copies: '1' });
  await driver.activate(driver.button(ui(lang, 'visit.prepare')));
  await expect(driver.h1()).toHaveText(ui(lang, 'visit.title'));
}

const confirmedRows = () => server.processes().filter((row) => row.status === 'confirmed');

test('books a time by touch in German, prints it with its QR code, and leaves nothing behind', async ({ page }) => {
  kiosk = await startKiosk({ appointments: { configFile } });
  const driver = new KioskDriver(page, { mode: 'touch', audit: false });
  await toVisit(page, driver, 'de');
  await expect(page.getByText(ui('de', 'booking.actionText'))).toBeVisible();
  await driver.activate(driver.button(ui('de', 'booking.action')));

  // The day list: a short list of the next days with free times.
  await expect(driver.h1()).toHaveText(ui('de', 'booking.daysTitle'));
  const days = page.locator('[data-booking-day]');
  await expect(days.first()).toBeVisible();
  expect(await days.count()).toBeLessThanOrEqual(6);
  await checkA11y(page, 'booking days (de)');
  await snap(page, 'booking day list', { fullPage: true });
  await driver.activate(days.first());

  // The times: large buttons under Vormittag / Nachmittag.
  await expect(driver.h1()).toHaveText(ui('de', 'booking.timesTitle'));
  const parts = page.getByRole('heading', { level: 2 });
  await expect(parts.first()).toHaveText(
    new RegExp(`^(${ui('de', 'booking.morning')}|${ui('de', 'booking.afternoon')})$`),
  );
  await checkA11y(page, 'booking times (de)');
  await snap(page, 'booking time buttons', { fullPage: true });
  const time = page.locator('[data-booking-time]').first();
  const timeText = (await time.innerText()).trim();
  await driver.activate(time);

  // The name, typed on the kiosk's own keyboard; the time is held meanwhile.
  await expect(driver.h1()).toHaveText(ui('de', 'booking.nameTitle'));
  await expect.poll(() => server.processes().filter((row) => row.status === 'reserved').length).toBe(1);
  const nameField = page.getByRole('textbox', { name: ui('de', 'booking.nameLabel') });
  await openKeyboardFor(page, nameField);
  await tapText(page, NAME);
  await expect(nameField).toHaveValue(NAME);
  await checkA11y(page, 'booking name (de)');
  await snap(page, 'booking name with keyboard');
  await driver.activate(driver.button(ui('de', 'booking.book')));

  // Booked: date, time, office, entrance and the code.
  await expect(driver.h1()).toHaveText(ui('de', 'booking.doneTitle'));
  const code = (await page.locator('.booking-code').innerText()).trim();
  expect(code).toMatch(/^\d+-[0-9a-f]+$/);
  await expect(page.getByText(timeText, { exact: false }).first()).toBeVisible();
  await expect(page.getByText(officeText('de', zeugnis.definition.officeId, 'access'))).toBeVisible();
  expect(confirmedRows().map((row) => row.family_name)).toEqual([NAME]);
  await checkA11y(page, 'booking done (de)');
  await snap(page, 'booking confirmation', { fullPage: true });
  await driver.activate(driver.button(ui('de', 'booking.backToVisit')));

  // The visit page shows the booked time; the checklist prints it with the code as a QR code.
  await expect(driver.h1()).toHaveText(ui('de', 'visit.title'));
  await expect(page.getByRole('heading', { name: ui('de', 'booking.bookedHeading') })).toBeVisible();
  await driver.activate(driver.button(ui('de', 'visit.print')));
  await expect(page.getByRole('status').filter({ hasText: ui('de', 'visit.offered') })).toBeVisible({
    timeout: 20_000,
  });
  const printed = await lastPrintedPdf(page, 'booking', 'booking-de', { scanQr: true });
  expect(printed.text).toContain('Ihr Termin');
  expect(printed.text).toContain(timeText);
  expect(printed.text.replace(/\s+/g, '')).toContain(code);
  expect(printed.codes).toContain(code);
  expect(printed.text).not.toContain(NAME);

  await driver.activate(driver.button(ui('de', 'visit.done')));
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'));
  // Nothing of the booking on the kiosk's disk or in its log.
  for (const canary of [NAME, code]) {
    expect(scanForCanary(kiosk.dataDir, canary).hits).toEqual([]);
    expect(kiosk.output()).not.toContain(canary);
  }
  expect(confirmedRows()).toHaveLength(1);
});

test('by keyboard in Turkish: the time taken meanwhile is told, the next free time is booked', async ({ page }) => {
  kiosk = await startKiosk({ appointments: { configFile } });
  const driver = new KioskDriver(page, { mode: 'keyboard', lang: 'de', audit: false });
  await toVisit(page, driver, 'tr');
  await driver.activate(driver.button(ui('tr', 'booking.action')));
  await expect(driver.h1()).toHaveText(ui('tr', 'booking.daysTitle'));
  await driver.activate(page.locator('[data-booking-day]').first());
  await expect(driver.h1()).toHaveText(ui('tr', 'booking.timesTitle'));

  // Another kiosk takes the first time between listing and reserving.
  const first = page.locator('[data-booking-time]').first();
  const taken = Number(await first.getAttribute('data-booking-time'));
  expect(server.faults.occupy(BUERGERBUERO, taken)).toBeGreaterThan(0);
  await driver.activate(first);
  // In the page, not the speech bar's caption, which may be saying the same sentence.
  const main = page.locator('#main');
  await expect(main.getByText(ui('tr', 'booking.taken'))).toBeVisible();
  await expect(main.getByText(ui('tr', 'booking.nextTimes'))).toBeVisible();
  const next = page.locator('[data-booking-time]').first();
  expect(Number(await next.getAttribute('data-booking-time'))).toBeGreaterThan(taken);
  await checkA11y(page, 'booking taken (tr)');
  await snap(page, 'booking time taken');
  await driver.activate(next);

  await expect(driver.h1()).toHaveText(ui('tr', 'booking.nameTitle'));
  const nameField = page.getByRole('textbox', { name: ui('tr', 'booking.nameLabel') });
  await tabTo(page, nameField);
  await page.keyboard.type('Yilmaz');
  await page.keyboard.press('Enter');
  await expect(driver.h1()).toHaveText(ui('tr', 'booking.doneTitle'));
  // The other kiosk's bookings stand; ours is the one next free time.
  const ours = confirmedRows().filter((row) => row.family_name === 'Yilmaz');
  expect(ours).toHaveLength(1);
  expect(ours[0]!.timestamp).toBeGreaterThan(taken);
  await driver.activate(driver.button(ui('tr', 'booking.backToVisit')));
  await expect(page.getByRole('heading', { name: ui('tr', 'booking.bookedHeading') })).toBeVisible();
});

test('in Arabic (RTL): the day list and the times, then the server fails: a plain message with the office phone, the checklist still prints', async ({
  page,
}) => {
  kiosk = await startKiosk({ appointments: { configFile } });
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  await toVisit(page, driver, 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await driver.activate(driver.button(ui('ar', 'booking.action')));
  await expect(driver.h1()).toHaveText(ui('ar', 'booking.daysTitle'));
  await checkA11y(page, 'booking days (ar)');
  await snap(page, 'booking day list arabic');
  await driver.activate(page.locator('[data-booking-day]').first());
  await expect(driver.h1()).toHaveText(ui('ar', 'booking.timesTitle'));
  await checkA11y(page, 'booking times (ar)');
  await snap(page, 'booking time buttons arabic');
  // Back to the days, back to the visit page: nothing was held.
  await driver.activate(driver.button(ui('ar', 'nav.back')));
  await expect(driver.h1()).toHaveText(ui('ar', 'booking.daysTitle'));
  await driver.activate(driver.button(ui('ar', 'nav.back')));
  await expect(driver.h1()).toHaveText(ui('ar', 'visit.title'));
  expect(server.processes()).toEqual([]);

  server.faults.add({ route: 'available-calendar', status: 503, times: Infinity });
  await driver.activate(driver.button(ui('ar', 'booking.action')));
  await expect(driver.h1()).toHaveText(ui('ar', 'booking.unavailableTitle'));
  await expect(page.getByText(ui('ar', 'booking.unavailable'))).toBeVisible();
  await expect(page.getByText('04141', { exact: false }).first()).toBeVisible();
  await checkA11y(page, 'booking unavailable (ar)');
  await snap(page, 'booking unavailable arabic', { fullPage: true });
  await driver.activate(driver.button(ui('ar', 'booking.backToVisit')));
  await expect(driver.h1()).toHaveText(ui('ar', 'visit.title'));
  await driver.activate(driver.button(ui('ar', 'visit.print')));
  await expect(page.getByRole('status').filter({ hasText: ui('ar', 'visit.offered') })).toBeVisible({
    timeout: 20_000,
  });
});

test('--no-appointments: no booking action, the visit page points to the phone and hours', async ({ page }) => {
  kiosk = await startKiosk({ appointments: 'off' });
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  await toVisit(page, driver, 'de');
  await expect(driver.button(ui('de', 'booking.action'))).toHaveCount(0);
  await expect(page.getByText(ui('de', 'booking.off'))).toBeVisible();
});

test('kill -9 while a time is held: the restarted kiosk releases it', async ({ page }) => {
  kiosk = await startKiosk({ appointments: { configFile } });
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  await toVisit(page, driver, 'de');
  await driver.activate(driver.button(ui('de', 'booking.action')));
  await driver.activate(page.locator('[data-booking-day]').first());
  await driver.activate(page.locator('[data-booking-time]').first());
  await expect(driver.h1()).toHaveText(ui('de', 'booking.nameTitle'));
  const held = () => server.processes().filter((row) => row.status === 'reserved').length;
  expect(held()).toBe(1);

  await kiosk.kill9();
  expect(held()).toBe(1);
  await kiosk.restart();
  await expect.poll(held, { timeout: 20_000 }).toBe(0);
  expect(server.processes().map((row) => row.status)).toEqual(['deleted']);
  // The page finds the kiosk again at its start screen: the visit lived in memory only.
  await page.goto(kiosk.url);
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'), { timeout: 20_000 });
});
