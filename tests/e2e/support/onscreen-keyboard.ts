import { expect, type Locator, type Page } from '@playwright/test';
import { ui, type Lang } from './service-data';

/**
 * Typing as a resident does on the kiosk's own keyboard: tap the field, tap key after key, found by
 * their accessible names (a letter is named by itself; Shift, Delete and Space by their names).
 */

export function onScreenKeyboard(page: Page, lang: Lang = 'de'): Locator {
  return page.getByRole('region', { name: ui(lang, 'keyboard.label'), exact: true });
}

export function keyboardKey(page: Page, name: string, lang: Lang = 'de'): Locator {
  return onScreenKeyboard(page, lang).getByRole('button', { name, exact: true });
}

/**
 * Scrolls a target out from under an open on-screen keyboard, as a resident would scroll: the page
 * keeps the keyboard's height free at its bottom (scroll-padding), so "nearest" lands above it.
 * Playwright's own scrolling sees the element as visible and would tap the keyboard instead.
 */
export async function scrollAboveKeyboard(target: Locator): Promise<void> {
  await target.evaluate((el) => el.scrollIntoView({ block: 'nearest', behavior: 'instant' }));
}

async function press(target: Locator, mode: 'touch' | 'pointer'): Promise<void> {
  await scrollAboveKeyboard(target);
  if (mode === 'touch') await target.tap();
  else await target.click();
}

/** Taps the field and waits for the keyboard. */
export async function openKeyboardFor(
  page: Page,
  field: Locator,
  options: { lang?: Lang; mode?: 'touch' | 'pointer' } = {},
): Promise<Locator> {
  await press(field, options.mode ?? 'touch');
  await expect(field).toBeFocused();
  const keyboard = onScreenKeyboard(page, options.lang);
  // The start screen's keyboard is a chunk loaded after the first paint: on a busy runner that takes seconds.
  await expect(keyboard).toBeVisible({ timeout: 20_000 });
  return keyboard;
}

/**
 * Taps `text` key by key into the focused field. A capital letter that has no key of its own is
 * typed with "Großbuchstaben" first (it holds for one letter, as on a phone).
 */
export async function tapText(
  page: Page,
  text: string,
  options: { lang?: Lang; mode?: 'touch' | 'pointer' } = {},
): Promise<void> {
  const lang = options.lang ?? 'de';
  const mode = options.mode ?? 'touch';
  for (const char of text) {
    if (char === ' ') {
      await press(keyboardKey(page, ui(lang, 'keyboard.space'), lang), mode);
      continue;
    }
    const key = keyboardKey(page, char, lang);
    if ((await key.count()) === 0) {
      const shift = keyboardKey(page, ui(lang, 'keyboard.shift'), lang);
      await press(shift, mode);
      await expect(shift).toHaveAttribute('aria-pressed', 'true');
    }
    await press(key, mode);
  }
}

/** "Nächstes Feld" on the keyboard: to the next text field of the form (Tag → Monat → Jahr). */
export async function tapNextField(page: Page, options: { lang?: Lang; mode?: 'touch' | 'pointer' } = {}) {
  const lang = options.lang ?? 'de';
  await press(keyboardKey(page, ui(lang, 'keyboard.nextField'), lang), options.mode ?? 'touch');
}

/** The keyboard never covers the focused field: the field ends above the keyboard's top edge. */
export async function expectFieldAboveKeyboard(page: Page, field: Locator, lang: Lang = 'de'): Promise<void> {
  // The page scrolls the field into sight in the frames after the keyboard opens: the check holds once that
  // has settled (within the usual 5 s), measured again on each try.
  await expect(async () => {
    const fieldBox = await field.boundingBox();
    const keyboardBox = await onScreenKeyboard(page, lang).boundingBox();
    expect(fieldBox, 'focused field on screen').not.toBeNull();
    expect(keyboardBox, 'keyboard on screen').not.toBeNull();
    expect(fieldBox!.y).toBeGreaterThanOrEqual(0);
    expect(fieldBox!.y + fieldBox!.height, 'field bottom above the keyboard').toBeLessThanOrEqual(keyboardBox!.y);
  }).toPass({ timeout: 5_000 });
}
