import { makeCanary, scanForCanary } from './support/canary-scan';
import { countRows } from './support/db-inspect';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import type { KioskHandle } from './support/kiosk-process';
import { loadService, svcText, type LoadedService } from './support/service-data';

/**
 * DESIGN §5: a canary typed as the family name must not be found in any file of
 * the data directory (database, WAL, shm, key file, anything), in UTF-8 or
 * UTF-16, after the session ends by "Beenden", by the idle timeout, or by
 * sending the application. Nor in the kiosk's log output.
 */

// axe + a screenshot on every screen, on a shared 2-CPU runner: whole journeys need more than the default.
test.describe.configure({ timeout: 180_000 });

const service = loadService('meldebescheinigung');
const familyNameStep = service.definition.journey.steps.find((s) => s.fields.some((f) => f.name === 'familyName'))!;

/** Walks the journey up to and including the family-name question, answering it with the canary. */
async function typeCanary(driver: KioskDriver, url: string, canary: string, loaded: LoadedService = service) {
  await driver.openStart(url);
  await driver.chooseService(loaded);
  const title = svcText(loaded, 'de', familyNameStep.titleKey);
  for (let guard = 0; guard < 20; guard++) {
    const current = await driver.currentStep(loaded);
    if (!current) throw new Error('left the journey');
    await driver.answerStep(loaded, current, { familyName: canary });
    if (current.id === familyNameStep.id) return;
  }
  throw new Error(`never reached "${title}"`);
}

function expectNoCanary(kiosk: KioskHandle, canary: string) {
  const scan = scanForCanary(kiosk.dataDir, canary);
  expect(scan.filesScanned.length, 'files in the data dir').toBeGreaterThan(0);
  expect(scan.hits, `canary in ${scan.filesScanned.join(', ')}`).toEqual([]);
  expect(kiosk.output(), 'kiosk log output').not.toContain(canary);
}

test('after "Beenden": no trace of the canary on disk', async ({ page, kiosk }) => {
  const canary = makeCanary();
  const driver = new KioskDriver(page, { auditWalk: false });
  await typeCanary(driver, kiosk.url, canary);
  // Encrypted at rest even while the session is open.
  expect(scanForCanary(kiosk.dataDir, canary).hits).toEqual([]);
  await driver.endSession();
  // The screen is cleared first; the wipe in the core follows at once (the page does not wait for it).
  await expect.poll(() => countRows(kiosk.dataDir, ['sessions', 'drafts'])).toEqual({ sessions: 0, drafts: 0 });
  expectNoCanary(kiosk, canary);
  await kiosk.stop();
  expectNoCanary(kiosk, canary);
  expect(countRows(kiosk.dataDir, ['sessions', 'drafts'])).toEqual({ sessions: 0, drafts: 0 });
});

test.describe('idle timeout', () => {
  test.use({ kioskOptions: { idleTimeoutS: 6, idleWarningS: 3 } });

  test('after the idle timeout: warning, then wiped, attract screen back', async ({ page, kiosk }) => {
    const canary = makeCanary();
    const driver = new KioskDriver(page, { auditWalk: false });
    await typeCanary(driver, kiosk.url, canary);
    const warning = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await expect(warning).toBeVisible({ timeout: 10_000 });
    await expect(warning.getByRole('button', { name: driver.t('idle.continue'), exact: true })).toBeVisible();
    await driver.screen('idle-warning');
    // Nobody answers: the session ends and the start screen says why.
    await expect(driver.h1()).toHaveText(driver.t('start.title'), { timeout: 10_000 });
    await expect(page.getByText(driver.t('notice.idleEnded'))).toBeVisible();
    await driver.screen('start-after-idle');
    expectNoCanary(kiosk, canary);
    await kiosk.stop();
    expectNoCanary(kiosk, canary);
    expect(countRows(kiosk.dataDir, ['sessions', 'drafts'])).toEqual({ sessions: 0, drafts: 0 });
  });
});

test('after sending: no plaintext on disk, one encrypted outbox row', async ({ page, kiosk }) => {
  const canary = makeCanary();
  const driver = new KioskDriver(page, { auditWalk: false });
  await typeCanary(driver, kiosk.url, canary);
  await driver.walkToCheck(service, { familyName: canary });
  await expect(page.getByRole('main')).toContainText(canary);
  const reference = await driver.submit();
  // The confirmation shows no personal data, only the reference.
  await expect(page.getByRole('main')).not.toContainText(canary);
  await driver.finish();
  await kiosk.stop();
  expectNoCanary(kiosk, canary);
  const rows = countRows(kiosk.dataDir, ['outbox', 'drafts']);
  expect(rows).toEqual({ outbox: 1, drafts: 0 });
  expect(scanForCanary(kiosk.dataDir, reference).hits.length, 'reference kept for the outbox').toBeGreaterThan(0);
});
