import type { Locator, Page } from '@playwright/test';

const MAX_TABS = 120;

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/**
 * Moves focus with Tab only (Shift+Tab when `backwards`) until `locator` holds it,
 * as a keyboard user would. Fails if the element is not in the tab order.
 */
export async function tabTo(page: Page, locator: Locator, backwards = false): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  for (let i = 0; i < MAX_TABS; i++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`not reachable with ${backwards ? 'Shift+Tab' : 'Tab'}: ${locator.toString()}`);
}

/** Tab to a radio group, then arrow keys to the option, then Space. */
export async function chooseRadioByKeyboard(page: Page, radio: Locator): Promise<void> {
  await radio.waitFor({ state: 'attached' });
  const groupName = await radio.evaluate((el) => (el as HTMLInputElement).name);
  for (let i = 0; i < MAX_TABS; i++) {
    const inGroup = await page.evaluate((name) => {
      const active = document.activeElement as HTMLInputElement | null;
      return !!active && active.type === 'radio' && active.name === name;
    }, groupName);
    if (inGroup) break;
    await page.keyboard.press('Tab');
  }
  const count = await page.locator(`input[type=radio][name="${groupName}"]`).count();
  for (let i = 0; i <= count; i++) {
    if (await isFocused(radio)) break;
    await page.keyboard.press('ArrowDown');
  }
  if (!(await isFocused(radio))) throw new Error(`arrow keys did not reach ${radio.toString()}`);
  await page.keyboard.press('Space');
}
