import { LANGUAGES } from '../../contract';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { loadService, svcText, ui } from './support/service-data';
import { snap } from './support/snap';

/**
 * Eight languages: the language choice fits portrait and landscape terminals with
 * large text, Arabic mirrors the layout and completes a service, and switching the
 * language mid-journey keeps the answers.
 */

test.describe.configure({ timeout: 240_000 });

const LAYOUTS = [
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
];

for (const layout of LAYOUTS) {
  test(`start screen: 8 languages fit ${layout.name} with large text`, async ({ page, kiosk }) => {
    await page.setViewportSize(layout.viewport);
    await page.goto(kiosk.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui('de', 'start.title'));
    await snap(page, `start-${layout.name}`);
    // Large text: 200 % of the kiosk's base size (through the CSSOM: the CSP forbids inline style tags).
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '48px', 'important'));
    for (const { code, nativeName } of LANGUAGES) {
      const button = page.getByRole('button', { name: nativeName, exact: true });
      await expect(button, code).toBeVisible();
      await expect(button).toHaveAttribute('lang', code);
      const box = (await button.boundingBox())!;
      expect(box.x, code).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, code).toBeLessThanOrEqual(layout.viewport.width);
      expect(box.height, code).toBeGreaterThanOrEqual(44);
    }
    await snap(page, `start-${layout.name}-large-text`);
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
        .map((element) => `${element.tagName}.${element.className}`)
        .slice(0, 5),
    );
    expect(overflowing, 'elements beyond the right edge').toEqual([]);
  });
}

test('Arabic: right to left, Meldebescheinigung completed, receipt language named', async ({ page, kiosk }) => {
  const service = loadService('meldebescheinigung');
  const driver = new KioskDriver(page, { mode: 'pointer' });
  await driver.openStart(kiosk.url);
  await driver.chooseLanguage('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await driver.chooseService(service);
  await driver.walkToCheck(service);
  await driver.screen('check');
  // E-mail addresses and phone numbers keep their left-to-right order inside the right-to-left page.
  await expect(
    page.getByRole('definition').filter({ hasText: 'anna.meyer@beispiel.de' }).locator('bdi[dir=ltr]'),
  ).toHaveText('anna.meyer@beispiel.de');
  const reference = await driver.submit();
  await expect(page.getByRole('main')).toContainText(reference);
  await expect(page.getByRole('main')).toContainText(ui('ar', 'receipt.language', { language: 'English' }));
  await driver.screen('confirmation');
});

test('switching the language mid-journey keeps the answers', async ({ page, kiosk }) => {
  const service = loadService('meldebescheinigung');
  const driver = new KioskDriver(page, { mode: 'pointer', auditWalk: false });
  await driver.openStart(kiosk.url);
  await driver.chooseService(service);
  const [first, second] = service.definition.journey.steps;
  await driver.answerStep(service, first!);
  await expect(driver.h1()).toContainText(svcText(service, 'de', second!.titleKey));

  await page.getByRole('button', { name: ui('de', 'language.current', { name: 'Deutsch' }) }).click();
  await page.getByRole('button', { name: 'Polski', exact: true }).click();
  driver.lang = 'pl';
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await expect(driver.h1()).toContainText(svcText(service, 'pl', second!.titleKey));
  await snap(page, 'second-step-pl');

  await page.getByRole('button', { name: ui('pl', 'nav.back') }).click();
  await expect(driver.h1()).toContainText(svcText(service, 'pl', first!.titleKey));
  await expect(page.getByRole('radio', { checked: true })).toHaveCount(1);
  await snap(page, 'first-step-pl-answer-kept');
});
