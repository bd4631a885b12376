import type { Locator } from '@playwright/test';
import { checkA11y } from './support/a11y';
import { VIEWPORTS } from './support/display';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { platformFonts } from './support/platform-fonts';
import { loadService } from './support/service-data';
import { snap } from './support/snap';

/**
 * Issue 14, item 17: the town's name and coat of arms (resources/branding/, a placeholder until the town's
 * own) with the emergency numbers on the start screen; even language buttons, "Leichte Sprache" on one
 * line, one weight for every script; amounts without the font's slashed zero; the receipt message says
 * where the printer is.
 */

test.describe.configure({ timeout: 240_000 });
test.use({ viewport: VIEWPORTS.portrait });

/** The kiosk's print is stubbed: a test machine has no printer (as tests/e2e/receipt.spec.ts does). */
function stubPrint(): void {
  window.print = () => undefined;
}

test('start screen: town, coat of arms and emergency numbers; even language buttons in one weight', async ({
  page,
  kiosk,
}) => {
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  await driver.openStart(kiosk.url);
  const header = page.locator('.session-header');
  await expect(header).toContainText('Hansestadt Stade');
  const arms = header.locator('img.start-town__arms');
  await expect(arms).toBeVisible();
  expect(await arms.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
  // Decorative next to the name: no second announcement of the town.
  await expect(arms).toHaveAttribute('alt', '');
  const emergency = page.getByText(driver.t('town.emergency'));
  await expect(emergency).toBeVisible();
  await expect(emergency).toContainText('110');
  await expect(emergency).toContainText('112');

  for (const viewport of ['portrait', 'landscape'] as const) {
    await page.setViewportSize(VIEWPORTS[viewport]);
    const buttons = await page.locator('.language-list .language-button').evaluateAll((elements) =>
      elements.map((element) => {
        const rect = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return {
          name: element.textContent?.trim() ?? '',
          top: Math.round(rect.top),
          width: Math.round(rect.width),
          height: Math.round(rect.height),
          fits: element.scrollWidth <= element.clientWidth,
          weight: style.fontWeight,
        };
      }),
    );
    expect(buttons).toHaveLength(8);
    // Even: all the same size, and every row holds the same number of buttons.
    expect(new Set(buttons.map((button) => button.width)).size, `${viewport}: one width`).toBe(1);
    expect(new Set(buttons.map((button) => button.height)).size, `${viewport}: one height (no wrapped name)`).toBe(1);
    const perRow = [...new Set(buttons.map((button) => button.top))].map(
      (top) => buttons.filter((button) => button.top === top).length,
    );
    expect(new Set(perRow).size, `${viewport}: rows of ${perRow.join(', ')}`).toBe(1);
    expect(
      buttons.filter((button) => !button.fits).map((button) => button.name),
      `${viewport}: names fit`,
    ).toEqual([]);
    expect(new Set(buttons.map((button) => button.weight)).size, `${viewport}: one weight`).toBe(1);
    const lines = await page.getByRole('button', { name: 'Leichte Sprache', exact: true }).evaluate((button) => {
      const text = Array.from(button.childNodes).find((node) => node.nodeType === Node.TEXT_NODE)!;
      const range = document.createRange();
      range.selectNodeContents(text);
      const tops = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
      return tops.size;
    });
    expect(lines, `${viewport}: "Leichte Sprache" on one line`).toBe(1);
    await snap(page, `start-${viewport}`, { fullPage: false });
  }
  await page.setViewportSize(VIEWPORTS.portrait);
  await checkA11y(page, 'start with town and emergency numbers');
});

/** Every zero in the element's own text was drawn by the unslashed face, and nothing else was. */
async function expectUnslashedZeros(target: Locator, what: string): Promise<void> {
  const text = await target.evaluate((element) =>
    [...element.childNodes].map((node) => (node.nodeType === Node.TEXT_NODE ? node.textContent : '')).join(''),
  );
  const zeros = [...text].filter((char) => char === '0').length;
  expect(zeros, `${what}: has zeros to look at`).toBeGreaterThan(0);
  const fonts = await platformFonts(target);
  expect(fonts.find((font) => font.familyName === 'Kiosk Zeros')?.glyphCount, `${what}: ${JSON.stringify(fonts)}`).toBe(
    zeros,
  );
}

test('no slashed zero in amounts, phone numbers and emergency numbers; the receipt message says where the printer is', async ({
  page,
  kiosk,
}) => {
  await page.addInitScript(stubPrint);
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  await driver.openStart(kiosk.url);
  // The emergency numbers 110 and 112 on the start screen.
  await expectUnslashedZeros(page.locator('.emergency'), 'emergency numbers');
  const service = loadService('meldebescheinigung');
  await driver.chooseService(service);
  await driver.walkToCheck(service);
  // The check page's cost of this application.
  await expectUnslashedZeros(page.locator('.cost-summary .summary-list__value').first(), 'check page amount');
  await driver.submit();
  const amount = page.locator('.summary-list--plain .summary-list__value').filter({ hasText: '€' }).first();
  await expect(amount).toBeVisible();
  expect(await amount.evaluate((element) => getComputedStyle(element).fontVariantNumeric)).toBe('tabular-nums');
  await expectUnslashedZeros(amount, 'confirmation amount');
  // The office's phone number on the confirmation.
  const phone = page.getByRole('main').getByText(/04141/).first();
  await expectUnslashedZeros(phone, 'office phone');

  await driver.activate(driver.button(driver.t('receipt.print')));
  const status = page.getByRole('status').filter({ hasText: driver.t('receipt.offered') });
  // Making the first PDF loads the PDF code: on a busy test machine that takes a while.
  await expect(status).toBeVisible({ timeout: 30_000 });
  await expect(status).toContainText(driver.t('printerWhere.below'));
  await checkA11y(page, 'confirmation with the printer place', [driver.t('confirmation.done')]);
});
