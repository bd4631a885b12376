import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_CATALOGUE, startAppointmentServer, type AppointmentServer } from '../../appointments';
import { SAMPLE_TICKETPRINTER_HASH } from '../../appointments/sample-data';
import { checkA11y } from './support/a11y';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { officeText } from './support/office-data';
import { lastPrintedPdf, stubPrint } from './support/printed-pdf';
import { loadService, ui } from './support/service-data';
import { snap } from './support/snap';

/**
 * Walk-in waiting numbers at the kiosk (issue 16), against the reference server's ticket-printer route on
 * 127.0.0.1: by touch in German (the number, its waiting time, the printed slip with its QR code, a closed office,
 * an outage with the office's phone), by keyboard in Turkish (an office that gives out no waiting time).
 * The server takes walk-ins at any hour here, so the spec runs whenever it is started. Needs `npm run build`.
 */
test.describe.configure({ timeout: 240_000 });
test.use({ hasTouch: true });

const zeugnis = loadService('fuehrungszeugnis');
const BUERGERBUERO = 10001;
const FUNDBUERO = 10005;
const ORDNUNGSAMT = 10002;
const ALL_DAY: Record<number, Array<[string, string]>> = Object.fromEntries(
  [1, 2, 3, 4, 5, 6, 7].map((day) => [day, [['00:00', '23:59']]]),
);

/** ISO weekday (1 = Monday) of tomorrow in Stade: an office that takes walk-ins only then is closed now. */
function tomorrowWeekday(): number {
  const name = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'Europe/Berlin' }).format(new Date());
  const today = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(name) + 1;
  return (today % 7) + 1;
}

let server: AppointmentServer;
let serverDir: string;
let configFile: string;
let kiosk: KioskHandle | undefined;

test.beforeEach(async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'walkin-e2e-'));
  const catalogue = {
    ...SAMPLE_CATALOGUE,
    offices: SAMPLE_CATALOGUE.offices.map((office) =>
      office.walkIn ? { ...office, walkIn: { ...office.walkIn, hours: ALL_DAY } } : office,
    ),
  };
  server = await startAppointmentServer({ dataDir: join(serverDir, 'zms'), rateLimitPerMinute: 0, catalogue });
  const always = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '23:59' }];
  configFile = join(serverDir, 'appointments.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      baseUrl: server.apiUrl,
      timeoutMs: 3000,
      services: {},
      walkIns: {
        apiUrl: server.zmsApiUrl,
        ticketprinterHash: SAMPLE_TICKETPRINTER_HASH,
        offices: {
          buergerbuero: { scopeId: BUERGERBUERO, openingHours: always },
          fundbuero: { scopeId: FUNDBUERO, openingHours: always },
          ordnungsamt: {
            scopeId: ORDNUNGSAMT,
            openingHours: [{ days: [tomorrowWeekday()], from: '08:30', to: '12:00' }],
          },
        },
      },
    }),
  );
});
test.afterEach(async () => {
  await kiosk?.dispose();
  kiosk = undefined;
  await server.close();
  rmSync(serverDir, { recursive: true, force: true });
});

test('by touch in German: a number with its waiting time, printed; a closed office; an outage with the phone', async ({
  page,
}) => {
  kiosk = await startKiosk({ appointments: { configFile } });
  await page.addInitScript(stubPrint);
  const driver = new KioskDriver(page, { mode: 'touch', audit: false });
  await driver.openStart(kiosk.url);
  await driver.activate(page.getByTestId('walk-in-entry'));
  await expect(driver.h1()).toHaveText(ui('de', 'walkIn.officesTitle'));
  await expect(page.locator('[data-walk-in-office]')).toHaveCount(3);
  await checkA11y(page, 'walk-in offices (de)');
  await snap(page, 'walk-in offices', { fullPage: true });

  await driver.activate(page.locator('[data-walk-in-office="buergerbuero"]'));
  await expect(driver.h1()).toHaveText(ui('de', 'walkIn.numberTitle'));
  await expect(page.getByTestId('walk-in-number')).toHaveText('100');
  await expect(page.getByTestId('walk-in-wait')).toHaveText(/^etwa \d+ Minuten?$/);
  await expect(page.getByText(officeText('de', 'buergerbuero', 'access')).first()).toBeVisible();
  await checkA11y(page, 'walk-in number (de)');
  await snap(page, 'walk-in number', { fullPage: true });

  await driver.activate(driver.button(ui('de', 'walkIn.print')));
  await expect(page.getByRole('status').filter({ hasText: ui('de', 'walkIn.offered') })).toBeVisible({
    timeout: 20_000,
  });
  const printed = await lastPrintedPdf(page, 'walk-in', 'walk-in-de', { scanQr: true });
  const text = printed.text.replace(/\s+/g, ' ');
  expect(text).toContain('Ihre Wartenummer');
  expect(text).toMatch(/Wartezeit etwa \d+ Minute/);
  expect(text).toContain(officeText('de', 'buergerbuero', 'name'));
  expect(printed.codes).toContain('100');
  await driver.activate(driver.button(ui('de', 'walkIn.done')));
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'));

  // The Ordnungsamt takes walk-ins only tomorrow: said with its next day and time, the server not asked.
  await driver.activate(page.getByTestId('walk-in-entry'));
  await driver.activate(page.locator('[data-walk-in-office="ordnungsamt"]'));
  await expect(driver.h1()).toHaveText(ui('de', 'walkIn.closedTitle'));
  await expect(page.getByText(/Wartenummern wieder am .* ab 08:30 Uhr/)).toBeVisible();
  await checkA11y(page, 'walk-in closed (de)');
  await snap(page, 'walk-in closed', { fullPage: true });

  // The system down: said plainly, with the office's phone and hours.
  server.faults.add({ route: 'waitingnumber', status: 503 });
  await driver.activate(driver.button(ui('de', 'nav.back')));
  await driver.activate(page.locator('[data-walk-in-office="buergerbuero"]'));
  await expect(driver.h1()).toHaveText(ui('de', 'walkIn.unavailableTitle'));
  await expect(page.getByText(ui('de', 'walkIn.unavailable'))).toBeVisible();
  await expect(page.getByText('04141 401-0').first()).toBeVisible();
  await checkA11y(page, 'walk-in unavailable (de)');
  await snap(page, 'walk-in unavailable', { fullPage: true });
});

