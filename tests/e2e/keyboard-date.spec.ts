import type { Locator, Page } from '@playwright/test';
import { checkA11y } from './support/a11y';
import { VIEWPORTS } from './support/display';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import {
  expectFieldAboveKeyboard,
  keyboardKey,
  onScreenKeyboard,
  openKeyboardFor,
  tapText,
} from './support/onscreen-keyboard';
import { expectAbove, expectOnScreen } from './support/reach';
import { loadService, startsWith, svcText, ui, type Lang, type LoadedService } from './support/service-data';
import { snap } from './support/snap';

/**
 * Issue 14, items 12–14: a kinder on-screen keyboard (a capital first in names and addresses, Shift and
 * Delete named in words, "Alles löschen", "Weiter", the cursor at the end after a tap, never covering
 * "Weiter" in landscape), Latin letters for names and addresses in every language with a clear error
 * for other letters, and a date input that takes 27031958 and 27.03.1958 and marks only the wrong part.
 */

test.describe.configure({ timeout: 240_000 });
test.use({ hasTouch: true, viewport: VIEWPORTS.portrait });

const melde = loadService('meldebescheinigung');
const maengel = loadService('maengel-melden');

function inputOf(page: Page, service: LoadedService, stepId: string, fieldName?: string, lang: Lang = 'de'): Locator {
  const step = service.definition.journey.steps.find((candidate) => candidate.id === stepId)!;
  const field = fieldName ? step.fields.find((candidate) => candidate.name === fieldName)! : step.fields[0]!;
  const label = svcText(service, lang, field.labelKey ?? step.titleKey);
  return page.getByRole('textbox', { name: startsWith(label) });
}

async function caret(field: Locator): Promise<{ start: number | null; length: number }> {
  return field.evaluate((input: HTMLInputElement) => ({ start: input.selectionStart, length: input.value.length }));
}

