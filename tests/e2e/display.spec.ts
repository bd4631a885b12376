import type { Locator, Page } from '@playwright/test';
import { checkA11y } from './support/a11y';
import {
  CONTRASTS,
  TEXT_SIZES,
  VIEWPORTS,
  auditDisplay,
  currentDisplay,
  expectFocusAboveSpeechBar,
  expectNoHorizontalScroll,
  setDisplay,
  type ViewportName,
} from './support/display';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { tabTo } from './support/keyboard';
import {
  expectFieldAboveKeyboard,
  keyboardKey,
  onScreenKeyboard,
  openKeyboardFor,
  tapNextField,
  tapText,
} from './support/onscreen-keyboard';
import { loadService, startsWith, svcText, type LoadedService } from './support/service-data';
import { snap } from './support/snap';

/**
 * Issue 4, reading and operating: text sizes up to 200 % and a high-contrast theme that reflow
 * without sideways scrolling, keep big targets and 7:1 text, and pass axe; and the kiosk's own
 * keyboard, typing by touch into the real fields until the check page shows the answers.
 * Kept small for CI: the full screen × language × theme × size matrix builds on support/display.ts.
 */

test.describe.configure({ timeout: 120_000 });
test.use({ hasTouch: true, viewport: VIEWPORTS.portrait });

const service = loadService('meldebescheinigung');

function inputOf(page: Page, service: LoadedService, stepId: string, fieldName?: string): Locator {
  const step = service.definition.journey.steps.find((candidate) => candidate.id === stepId)!;
  const field = fieldName ? step.fields.find((candidate) => candidate.name === fieldName)! : step.fields[0]!;
  const label = svcText(service, 'de', field.labelKey ?? step.titleKey);
  return page.getByRole('textbox', { name: startsWith(label) });
}

async function screenshotBoth(
  page: Page,
  name: string,
  check: (viewport: ViewportName) => Promise<void>,
  options: { fullPage?: boolean } = {},
) {
  for (const viewport of ['portrait', 'landscape'] as const) {
    await page.setViewportSize(VIEWPORTS[viewport]);
    await check(viewport);
    await snap(page, `${name}-${viewport}`, options);
  }
  await page.setViewportSize(VIEWPORTS.portrait);
}

test('every text size and high contrast: reflow, targets, 7:1 text, axe; reset for the next resident', async ({
  page,
  kiosk,
}) => {
  const driver = new KioskDriver(page, { mode: 'touch', audit: false });
  const primary = driver.primaryActions();
  await driver.openStart(kiosk.url);

  // Start screen: all six settings; axe on the first and the most demanding.
  for (const contrast of CONTRASTS) {
    for (const textSize of TEXT_SIZES) {
      await setDisplay(page, { textSize, contrast }, { mode: 'touch' });
      const demanding = textSize === 'xlarge' && contrast === 'high';
      await auditDisplay(page, `start ${textSize} ${contrast}`, {
        primaryNames: primary,
        axe: demanding || (textSize === 'normal' && contrast === 'normal'),
      });
    }
  }
  expect((await currentDisplay(page)).rootPx).toBe(48);
  // The dialog itself at 200 % in high contrast.
  await page.getByRole('button', { name: driver.t('display.button'), exact: true }).tap();
  const dialog = page.getByRole('dialog', { name: driver.t('display.dialogTitle') });
  await expect(dialog).toBeVisible();
  await auditDisplay(page, 'display dialog 200 % high contrast');
  await snap(page, 'display-dialog-200-high-contrast', { fullPage: false });
  await dialog.getByRole('button', { name: driver.t('display.close'), exact: true }).tap();
  await expect(dialog).toBeHidden();
  await screenshotBoth(page, 'start-200-high-contrast', (viewport) =>
    expectNoHorizontalScroll(page, `start ${viewport}`),
  );

  // The settings stay through the session; a question page with the keyboard open.
  await driver.chooseService(service);
  await driver.walkToStep(service, 'family-name');
  await auditDisplay(page, 'question 200 % high contrast', { primaryNames: primary });
  const familyName = inputOf(page, service, 'family-name');
  await openKeyboardFor(page, familyName);
  await expectFieldAboveKeyboard(page, familyName);
  await auditDisplay(page, 'question with keyboard 200 % high contrast', { primaryNames: primary });
  await screenshotBoth(
    page,
    'question-keyboard-200-high-contrast',
    async (viewport) => {
      await expect(onScreenKeyboard(page)).toBeVisible();
      await expectFieldAboveKeyboard(page, familyName);
      await expectNoHorizontalScroll(page, `question with keyboard ${viewport}`);
    },
    { fullPage: false },
  );

  await driver.walkToCheck(service);
  await auditDisplay(page, 'check 200 % high contrast', { primaryNames: primary });
  await screenshotBoth(page, 'check-200-high-contrast', async (viewport) => {
    await expectNoHorizontalScroll(page, `check ${viewport}`);
    // Turned to landscape, the bar takes a third of the height: the focused heading stays above it.
    await expectFocusAboveSpeechBar(page, `check ${viewport}`);
  });
  // Arriving on the page in landscape: it starts at the top, but not with its heading under the bar.
  await page.setViewportSize(VIEWPORTS.landscape);
  await driver.activate(driver.button(driver.t('nav.back')));
  await expect(driver.h1()).not.toHaveText(driver.t('check.title'));
  await driver.continue();
  await expect(page.getByRole('heading', { level: 1, name: driver.t('check.title') })).toBeFocused();
  await expectFocusAboveSpeechBar(page, 'check, arrived in landscape');
  await snap(page, 'check-200-high-contrast-landscape-as-seen', { fullPage: false });
  await page.setViewportSize(VIEWPORTS.portrait);

  // "Beenden": the next resident gets the normal display again.
  await driver.endSession();
  expect(await currentDisplay(page)).toEqual({ textSize: 'normal', contrast: 'normal', rootPx: 24 });
});

