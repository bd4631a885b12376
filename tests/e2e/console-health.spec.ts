import { expect, test, type Page } from '@playwright/test';
import type { HealthReport } from '../../contract/hub';
import type { Client } from '../fixtures/hub-wire';
import { expectNoAxeViolations } from './support/a11y';
import { connectTerminal, HUB_ADMIN, HUB_STAFF, HubAdmin, startHub, type HubProcess } from './support/hub-process';
import { snap } from './support/snap';

/**
 * Terminal health in the staff console (issue 20): a terminal reports its health over the real terminal WebSocket
 * to the real hub process; the alert appears in the queue area with the help request's cue and is acknowledged
 * with the keyboard alone; a colleague's console, in a browser context of its own, sees who acknowledged it; the
 * terminal overview shows the device state. Needs `npm run build` (dist/console, dist/node/hub.mjs).
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

function report(changes: Partial<HealthReport> = {}): HealthReport {
  return {
    appVersion: '2.4.0',
    catalogue: { version: '5f2c9a0e1b7d4c3a', activation: 'ok', services: 20, refused: 0 },
    uptimeSeconds: 7200,
    freeDiskBytes: 48_300_000_000,
    printer: 'ready',
    outbox: { depth: 2, oldestAgeSeconds: 240 },
    lastDeliveryAt: new Date(Date.now() - 600_000).toISOString(),
    appointments: 'reachable',
    portal: 'reachable',
    lastError: 'none',
    reportedAt: new Date().toISOString(),
    ...changes,
  };
}

async function login(page: Page, account: { username: string; password: string }): Promise<void> {
  await page.goto(hub.url);
  await page.getByLabel('Benutzername').fill(account.username);
  await page.getByLabel('Passwort').fill(account.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hilfeanfragen' })).toBeVisible();
}

test('an out-of-paper alert in the queue with its cue, acknowledged by keyboard; the overview shows the terminal', async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  // Counts the tones the console starts through Web Audio (no sound card is needed to count them).
  await page.addInitScript(() => {
    const counter = window as unknown as { tones: number };
    counter.tones = 0;
    const original = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      counter.tones += 1;
      return original.call(this);
    };
  });
  const tones = () => page.evaluate(() => (window as unknown as { tones: number }).tones);
  kiosk.send({ type: 'health', report: report() });
  await login(page, HUB_STAFF);
  // A colleague's console in another browser context: it sees the alert and then who saw it.
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  await login(colleague, HUB_ADMIN);
  expect(await tones()).toBe(0);

  kiosk.send({ type: 'health', report: report({ printer: 'out_of_paper', lastError: 'printer_failed' }) });
  const alerts = page.getByRole('region', { name: /Meldungen der Terminals/ });
  await expect(alerts).toContainText('Drucker nicht bereit');
  await expect(alerts).toContainText('Foyer, Rathaus, Erdgeschoss');
  await expect(page.getByRole('status')).toContainText('Meldung: Foyer, Rathaus, Erdgeschoss – Drucker nicht bereit');
  await expect.poll(tones).toBeGreaterThan(0);
  await expectNoAxeViolations(page, 'queue with a terminal alert');
  await snap(page, 'queue with alert');

  // Keyboard only: Tab to "Gesehen" and press Enter.
  const seen = page.getByRole('button', { name: 'Meldung „Drucker nicht bereit“ von Foyer als gesehen markieren' });
  await page.getByRole('heading', { level: 1, name: 'Hilfeanfragen' }).focus();
  for (
    let presses = 0;
    presses < 30 && !(await seen.evaluate((button) => button === document.activeElement));
    presses++
  )
    await page.keyboard.press('Tab');
  await expect(seen).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(alerts).toContainText('Gesehen von Frau Meyer');
  await expect(seen).toHaveCount(0);
  await expect(colleague.getByRole('region', { name: /Meldungen der Terminals/ })).toContainText(
    'Gesehen von Frau Meyer',
  );
  await snap(page, 'alert acknowledged');

  await page.getByRole('button', { name: 'Terminals' }).click();
  const row = page.getByRole('row', { name: /Foyer/ });
  for (const text of [
    'Drucker nicht bereit',
    'Drucker: Papier leer',
    'Postausgang: 2 Anträge, ältester seit 4 Min.',
    'Freier Speicher: 48 GB',
    'Portal erreichbar',
    'Terminsystem erreichbar',
    'Letzter Fehler: Druck fehlgeschlagen',
    'App 2.4.0 · Katalog 5f2c9a0e',
  ])
    await expect(row).toContainText(text);
  await expectNoAxeViolations(page, 'terminal overview with health');
  await snap(page, 'terminal overview');

  // Paper back in: the alert ends everywhere.
  kiosk.send({ type: 'health', report: report() });
  await expect(row).toContainText('Drucker bereit');
  await expect(row).not.toContainText('Drucker nicht bereit');
  await expect(colleague.getByRole('region', { name: /Meldungen der Terminals/ })).toHaveCount(0);
  await colleagueContext.close();
});
