import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { HUB_ADMIN, HUB_STAFF, HubAdmin, startHub, type HubProcess } from './support/hub-process';
import { KioskDriver } from './support/journey-driver';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { loadService, svcText } from './support/service-data';

/**
 * The idle timeout while staff help, against the real hub (dist/node/hub.mjs) and kiosk: while a help request
 * is open (waiting, accepted, watched) the timeout does not run, and it starts again from its beginning when
 * staff resolve it (issue 14, item 1). Also the footer: the terminal's name and location as the admin created it on the hub.
 * Staff act through the console's API (the console page itself is tests/e2e/help-desk.spec.ts).
 * Short idle times via the kiosk's --idle-* flags. Needs `node build/build.mjs`.
 */

// The test waits out more than two idle timeouts on purpose; the rest is the ceiling for a loaded CI machine.
test.describe.configure({ timeout: 180_000 });

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

/** Whether the idle warning ever showed since this was called (a resident would have seen it). */
async function watchForWarning(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    const flag = window as unknown as { idleWarningSeen: boolean };
    flag.idleWarningSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('.modal--idle')) flag.idleWarningSeen = true;
    }).observe(document.body, { subtree: true, childList: true });
  });
  return () => page.evaluate(() => (window as unknown as { idleWarningSeen: boolean }).idleWarningSeen);
}

/** Every sentence the speech bar shows as spoken, from now on. */
async function recordCaptions(page: Page): Promise<() => Promise<string[]>> {
  await page.locator('.speech-bar').evaluate((region) => {
    const seen: string[] = [];
    (window as unknown as { captions: string[] }).captions = seen;
    new MutationObserver(() => {
      const text = region.querySelector('mark')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(region, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { captions: string[] }).captions);
}

test('help open: no idle timeout while waiting or watched ("Bitte bleiben Sie hier", said and shown); resolved: the timeout from its beginning; footer names the terminal', async ({
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
  const captions = await recordCaptions(page);
  await driver.activate(driver.button(driver.t('header.help')));
  const helpDialog = page.getByRole('dialog');
  await driver.activate(helpDialog.getByRole('button', { name: driver.t('assist.call') }));
  // The dialog closes; the banner says it, and the kiosk speaks it.
  await expect(helpDialog).toBeHidden();
  const banner = page.getByRole('region', { name: driver.t('assist.banner.label') });
  await expect(banner).toContainText(driver.t('helpBanner.stay'));
  await expect.poll(captions, { timeout: 30_000 }).toContain(driver.t('helpBanner.stay'));
  const warningSeen = await watchForWarning(page);
  let requestId = '';
  await expect
    .poll(async () => (requestId = (await staff.call<{ requestId: string }[]>('GET', '/queue'))[0]?.requestId ?? ''))
    .not.toBe('');

  // More than a whole idle timeout with nobody touching the screen: no warning, no wipe.
  await page.waitForTimeout((TIMEOUT_S + WARNING_S) * 1000);
  expect(await warningSeen()).toBe(false);
  await expect(driver.h1()).toHaveText(question);
  await expect(banner).toContainText(driver.t('helpBanner.stay'));

  // Accepted and watched (the resident said "Ja"): still nothing runs out while staff only watch.
  await staff.call('POST', `/help/${requestId}/accept`);
  await expect(banner).toContainText(driver.t('assist.accepted', { name: HUB_STAFF.displayName }));
  await staff.call('POST', `/help/${requestId}/consent`);
  const consent = page.getByRole('alertdialog', {
    name: driver.t('assist.consent.title', { name: HUB_STAFF.displayName }),
  });
  await driver.activate(consent.getByRole('button', { name: driver.t('assist.consent.yes') }));
  await expect(banner).toContainText(driver.t('assist.banner.viewing', { name: HUB_STAFF.displayName }));
  await page.waitForTimeout(TIMEOUT_S * 1000);
  expect(await warningSeen()).toBe(false);
  await expect(driver.h1()).toHaveText(question);

  // Staff resolve it: the banner goes, and the normal timeout starts from its beginning, not at its end.
  await staff.call('POST', `/help/${requestId}/resolve`);
  await expect(banner).toBeHidden();
  const warning = page.getByRole('alertdialog', { name: driver.t('idle.title') });
  await expect(warning).toBeHidden();
  await expect(driver.h1()).toHaveText(question);
  expect(await warningSeen()).toBe(false);
  // Then, with nobody there, the warning and the end as always.
  await expect(warning).toBeVisible({ timeout: (TIMEOUT_S + 5) * 1000 });
  await expect(page.getByText(driver.t('notice.idleEnded'))).toBeVisible({ timeout: (WARNING_S + 5) * 1000 });
  await expect.poll(async () => staff.call<unknown[]>('GET', '/queue')).toEqual([]);
});
