import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/a11y';
import { makeCanary, scanForCanary } from './support/canary-scan';
import { expect, test } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub-test-server';
import { KioskDriver } from './support/journey-driver';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { loadService, svcText } from './support/service-data';
import { snap } from './support/snap';

/**
 * The kiosk's side of staff help (issue 5) against a protocol-level test hub on
 * 127.0.0.1 (tests/e2e/support/hub-test-server.ts): it stands in for the hub
 * being built in parallel; the integrator switches these tests to the real hub.
 * The hub's frames are sent here as staff actions at the console would cause them.
 */

test.describe.configure({ timeout: 90_000 });

const service = loadService('meldebescheinigung');
const steps = service.definition.journey.steps;
const kindStep = steps[0]!;
const kindField = kindStep.fields[0]!;
const firstKind = kindField.options![0]!;
const STAFF = 'Frau Meyer';

let hub: TestHub;
let kiosk: KioskHandle | undefined;
test.beforeEach(async () => {
  hub = await startTestHub();
});
test.afterEach(async () => {
  await kiosk?.dispose();
  kiosk = undefined;
  await hub.close();
});

async function openKiosk(page: Page): Promise<KioskDriver> {
  kiosk = await startKiosk({ hub: { url: hub.url, enrolmentCode: hub.enrolmentCode } });
  await hub.waitFor('hello');
  const driver = new KioskDriver(page, { audit: false });
  await driver.openStart(kiosk.url);
  return driver;
}

const speechPlays = async (page: Page) =>
  Number(await page.locator('[data-speech-plays]').getAttribute('data-speech-plays'));

test('help: request → accepted → consent → banner → guide → takeover → resident stops', async ({ page }) => {
  const driver = await openKiosk(page);
  await driver.chooseService(service);
  await expect(driver.h1()).toHaveText(svcText(service, 'de', kindStep.titleKey));

  // Stuck: after three refused "Weiter" the kiosk offers help by itself, once per step.
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

  // "Hilfe" → call someone.
  await driver.activate(driver.button(driver.t('header.help')));
  const helpDialog = page.getByRole('dialog');
  await driver.activate(helpDialog.getByRole('button', { name: driver.t('assist.call') }));
  const request = await hub.waitFor('help.request');
  expect(request.request).toMatchObject({ reason: 'button', activity: { serviceId: service.definition.id } });
  await expect(helpDialog.getByText(driver.t('assist.waitingTitle'))).toBeVisible();
  await expectNoAxeViolations(page, 'help waiting');
  await snap(page, 'help-waiting');

  // Accepted: who is coming, in the dialog and (after closing it) in the header.
  const requestId = request.request.requestId;
  hub.send({ type: 'help.accepted', requestId, staffName: STAFF });
  await expect(helpDialog.getByText(driver.t('assist.accepted', { name: STAFF }))).toBeVisible();
  await driver.activate(helpDialog.getByRole('button', { name: driver.t('help.close') }));
  await expect(page.locator('.help-status')).toHaveText(driver.t('assist.status.accepted', { name: STAFF }));

  // Consent: asked on screen and spoken; "Ja" starts the live view.
  const playsBefore = await speechPlays(page);
  hub.send({ type: 'consent.request', requestId, staffName: STAFF });
  const consent = page.getByRole('alertdialog', { name: driver.t('assist.consent.title', { name: STAFF }) });
  await expect(consent).toBeVisible();
  await expect.poll(() => speechPlays(page)).toBeGreaterThan(playsBefore);
  await expectNoAxeViolations(page, 'consent');
  await snap(page, 'consent');
  expect(hub.received.some((message) => message.type === 'live.snapshot')).toBe(false);
  await driver.activate(consent.getByRole('button', { name: driver.t('assist.consent.yes') }));
  const snapshot = await hub.waitFor('live.snapshot');
  expect(snapshot.snapshot.position).toMatchObject({ kind: 'step', stepId: kindStep.id });

  const banner = page.getByRole('region', { name: driver.t('assist.banner.label') });
  await expect(banner).toContainText(driver.t('assist.banner.viewing', { name: STAFF }));
  await expectNoAxeViolations(page, 'banner viewing');
  await snap(page, 'banner-viewing');

  // Guide: a ring around "Weiter", announced.
  hub.send({ type: 'guide.highlight', requestId, target: 'next' });
  await expect(next).toHaveClass(/guide-ring/);
  await expect(page.getByText(driver.t('assist.guide.announce', { control: driver.t('nav.continue') }))).toBeAttached();
  await snap(page, 'guide-highlight', { fullPage: false });

  // Takeover: staff answer the step; the resident sees the next step at once.
  hub.send({ type: 'takeover.start', requestId, staffName: STAFF });
  await expect(banner).toContainText(driver.t('assist.banner.takeover', { name: STAFF }));
  const commandId = '6f1c1c1e-2b7a-4d55-9c7e-1b2a3c4d5e6f';
  hub.send({
    type: 'takeover.answer',
    requestId,
    commandId,
    stepId: kindStep.id,
    values: { [kindField.name]: firstKind.value },
  });
  expect(await hub.waitFor('takeover.result', (message) => message.commandId === commandId)).toMatchObject({
    ok: true,
  });
  await expect(driver.h1()).toHaveText(svcText(service, 'de', steps[1]!.titleKey));
  await snap(page, 'takeover-next-step');

  // One tap ends it.
  await driver.activate(banner.getByRole('button', { name: driver.t('assist.banner.stop') }));
  await expect(banner).toBeHidden();
  expect(await hub.waitFor('live.stopped')).toMatchObject({ requestId, by: 'resident' });

  // The staff's answer is the resident's own now.
  await driver.activate(driver.button(driver.t('nav.back')));
  await expect(
    page.getByRole('radio', { name: svcText(service, 'de', firstKind.labelKey), exact: false }),
  ).toBeChecked();
});

