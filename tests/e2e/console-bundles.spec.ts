import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectNoAxeViolations } from './support/a11y';
import { expect, test } from './support/fixtures';
import { HUB_ADMIN, HubAdmin, startHub, type HubProcess } from './support/hub-process';
import { KioskDriver } from './support/journey-driver';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { ROOT } from './support/paths';
import { loadService } from './support/service-data';
import { snap } from './support/snap';

/**
 * Issue 20, services from the hub: an admin picks a folder of service folders in the console (the browser's folder
 * picker), the real hub process checks, signs and offers it, and the real browser-mode kiosk, enrolled with a code,
 * keeps its catalogue while the resident's session is open and shows the new service on its start screen after the
 * session; then the admin rolls back and the service is gone again after the next session. Two browser contexts:
 * the console and the kiosk. Needs `npm run build`.
 */

test.describe.configure({ timeout: 120_000 });

let hub: HubProcess;
let kiosk: KioskHandle | undefined;
let picked: string;
test.beforeEach(async () => {
  hub = await startHub();
  const admin = await HubAdmin.login(hub, HUB_ADMIN);
  const { enrolmentCode } = await admin.createTerminal('Rathaus Foyer', 'Erdgeschoss');
  kiosk = await startKiosk({ hub: { url: hub.url, enrolmentCode } });
  await expect
    .poll(async () => (await admin.call<{ online: boolean }[]>('GET', '/terminals')).some((t) => t.online), {
      timeout: 45_000,
    })
    .toBe(true);
  // What the clerk picks: a folder holding the service folders (here the one working town service).
  picked = mkdtempSync(join(tmpdir(), 'bundle-pick-'));
  cpSync(join(ROOT, 'tests/fixtures/services-dir/bank-patenschaft'), join(picked, 'dienste', 'bank-patenschaft'), {
    recursive: true,
  });
});
test.afterEach(async () => {
  await kiosk?.dispose();
  kiosk = undefined;
  await hub.dispose();
  rmSync(picked, { recursive: true, force: true });
});

test('upload and rollback in the console; the kiosk shows the new service after its session', async ({ browser }) => {
  const consoleContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const admin = await consoleContext.newPage();
  await admin.goto(hub.url);
  await admin.getByLabel('Benutzername').fill(HUB_ADMIN.username);
  await admin.getByLabel('Passwort').fill(HUB_ADMIN.password);
  await admin.getByRole('button', { name: 'Anmelden' }).click();
  await admin.getByRole('button', { name: 'Dienste veröffentlichen' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Dienste veröffentlichen' })).toBeVisible();

  // The resident is in a session when the bundle comes.
  const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  const page = await kioskContext.newPage();
  const driver = new KioskDriver(page, { mode: 'touch', audit: false });
  await driver.openStart(kiosk!.url);
  await driver.chooseService(loadService('meldebescheinigung'));

  // The console's own button opens the browser's folder picker (its native button would speak English).
  const chooser = admin.waitForEvent('filechooser');
  await admin.getByRole('button', { name: 'Ordner mit den Diensten wählen …' }).click();
  await (await chooser).setFiles(join(picked, 'dienste'));
  await expect(admin.getByText(/Dateien ausgewählt/)).toBeVisible();
  await admin.getByRole('button', { name: 'Hochladen und prüfen' }).click();
  await expect(admin.getByText('Paket 1 ist aktiv.', { exact: false })).toBeVisible();
  await expect(admin.getByRole('row', { name: /Rathaus Foyer/ })).toContainText('Mitgelieferte Dienste');
  await expectNoAxeViolations(admin, 'console-bundles');
  await snap(admin, 'console-bundles-published', { fullPage: true });

  // Staged on the kiosk, not active: the open session keeps the catalogue. After it, the start screen has it.
  // "Antrag abbrechen": the session ends, the page loads the new catalogue (a reload) and shows the start screen.
  await driver.activate(driver.button(driver.t('sessionCancel.label')));
  const end = page.getByRole('alertdialog', { name: driver.t('end.title') });
  const reloaded = page.waitForEvent('load', { timeout: 20_000 });
  await driver.activate(end.getByRole('button', { name: driver.t('end.confirm'), exact: true }));
  await reloaded;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(driver.t('start.title'), { timeout: 20_000 });
  await driver.activate(driver.control(/^Sonstiges/));
  await expect(driver.control(/^Parkbank-Patenschaft anfragen/)).toBeVisible({ timeout: 20_000 });
  await snap(page, 'kiosk-bundle-new-service');
  await expect(admin.getByRole('row', { name: /Rathaus Foyer/ })).toContainText('Paket 1', { timeout: 20_000 });

  // Rollback needs an earlier bundle: a second upload, then back to 1 (as version 3).
  await admin.locator('input[type=file]').setInputFiles(join(picked, 'dienste'));
  await admin.getByRole('button', { name: 'Hochladen und prüfen' }).click();
  await expect(admin.getByText('Paket 2 ist aktiv.', { exact: false })).toBeVisible();
  await admin.getByRole('button', { name: 'Zurück zu Paket 1' }).click();
  const dialog = admin.getByRole('alertdialog', { name: 'Früheres Paket wieder aktivieren?' });
  await dialog.getByRole('button', { name: 'Ja, zurückkehren' }).click();
  await expect(admin.getByText('Paket 3 ist aktiv: die Dienste von Paket 1 wieder.')).toBeVisible();
  await expect(admin.getByRole('row', { name: /Rathaus Foyer/ })).toContainText('Paket 3', { timeout: 20_000 });
  await snap(admin, 'console-bundles-rolled-back', { fullPage: true });
  await consoleContext.close();
  await kioskContext.close();
});