test('on-screen keyboard: capital first, Shift and Delete named, Alles löschen, Weiter, cursor at the end, Weiter never covered in landscape', async ({
  page,
  kiosk,
}) => {
  const driver = new KioskDriver(page, { mode: 'touch', audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseService(melde);
  await driver.walkToStep(melde, 'family-name');
  const familyName = inputOf(page, melde, 'family-name');
  await openKeyboardFor(page, familyName);

  // A name starts with a capital: Shift is on by itself, and off again after the first letter.
  const shift = keyboardKey(page, driver.t('keyboard.shift'));
  await expect(shift).toHaveAttribute('aria-pressed', 'true');
  await expect(keyboardKey(page, 'M')).toBeVisible();
  await keyboardKey(page, 'M').tap();
  await expect(shift).toHaveAttribute('aria-pressed', 'false');
  await tapText(page, 'üller');
  await expect(familyName).toHaveValue('Müller');

  // Shift and Delete say what they are in words, not by a symbol alone.
  await expect(shift).toContainText(driver.t('keyboard.shift'));
  await expect(shift.locator('.osk__key-name')).toBeVisible();
  const backspace = keyboardKey(page, driver.t('keyboard.backspace'));
  await expect(backspace).toContainText(driver.t('keyboard.backspace'));
  await expect(backspace.locator('.osk__key-name')).toBeVisible();
  await snap(page, 'keyboard-name-portrait', { fullPage: false });

  // A tap near the start of the field still puts the cursor at the end; the arrow keys move it.
  const box = (await familyName.boundingBox())!;
  await familyName.tap({ position: { x: 12, y: box.height / 2 } });
  expect(await caret(familyName)).toEqual({ start: 6, length: 6 });
  await keyboardKey(page, driver.t('entry.cursorLeft')).tap();
  await keyboardKey(page, driver.t('entry.cursorLeft')).tap();
  expect(await caret(familyName)).toEqual({ start: 4, length: 6 });
  await keyboardKey(page, 'x').tap();
  await expect(familyName).toHaveValue('Müllxer');
  await backspace.tap();
  await expect(familyName).toHaveValue('Müller');
  await keyboardKey(page, driver.t('entry.cursorRight')).tap();
  expect(await caret(familyName)).toEqual({ start: 5, length: 6 });

  // "Alles löschen" empties the field, and the next letter is a capital again.
  await keyboardKey(page, driver.t('entry.keyClear')).tap();
  await expect(familyName).toHaveValue('');
  await expect(shift).toHaveAttribute('aria-pressed', 'true');
  await tapText(page, 'Meyer');
  await expect(familyName).toHaveValue('Meyer');
  await checkA11y(page, 'keyboard open on a name', [driver.t('nav.continue')]);

  // "Weiter" on the keyboard sends the page like the page's own button.
  await keyboardKey(page, driver.t('entry.keyContinueName', { name: driver.t('nav.continue') })).tap();
  await expect(driver.h1()).toHaveText(startsWith(svcText(melde, 'de', 'steps.given-names.title')));

  // Landscape, on the longest page: the keyboard never covers "Weiter", nor the field.
  await driver.answerStep(melde, (await driver.currentStep(melde))!);
  await driver.walkToStep(melde, 'address');
  await page.setViewportSize(VIEWPORTS.landscape);
  const street = inputOf(page, melde, 'address', 'street');
  const keyboard = await openKeyboardFor(page, street);
  const town = inputOf(page, melde, 'address', 'town');
  for (const field of [street, town]) {
    await field.evaluate((el) => el.scrollIntoView({ block: 'nearest', behavior: 'instant' }));
    await field.tap();
    await expect(field).toBeFocused();
    await expect(keyboard).toBeVisible();
    await expectFieldAboveKeyboard(page, field);
    await expectAbove(field, page.locator('.dock'), 'focused field above the dock');
    const next = driver.button(driver.t('nav.continue'));
    await expectOnScreen(page, next, 'landscape: Weiter with the keyboard open');
    await expectAbove(next, keyboard, 'landscape: Weiter above the keyboard');
  }
  // Towns begin with a capital too.
  await expect(keyboardKey(page, driver.t('keyboard.shift'))).toHaveAttribute('aria-pressed', 'true');
  await snap(page, 'keyboard-address-landscape', { fullPage: false });
  await checkA11y(page, 'keyboard open in landscape', [driver.t('nav.continue')]);
});

test('names and addresses in Latin letters in every language, with the hint and a clear error; free text in any script', async ({
  page,
  kiosk,
}) => {
  const driver = new KioskDriver(page, { mode: 'touch', audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseLanguage('ru');
  await driver.chooseService(melde);
  await driver.walkToStep(melde, 'family-name');
  const familyName = inputOf(page, melde, 'family-name', undefined, 'ru');
  await expect(familyName).toHaveAccessibleDescription(new RegExp(ui('ru', 'entry.latinHint')));
  // The keyboard opens with Latin letters, not Cyrillic ones, in a Russian session.
  await openKeyboardFor(page, familyName, { lang: 'ru' });
  await expect(onScreenKeyboard(page, 'ru').locator('.osk__keys')).toHaveAttribute('data-layout', 'en');
  // (Shift is on: a name begins with a capital.)
  await expect(keyboardKey(page, 'A', 'ru')).toHaveCount(1);
  await expect(keyboardKey(page, 'Ж', 'ru')).toHaveCount(0);
  // Cyrillic letters typed on a physical keyboard: the core refuses them, in Russian, at the field.
  await page.keyboard.type('Иванова');
  await driver.activate(driver.button(driver.t('nav.continue')));
  const message = ui('ru', 'errors.field.not_latin');
  await expect(page.getByRole('alert')).toContainText(message);
  await expect(familyName).toHaveAttribute('aria-invalid', 'true');
  await expect(familyName).toHaveAccessibleDescription(new RegExp(message));
  await snap(page, 'latin-error-ru');
  await checkA11y(page, 'not Latin error (ru)', [driver.t('nav.continue')]);
  await familyName.fill('Ivanova');
  await driver.continue();
  await expect(driver.h1()).toHaveText(startsWith(svcText(melde, 'ru', 'steps.given-names.title')));
  await driver.endSession();

  // Free text: any script, and the resident is told who reads it.
  await driver.chooseLanguage('ru');
  await driver.chooseService(maengel);
  await driver.walkToStep(maengel, 'description');
  const description = page.getByRole('textbox', {
    name: startsWith(svcText(maengel, 'ru', 'steps.description.title')),
  });
  await expect(description).toHaveAccessibleDescription(new RegExp(ui('ru', 'entry.freeTextHint')));
  await description.fill('Фонарь у дома не горит уже три дня.');
  await checkA11y(page, 'free text (ru)', [driver.t('nav.continue')]);
  await driver.continue();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(driver.h1()).not.toHaveText(startsWith(svcText(maengel, 'ru', 'steps.description.title')));
});

test('date: 27031958 and 27.03.1958 fill the three fields, Tag moves on after two digits, a two-digit year marks only Jahr', async ({
  page,
  kiosk,
}) => {
  const driver = new KioskDriver(page, { mode: 'touch', audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseService(melde);
  await driver.walkToStep(melde, 'date-of-birth');
  const part = (key: string) => page.getByRole('textbox', { name: startsWith(driver.t(key)) });
  const [day, month, year] = [part('field.day'), part('field.month'), part('field.year')];
  await expect(page.getByText(svcText(melde, 'de', 'steps.date-of-birth.hint'))).toBeVisible();
  expect(svcText(melde, 'de', 'steps.date-of-birth.hint')).toBe('Zum Beispiel 27 03 1958');

  // By touch, digit by digit: after two digits the cursor goes on by itself.
  await openKeyboardFor(page, day);
  await tapText(page, '27');
  await expect(month).toBeFocused();
  await tapText(page, '03');
  await expect(year).toBeFocused();
  await tapText(page, '58');
  await driver.activate(driver.button(driver.t('nav.continue')));
  const message = driver.t('errors.field.date_year_digits');
  await expect(page.getByRole('alert')).toContainText(message);
  // Only Jahr turns red.
  await expect(year).toHaveAttribute('aria-invalid', 'true');
  await expect(day).not.toHaveAttribute('aria-invalid', 'true');
  await expect(month).not.toHaveAttribute('aria-invalid', 'true');
  await snap(page, 'date-two-digit-year', { fullPage: false });
  await checkA11y(page, 'date error: two-digit year', [driver.t('nav.continue')]);

  // A whole date typed into Tag, with or without dots, fills all three.
  for (const typed of ['27031958', '27.03.1958']) {
    for (const field of [day, month, year]) await field.fill('');
    await day.focus();
    await page.keyboard.insertText(typed);
    await expect(day).toHaveValue('27');
    await expect(month).toHaveValue('03');
    await expect(year).toHaveValue('1958');
  }
  await driver.continue();
  await expect(driver.h1()).not.toHaveText(startsWith(svcText(melde, 'de', 'steps.date-of-birth.title')));
});
