import { expect, type Locator, type Page } from '@playwright/test';
import { checkA11y } from './a11y';
import { expectTextContrast } from './contrast';
import { ui, type Lang } from './service-data';

/**
 * Display settings as a resident sets them ("Anzeige" → text size, contrast), and the checks that
 * every screen must pass at every setting: no sideways scrolling (WCAG 1.4.10), targets, 7:1 text,
 * axe. Exported for the full matrix (every screen × language × theme × size).
 */

export const TEXT_SIZES = ['normal', 'large', 'xlarge'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const CONTRASTS = ['normal', 'high'] as const;
export type Contrast = (typeof CONTRASTS)[number];

/** The two screens of the terminals in use. */
export const VIEWPORTS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

const SIZE_KEYS: Record<TextSize, string> = {
  normal: 'display.textSizeNormal',
  large: 'display.textSizeLarge',
  xlarge: 'display.textSizeXLarge',
};
const CONTRAST_KEYS: Record<Contrast, string> = {
  normal: 'display.contrastNormal',
  high: 'display.contrastHigh',
};
/** Root font size per level: 24 px, then 133 % and 200 %. */
export const ROOT_FONT_PX: Record<TextSize, number> = { normal: 24, large: 32, xlarge: 48 };

export interface DisplayChoice {
  textSize?: TextSize;
  contrast?: Contrast;
}

async function press(target: Locator, mode: 'touch' | 'pointer'): Promise<void> {
  if (mode === 'touch') await target.tap();
  else await target.click();
}

/** Opens "Anzeige", chooses, closes; checks the page took the setting. Works on every screen with a header. */
export async function setDisplay(
  page: Page,
  choice: DisplayChoice,
  options: { lang?: Lang; mode?: 'touch' | 'pointer' } = {},
): Promise<void> {
  const lang = options.lang ?? 'de';
  const mode = options.mode ?? 'pointer';
  await press(page.getByRole('button', { name: ui(lang, 'display.button'), exact: true }), mode);
  const dialog = page.getByRole('dialog', { name: ui(lang, 'display.dialogTitle') });
  await expect(dialog).toBeVisible();
  if (choice.textSize) {
    const option = dialog.getByRole('button', { name: ui(lang, SIZE_KEYS[choice.textSize]), exact: true });
    await press(option, mode);
    await expect(option).toHaveAttribute('aria-pressed', 'true');
  }
  if (choice.contrast) {
    const option = dialog.getByRole('button', { name: ui(lang, CONTRAST_KEYS[choice.contrast]), exact: true });
    await press(option, mode);
    await expect(option).toHaveAttribute('aria-pressed', 'true');
  }
  await press(dialog.getByRole('button', { name: ui(lang, 'display.close'), exact: true }), mode);
  await expect(dialog).toBeHidden();
  if (choice.textSize) await expect(page.locator('html')).toHaveAttribute('data-text-size', choice.textSize);
  if (choice.contrast) await expect(page.locator('html')).toHaveAttribute('data-contrast', choice.contrast);
}

/** What the page has on: read back from <html> and the root font size. */
export async function currentDisplay(page: Page): Promise<{ textSize: string; contrast: string; rootPx: number }> {
  return page.evaluate(() => ({
    textSize: document.documentElement.dataset.textSize ?? '',
    contrast: document.documentElement.dataset.contrast ?? '',
    rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
  }));
}

export interface OverflowReport {
  scrollWidth: number;
  viewportWidth: number;
  /** Elements that stick out of the viewport at the left or right (clipped content counts: it is lost). */
  offenders: string[];
}

/**
 * Reflow (WCAG 1.4.10): the page is no wider than the viewport, and no visible element sticks out of
 * it (body has overflow-x: hidden, so a too-wide element would be cut off rather than scroll).
 */
export async function measureHorizontalOverflow(page: Page): Promise<OverflowReport> {
  return page.evaluate(() => {
    const viewportWidth = document.documentElement.clientWidth;
    const offenders: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (el.closest('.visually-hidden,[aria-hidden=true] svg')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const rect = el.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue;
      if (rect.right > viewportWidth + 1 || rect.left < -1) {
        const name = `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')}`;
        offenders.push(
          `${name} "${(el.textContent ?? '').trim().slice(0, 40)}" ${Math.round(rect.left)}–${Math.round(rect.right)}`,
        );
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, viewportWidth, offenders: offenders.slice(0, 10) };
  });
}

export async function expectNoHorizontalScroll(page: Page, screenName: string): Promise<void> {
  const report = await measureHorizontalOverflow(page);
  expect.soft(report.offenders, `elements wider than the viewport on "${screenName}"`).toEqual([]);
  expect.soft(report.scrollWidth, `page width on "${screenName}"`).toBeLessThanOrEqual(report.viewportWidth);
}

/**
 * The focused element is not hidden, not even in part, behind the speech bar at the bottom
 * (WCAG 2.4.11 and 2.4.12, focus not obscured).
 */
export async function expectFocusAboveSpeechBar(page: Page, screenName: string): Promise<void> {
  // A resize's scroll comes in the next frame.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const placement = await page.evaluate(() => {
    const focused = document.activeElement;
    // The dock (main action, "Hilfe", speech bar) where there is one, else the speech bar alone.
    const bar = document.querySelector('.dock') ?? document.querySelector('.speech-bar');
    if (!(focused instanceof HTMLElement) || focused === document.body || !bar) return null;
    const box = focused.getBoundingClientRect();
    return { focusTop: box.top, focusBottom: box.bottom, barTop: bar.getBoundingClientRect().top };
  });
  expect(placement, `a focused element and the speech bar on "${screenName}"`).not.toBeNull();
  // Half a pixel either way: at 200 % the scroll position lands on a fraction of a pixel.
  expect(placement!.focusTop, `focus below the top of the screen on "${screenName}"`).toBeGreaterThanOrEqual(-0.5);
  expect(placement!.focusBottom, `focus above the speech bar on "${screenName}"`).toBeLessThanOrEqual(
    placement!.barTop + 0.5,
  );
}

/**
 * Everything a screen must pass at the current display setting. `axe` can be switched off for the
 * cheaper runs of a large matrix; targets, contrast and reflow are always measured.
 */
export async function auditDisplay(
  page: Page,
  screenName: string,
  options: { primaryNames?: string[]; axe?: boolean } = {},
): Promise<void> {
  await expectNoHorizontalScroll(page, screenName);
  await expectTextContrast(page, screenName);
  await checkA11y(page, screenName, options.primaryNames ?? [], { axe: options.axe ?? true });
}