test('on-screen keyboard: German letters by touch, number pad for date and postcode, up to the check page', async ({
  page,
  kiosk,
}) => {
  const driver = new KioskDriver(page, { mode: 'touch', audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseService(service);
  await driver.walkToStep(service, 'family-name');

  // Focus by the Tab key opens nothing: a keyboard user types on the physical keyboard.
  const familyName = inputOf(page, service, 'family-name');
  await tabTo(page, familyName);
  await expect(onScreenKeyboard(page)).toHaveCount(0);

  // By touch it opens, in German, and the field stays in sight above it.
  await openKeyboardFor(page, familyName);
  await expectFieldAboveKeyboard(page, familyName);
  // A name begins with a capital (issue 14): Shift is on at the start of the field.
  for (const letter of ['Ä', 'Ö', 'Ü', 'ß', 'Z']) await expect(keyboardKey(page, letter)).toBeVisible();
  // Physical keys keep working while it is open, and its "Löschen" deletes.
  await page.keyboard.type('x');
  await expect(familyName).toHaveValue('x');
  await keyboardKey(page, driver.t('keyboard.backspace')).tap();
  await expect(familyName).toHaveValue('');
  await tapText(page, 'Süß');
  await expect(familyName).toHaveValue('Süß');
  // Hidden and shown again with a button.
  await keyboardKey(page, driver.t('keyboard.hide')).tap();
  await expect(onScreenKeyboard(page)).toHaveCount(0);
  await page.getByRole('button', { name: driver.t('keyboard.show'), exact: true }).tap();
  await expect(onScreenKeyboard(page)).toBeVisible();
  await driver.continue();

  const givenNames = inputOf(page, service, 'given-names');
  await openKeyboardFor(page, givenNames);
  await tapText(page, 'Jürgen');
  await driver.continue();

  // Date of birth: the number pad; two digits in Tag move on to Monat by themselves (issue 14), and
  // "Nächstes Feld" goes on from a one-digit month to Jahr.
  const day = page.getByRole('textbox', { name: startsWith(driver.t('field.day')) });
  await openKeyboardFor(page, day);
  await expect(keyboardKey(page, 'a')).toHaveCount(0);
  await tapText(page, '27');
  await expect(page.getByRole('textbox', { name: startsWith(driver.t('field.month')) })).toBeFocused();
  await tapText(page, '3');
  await tapNextField(page);
  await expect(page.getByRole('textbox', { name: startsWith(driver.t('field.year')) })).toBeFocused();
  await tapText(page, '1958');
  await checkA11y(page, 'date with number pad');
  await driver.continue();

  // Address: letters with ö and ß, the postcode on the number pad.
  const street = inputOf(page, service, 'address', 'street');
  await openKeyboardFor(page, street);
  await tapText(page, 'Hökerstraße');
  await tapNextField(page);
  await tapText(page, '14');
  await tapNextField(page);
  const postcode = inputOf(page, service, 'address', 'postcode');
  await expect(postcode).toBeFocused();
  await expectFieldAboveKeyboard(page, postcode);
  await tapText(page, '21682');
  await tapNextField(page);
  await tapText(page, 'Stade');
  await driver.continue();

  await driver.walkToCheck(service);
  const main = page.getByRole('main');
  for (const text of ['Süß', 'Jürgen', 'Hökerstraße', '21682', 'Stade']) await expect(main).toContainText(text);
  await expect(main).toContainText(/27\.0?3\.1958/);
});
