import { expect, test } from '@playwright/test';
import type { Client } from '../fixtures/hub-wire';
import { expectNoAxeViolations } from './support/a11y';
import { connectTerminal, HUB_ADMIN, HubAdmin, startHub, type HubProcess } from './support/hub-process';
import { snap } from './support/snap';

/**
 * "Termine vom Kiosk" in the staff console (issue 16): the times a kiosk booked, as the kiosk reports them over
 * the real terminal WebSocket to the real hub, listed for today by office and found by the receipt's code.
 * Needs `node build/build.mjs` (dist/console).
 */

let hub: HubProcess;
let kiosk: Client;

test.beforeAll(async () => {
  hub = await startHub();
  const admin = await HubAdmin.login(hub, HUB_ADMIN);
  const { credential } = await admin.enrolTerminal('Foyer', 'Rathaus, Erdgeschoss', '0.1.0-e2e');
  kiosk = await connectTerminal(hub, credential);
  await kiosk.next('welcome');
});
test.afterAll(async () => {
  kiosk?.close();
  await hub?.dispose();
});

/** Today at the given hour in Stade (the hub's day), as the kiosk would report it. */
function todayAt(hour: number): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
  const utcGuess = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  const berlinHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(
      new Date(utcGuess),
    ),
  );
  return new Date(utcGuess - (berlinHour - hour) * 3_600_000).toISOString();
}

test('today’s kiosk bookings by office, one found by its code, a cancelled one marked', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  kiosk.send({
    type: 'booking.made',
    booking: {
      code: '48213-a9f3',
      serviceId: 'personalausweis',
      officeName: 'Bürgerservicebüro, Rathaus Stade',
      startsAt: todayAt(9),
      familyName: 'Brinkmann',
    },
  });
  kiosk.send({
    type: 'booking.made',
    booking: {
      code: '48214-k2m4',
      serviceId: 'reisepass',
      officeName: 'Bürgerservicebüro, Rathaus Stade',
      startsAt: todayAt(11),
      familyName: 'Yılmaz',
    },
  });
  kiosk.send({ type: 'booking.cancelled', code: '48214-k2m4' });

  await page.goto(hub.url);
  await page.getByLabel('Benutzername').fill(HUB_ADMIN.username);
  await page.getByLabel('Passwort').fill(HUB_ADMIN.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: 'Termine vom Kiosk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Termine vom Kiosk' })).toBeVisible();

  const office = page.getByRole('table', { name: /Bürgerservicebüro, Rathaus Stade/ });
  await expect(office.getByRole('row')).toHaveCount(3);
  const first = office.getByRole('row').nth(1);
  await expect(first).toContainText('09:00');
  await expect(first).toContainText('Brinkmann');
  await expect(first).toContainText('Personalausweis');
  await expect(office.getByRole('row').nth(2)).toContainText('abgesagt');
  await expectNoAxeViolations(page, 'console bookings');
  await snap(page, 'bookings today');

  await page.getByLabel('Buchungscode').fill('48213-a9f3');
  await page.getByRole('button', { name: 'Termin suchen' }).click();
  const found = page.getByTestId('found-booking');
  await expect(found.getByRole('heading')).toHaveText('Termin 48213-a9f3');
  await expect(found).toContainText('Brinkmann');

  await page.getByLabel('Buchungscode').fill('Brinkmann');
  await page.getByRole('button', { name: 'Termin suchen' }).click();
  await expect(page.getByRole('alert')).toContainText('Ein Buchungscode besteht aus Ziffern');
  await page.getByLabel('Buchungscode').fill('1-zzzz');
  await page.getByRole('button', { name: 'Termin suchen' }).click();
  await expect(page.getByRole('alert')).toContainText('keinen am Kiosk gebuchten Termin');
  await expectNoAxeViolations(page, 'console bookings, code not found');
  await snap(page, 'bookings code not found');
});
