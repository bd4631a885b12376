import { expect, test } from './support/fixtures';
import { HUB_ADMIN, HUB_STAFF, HubAdmin, startHub, type HubProcess } from './support/hub-process';
import { KioskDriver } from './support/journey-driver';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { loadService, svcText } from './support/service-data';

/**
 * The idle timeout while staff help, against the real hub (dist/node/hub.mjs) and kiosk: staff acting on the
 * session count as someone being there; a resident who walks away while staff only watch still gets the
 * warning and the wipe. Also the footer: the terminal's name and location as the admin created it on the hub.
 * Staff act through the console's API (the console page itself is tests/e2e/help-desk.spec.ts).
 * Short idle times via the kiosk's --idle-* flags. Needs `node build/build.mjs`.
 */

// 90 s: the ceiling for a loaded CI machine; normally far less.
test.describe.configure({ timeout: 90_000 });

// 12 s without a touch before the warning: room for the taps and staff calls that set up the live view.
const TIMEOUT_S = 18;
const WARNING_S = 6;
const TERMINAL = 'Rathaus Foyer';
const LOCATION = 'Erdgeschoss';
const service = loadService('meldebescheinigung');
const firstStep = service.definition.journey.steps[0]!;

let hub: HubProcess;
let kiosk: KioskHandle | undefined;
test.beforeEach(async () => {
  hub = await startHub();
  const admin = await HubAdmin.login(hub, HUB_ADMIN);
  const { enrolmentCode } = await admin.createTerminal(TERMINAL, LOCATION);
  kiosk = await startKiosk({ hub: { url: hub.url, enrolmentCode }, idleTimeoutS: TIMEOUT_S, idleWarningS: WARNING_S });
  await expect
    .poll(async () => (await admin.call<{ online: boolean }[]>('GET', '/terminals')).some((t) => t.online), {
      timeout: 45_000,
    })
    .toBe(true);
});
test.afterEach(async () => {
  await kiosk?.dispose();
  kiosk = undefined;
  await hub.dispose();
});

test('staff guiding keeps the session; staff only watching: warning and end as usual; footer names the terminal', async ({
  page,
}) => {
  // Logged in first: the password hash is memory-hard, and the resident's idle clock must not run meanwhile.
  const staff = await HubAdmin.login(hub, HUB_STAFF);
  const driver = new KioskDriver(page, { audit: false });
  await driver.openStart(kiosk!.url);
  await expect(page.locator('footer')).toHaveText(driver.t('app.terminalAt', { name: TERMINAL, location: LOCATION }));

  await driver.chooseService(service);
  const question = svcText(service, 'de', firstStep.titleKey);
  await expect(driver.h1()).toHaveText(question);
  await driver.activate(driver.button(driver.t('header.help')));
  const helpDialog = page.getByRole('dialog');
  await driver.activate(helpDialog.getByRole('button', { name: driver.t('assist.call') }));
  let requestId = '';
  await expect
    .poll(async () => (requestId = (await staff.call<{ requestId: string }[]>('GET', '/queue'))[0]?.requestId ?? ''))
    .not.toBe('');
  await staff.call('POST', `/help/${requestId}/accept`);
  await expect(helpDialog.getByText(driver.t('assist.accepted', { name: HUB_STAFF.displayName }))).toBeVisible();
  await driver.activate(helpDialog.getByRole('button', { name: driver.t('help.close') }));
  await staff.call('POST', `/help/${requestId}/consent`);
  const consent = page.getByRole('alertdialog', {
    name: driver.t('assist.consent.title', { name: HUB_STAFF.displayName }),
  });
  await driver.activate(consent.getByRole('button', { name: driver.t('assist.consent.yes') }));
  const banner = page.getByRole('region', { name: driver.t('assist.banner.label') });
  await expect(banner).toContainText(driver.t('assist.banner.viewing', { name: HUB_STAFF.displayName }));

  // The resident sits and watches: the warning comes as always, banner or not.
  const warning = page.getByRole('alertdialog', { name: driver.t('idle.title') });
  await expect(warning).toBeVisible({ timeout: (TIMEOUT_S + 5) * 1000 });
  await expect(banner).toBeVisible();

  // Staff point at "Weiter": someone is there, the warning goes, nobody touched the screen.
  await staff.call('POST', `/help/${requestId}/guide`, { target: 'next' });
  await expect(driver.button(driver.t('nav.continue'))).toHaveClass(/guide-ring/);
  await expect(warning).toBeHidden();
  await expect(driver.h1()).toHaveText(question);
  await expect(banner).toBeVisible();

  // Then nobody acts: the warning again, and at zero the session ends and the live view with it.
  await expect(warning).toBeVisible({ timeout: (TIMEOUT_S + 5) * 1000 });
  await expect(page.getByText(driver.t('notice.idleEnded'))).toBeVisible({ timeout: (WARNING_S + 5) * 1000 });
  await expect(banner).toBeHidden();
  // The resident has gone: the request is withdrawn from the queue.
  await expect.poll(async () => staff.call<unknown[]>('GET', '/queue')).toEqual([]);
});