test('by keyboard in Turkish: an office without a published waiting time says so plainly', async ({ page }) => {
  kiosk = await startKiosk({ appointments: { configFile } });
  await page.addInitScript(stubPrint);
  const driver = new KioskDriver(page, { mode: 'keyboard', audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseLanguage('tr');
  await driver.activate(page.getByTestId('walk-in-entry'));
  await expect(driver.h1()).toHaveText(ui('tr', 'walkIn.officesTitle'));
  await driver.activate(page.locator('[data-walk-in-office="fundbuero"]'));
  await expect(driver.h1()).toHaveText(ui('tr', 'walkIn.numberTitle'));
  await expect(page.getByTestId('walk-in-number')).toHaveText('1');
  await expect(page.getByTestId('walk-in-wait')).toHaveText(ui('tr', 'walkIn.waitUnknown'));
  await checkA11y(page, 'walk-in number (tr)');
  await snap(page, 'walk-in number turkish', { fullPage: true });
  await driver.activate(driver.button(ui('tr', 'walkIn.print')));
  await expect(page.getByRole('status').filter({ hasText: ui('tr', 'walkIn.offered') })).toBeVisible({
    timeout: 20_000,
  });
  const printed = await lastPrintedPdf(page, 'walk-in', 'walk-in-tr');
  expect(printed.text.replace(/\s+/g, ' ')).toContain('Sıra numaranız');
  expect(printed.text).toContain('bilinmiyor');
  await driver.activate(driver.button(ui('tr', 'walkIn.done')));
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'));
});

test('on the prepared-visit page of an in-person service: a waiting number at its office, by touch', async ({
  page,
}) => {
  kiosk = await startKiosk({ appointments: { configFile } });
  await page.addInitScript(stubPrint);
  const driver = new KioskDriver(page, { mode: 'touch', audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseService(zeugnis);
  await driver.walkToCheck(zeugnis, { familyName: 'Brinkmann', copies: '1' });
  await driver.activate(driver.button(ui('de', 'visit.prepare')));
  await expect(driver.h1()).toHaveText(ui('de', 'visit.title'));
  expect(zeugnis.definition.officeId).toBe('buergerbuero');
  await expect(page.getByText(ui('de', 'walkIn.visitText'), { exact: false })).toBeVisible();
  await driver.activate(page.getByTestId('walk-in-visit'));
  await expect(page.getByTestId('walk-in-number')).toHaveText('100');
  await expect(page.getByTestId('walk-in-wait')).toContainText(ui('de', 'walkIn.waitLabel'));
  await checkA11y(page, 'walk-in on the visit page (de)');
  await snap(page, 'walk-in visit page', { fullPage: true });
  await driver.activate(driver.button(ui('de', 'walkIn.print')));
  await expect(page.getByRole('status').filter({ hasText: ui('de', 'walkIn.offered') })).toBeVisible({
    timeout: 20_000,
  });
  const printed = await lastPrintedPdf(page, 'walk-in', 'walk-in-visit-de');
  expect(printed.text.replace(/\s+/g, ' ')).toContain('Ihre Wartenummer 100');
});
