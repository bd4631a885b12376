import { makeCanary, scanForCanary } from './support/canary-scan';
import { countRows } from './support/db-inspect';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { loadService, startsWith, svcText } from './support/service-data';

/**
 * DESIGN §2 durability: every answer is committed as it is given, so a kill -9
 * loses nothing; and a session whose idle window passed while the kiosk was
 * down is wiped at start-up, never resumed.
 */

// axe + a screenshot on every screen, on a shared 2-CPU runner: whole journeys need more than the default.
test.describe.configure({ timeout: 180_000 });

const service = loadService('meldebescheinigung');
const steps = service.definition.journey.steps;
const title = (id: string) => svcText(service, 'de', steps.find((s) => s.id === id)!.titleKey);

/** Answers questions (family name = canary) until `stopAt` is on screen. */
async function answerUntil(driver: KioskDriver, url: string, stopAt: string, canary: string) {
  await driver.openStart(url);
  await driver.chooseService(service);
  for (let guard = 0; guard < 20; guard++) {
    const current = await driver.currentStep(service);
    if (!current) throw new Error('left the journey');
    if (current.id === stopAt) return;
    await driver.answerStep(service, current, { familyName: canary });
  }
  throw new Error(`${stopAt} not reached`);
}

test('kill -9 mid-journey: after restart the same question and all answers are back', async ({ page, kiosk }) => {
  const canary = makeCanary();
  const driver = new KioskDriver(page, { auditWalk: false });
  await answerUntil(driver, kiosk.url, 'date-of-birth', canary);

  await kiosk.kill9();
  await kiosk.restart({ samePort: true });
  await page.reload();

  await expect(driver.h1()).toHaveText(title('date-of-birth'));
  await driver.screen('resumed');
  await driver.activate(driver.button(driver.t('nav.back')));
  await expect(driver.h1()).toHaveText(title('given-names'));
  await expect(page.getByRole('textbox', { name: startsWith(title('given-names')) })).toHaveValue('Anna Maria');
  await driver.activate(driver.button(driver.t('nav.back')));
  await expect(driver.h1()).toHaveText(title('family-name'));
  await expect(page.getByRole('textbox', { name: startsWith(title('family-name')) })).toHaveValue(canary);

  await driver.walkToCheck(service, { familyName: canary });
  await expect(page.getByRole('main')).toContainText(canary);
  await driver.submit();
  await driver.finish();
  await kiosk.stop();
  expect(scanForCanary(kiosk.dataDir, canary).hits).toEqual([]);
  expect(countRows(kiosk.dataDir, ['outbox', 'sessions', 'drafts'])).toMatchObject({
    outbox: 1,
    drafts: 0,
  });
});

test.describe('idle window passed while down', () => {
  // Long enough that a slow step on a loaded machine never meets the idle warning (a modal) on the way.
  const IDLE_S = 10;
  test.use({ kioskOptions: { idleTimeoutS: IDLE_S, idleWarningS: 3 } });

  test('kill -9, wait past the idle window, restart: start screen and nothing left', async ({ page, kiosk }) => {
    const canary = makeCanary();
    const driver = new KioskDriver(page, { auditWalk: false });
    await answerUntil(driver, kiosk.url, 'given-names', canary);

    await kiosk.kill9();
    // Let the idle window pass while no kiosk runs (the core must wipe on start-up, not resume).
    await page.waitForTimeout((IDLE_S + 2) * 1000);
    await kiosk.restart({ samePort: true });
    await page.reload();

    await expect(driver.h1()).toHaveText(driver.t('start.title'));
    await driver.screen('start-after-expired-crash');
    await kiosk.stop();
    expect(scanForCanary(kiosk.dataDir, canary).hits).toEqual([]);
    expect(countRows(kiosk.dataDir, ['sessions', 'drafts'])).toEqual({ sessions: 0, drafts: 0 });
  });
});
