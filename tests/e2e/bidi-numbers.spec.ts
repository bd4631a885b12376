import type { Locator } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { loadService, svcText } from './support/service-data';
import { snap } from './support/snap';

/**
 * Issue 4, right-to-left: in Arabic a phone number such as "04141 123456" in a hint keeps its
 * digit groups in their order. Checked on the rendered text: the screen position of each digit,
 * taken from a DOM Range, must run left to right in the order the number is written.
 */

const service = loadService('sperrmuell');
test.use({ viewport: { width: 1080, height: 1920 } });

/** The left edge of each character of `text` (spaces left out) inside `element`, in logical order. */
async function characterLefts(element: Locator, text: string): Promise<number[]> {
  return element.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const start = node.textContent!.indexOf(wanted);
      if (start === -1) continue;
      const lefts: number[] = [];
      for (let index = start; index < start + wanted.length; index++) {
        if (wanted[index - start] === ' ') continue;
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        lefts.push(range.getBoundingClientRect().left);
      }
      return lefts;
    }
    throw new Error(`"${wanted}" not found in one text node`);
  }, text);
}

test('phone numbers in Arabic hints keep their digit order', async ({ page, kiosk }) => {
  test.setTimeout(90_000);
  const driver = new KioskDriver(page, { audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseLanguage('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await driver.chooseService(service);
  await driver.walkToStep(service, 'phone');

  const hint = page.getByRole('main').getByText(/04141/).first();
  await expect(hint).toBeVisible();
  for (const number of ['04141 123456', '0170 1234567']) {
    const lefts = await characterLefts(hint, number);
    expect(lefts).toHaveLength(number.replace(/ /g, '').length);
    // Strictly left to right: the first group stays left of the second.
    expect(lefts, number).toEqual([...lefts].sort((a, b) => a - b));
    expect(new Set(lefts).size).toBe(lefts.length);
  }
  // The sentence itself still runs right to left: its first word ("for example") is right of the number.
  const firstWord = svcText(service, 'ar', 'steps.phone.hint').split(' ')[0]!;
  const [wordLeft] = await characterLefts(hint, firstWord);
  const [numberLeft] = await characterLefts(hint, '04141 123456');
  expect(wordLeft!).toBeGreaterThan(numberLeft!);
  await snap(page, 'ar-phone-hint');
});
