import { expectNoAxeViolations } from './support/a11y';
import { expect, test } from './support/fixtures';
import { HubAdmin, HUB_ADMIN, startHub, type HubProcess } from './support/hub-process';
import { DESK_OFFICE_ID } from '../../contract/office-keys';
import { KioskDriver } from './support/journey-driver';
import { officeText } from './support/office-data';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { loadService, svcText } from './support/service-data';
import { snap } from './support/snap';

/**
 * What only the kiosk decides about staff help, against the real hub (dist/node/hub.mjs): the offer
 * of help when a resident is stuck, and the desk hint when the hub is gone. The whole two-browser
 * flow with the console is tests/e2e/help-desk.spec.ts. Needs `node build/build.mjs`.
 */

// 90 s: the ceiling for a loaded CI machine; normally far less.
test.describe.configure({ timeout: 90_000 });

const service = loadService('meldebescheinigung');
const kindStep = service.definition.journey.steps[0]!;

let hub: HubProcess;
let kiosk: KioskHandle | undefined;
test.beforeEach(async () => {
  hub = await startHub();
  const admin = await HubAdmin.login(hub, HUB_ADMIN);
  const { enrolmentCode } = await admin.createTerminal('Rathaus Foyer', 'Erdgeschoss');
  kiosk = await startKiosk({ hub: { url: hub.url, enrolmentCode } });
  // The kiosk enrols and connects in the background; the test starts once the hub sees it online.
  await expect
    .poll(
      async () => (await admin.call<{ online: boolean }[]>('GET', '/terminals')).some((terminal) => terminal.online),
      {
        timeout: 30_000,
      },
    )
    .toBe(true);
});
test.afterEach(async () => {
  await kiosk?.dispose();
  kiosk = undefined;
  await hub.dispose();
});

test('stuck: help offered once per step after repeated errors; hub gone: help points to the desk', async ({ page }) => {
  const driver = new KioskDriver(page, { audit: false });
  await driver.openStart(kiosk!.url);
  await driver.chooseService(service);
  await expect(driver.h1()).toHaveText(svcText(service, 'de', kindStep.titleKey));

  // After three refused "Weiter" the kiosk offers help by itself, once per step.
  const next = driver.button(driver.t('nav.continue'));
  const offer = page.getByRole('region', { name: driver.t('assist.offer.title') });
  const errorSummary = page.locator('.error-summary');
  for (let attempt = 1; attempt <= 3; attempt++) {
    await expect(offer).toBeHidden();
    await driver.activate(next);
    await expect(errorSummary).toBeVisible();
  }
  await expect(offer).toContainText(driver.t('assist.offer.text'));
  await expectNoAxeViolations(page, 'stuck offer');
  await snap(page, 'stuck-offer');
  await driver.activate(offer.getByRole('button', { name: driver.t('assist.offer.no') }));
  await expect(offer).toBeHidden();
  await driver.activate(next);
  await expect(errorSummary).toBeVisible();
  await expect(offer).toBeHidden();
  // Declining sent nothing: the hub's queue is empty.
  const admin = await HubAdmin.login(hub, HUB_ADMIN);
  expect(await admin.call('GET', '/queue')).toEqual([]);

  // The hub goes away: the kiosk keeps working, and help points to the desk and the step-free entrance.
  await hub.kill9();
  await driver.activate(driver.button(driver.t('header.help')));
  const helpDialog = page.getByRole('dialog');
  await expect(helpDialog.getByText(driver.t('assist.unavailable'))).toBeVisible();
  await expect(helpDialog.getByText(officeText('de', DESK_OFFICE_ID, 'access'))).toBeVisible();
  await expectNoAxeViolations(page, 'help hub unavailable');
  await snap(page, 'help-unavailable');
  await driver.activate(helpDialog.getByRole('button', { name: driver.t('help.close') }));
  await driver.answerStep(service, kindStep);
  await expect(driver.h1()).not.toHaveText(svcText(service, 'de', kindStep.titleKey));
});