test('continue at the desk: code and QR, the draft gone from the kiosk; then the hub goes away', async ({ page }) => {
  const driver = await openKiosk(page);
  const canary = makeCanary();
  await driver.chooseService(service);
  for (let guard = 0; guard < 20; guard++) {
    const current = await driver.currentStep(service);
    if (!current) throw new Error('left the journey');
    await driver.answerStep(service, current, { familyName: canary });
    if (current.fields.some((field) => field.name === 'familyName')) break;
  }

  await driver.activate(driver.button(driver.t('header.help')));
  const helpDialog = page.getByRole('dialog');
  await expectNoAxeViolations(page, 'help dialog with hub');
  await snap(page, 'help-dialog');
  await driver.activate(helpDialog.getByRole('button', { name: driver.t('assist.handover.button') }));

  await expect(driver.h1()).toHaveText(driver.t('assist.handover.title'));
  const code = (await page.locator('.handover-code').innerText()).trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  await expect(page.getByRole('img', { name: driver.t('assist.handover.qrLabel') })).toBeVisible();
  await expectNoAxeViolations(page, 'handover code');
  await snap(page, 'handover-code');

  // The hub has the draft (sealed for it, opened with its key); the kiosk has nothing left.
  expect(hub.handovers.get(code)).toMatchObject({ answers: { familyName: canary } });
  const scan = scanForCanary(kiosk!.dataDir, canary);
  expect(scan.filesScanned.length).toBeGreaterThan(0);
  expect(scan.hits).toEqual([]);
  expect(kiosk!.output()).not.toContain(canary);
  expect(kiosk!.output()).not.toContain(code);

  // "Code drucken" in browser mode: the slip PDF goes to the page's own print through the hidden frame
  // (print() stubbed in every frame: headless Chromium has no print dialog).
  await page.addInitScript(() => (window.print = () => undefined));
  await driver.activate(driver.button(driver.t('handoverSlip.print')));
  // The first PDF loads the receipt fonts (about a second, more on a busy machine).
  await expect(page.getByRole('status').filter({ hasText: driver.t('handoverSlip.offered') })).toBeVisible({
    timeout: 20_000,
  });
  expect(kiosk!.output()).not.toContain(code);

  await driver.activate(driver.button(driver.t('assist.handover.done')));
  await expect(driver.h1()).toHaveText(driver.t('start.title'));

  // The hub goes away: the kiosk keeps working, and help points to the desk and the step-free entrance.
  hub.down = true;
  hub.dropAll();
  await driver.chooseService(service);
  await driver.activate(driver.button(driver.t('header.help')));
  await expect(helpDialog.getByText(driver.t('assist.unavailable'))).toBeVisible();
  await expect(helpDialog.getByText(svcText(service, 'de', service.definition.office.accessKey!))).toBeVisible();
  await expectNoAxeViolations(page, 'help hub unavailable');
  await snap(page, 'help-unavailable');
});
