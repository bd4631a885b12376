import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Geometry of "in reach" (issue 14, item 11): an element is on the first screen when its whole box lies
 * inside the viewport and nothing covers its middle (the dock, the keyboard). Boxes, never timings.
 */
export async function expectOnScreen(page: Page, target: Locator, what: string): Promise<void> {
  const box = await target.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, `${what}: on the page`).not.toBeNull();
  expect(box!.x, `${what}: left edge on screen`).toBeGreaterThanOrEqual(-0.5);
  expect(box!.y, `${what}: top edge on screen`).toBeGreaterThanOrEqual(-0.5);
  expect(box!.x + box!.width, `${what}: right edge on screen`).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box!.y + box!.height, `${what}: bottom edge on screen`).toBeLessThanOrEqual(viewport.height + 0.5);
  // Polled: a dialog just opened or a page just turned may still be settling into its final layout.
  await expect
    .poll(
      () =>
        target.evaluate((element) => {
          const rect = element.getBoundingClientRect();
          const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
          if (hit === null) return 'nothing at its middle';
          if (hit === element || element.contains(hit)) return 'uncovered';
          return `covered by ${hit.tagName.toLowerCase()}.${String(hit.className)}`;
        }),
      { message: `${what}: nothing covers it` },
    )
    .toBe('uncovered');
}

/** The element ends above the top of `cover` (the dock, the keyboard): it is readable, not hidden behind. */
export async function expectAbove(target: Locator, cover: Locator, what: string): Promise<void> {
  const box = await target.boundingBox();
  const coverBox = await cover.boundingBox();
  expect(box, `${what}: on the page`).not.toBeNull();
  expect(coverBox, `${what}: the cover is on the page`).not.toBeNull();
  expect(box!.y, `${what}: below the top of the screen`).toBeGreaterThanOrEqual(-0.5);
  expect(box!.y + box!.height, `${what}: above ${await cover.evaluate((el) => el.className)}`).toBeLessThanOrEqual(
    coverBox!.y + 0.5,
  );
}

/** How many rows the header's parts take: their tops, grouped within half a row. */
export async function headerRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const header = document.querySelector('.session-header');
    if (!header) return 0;
    const parts = [
      ...Array.from(header.querySelectorAll('.session-header__service')),
      ...Array.from(header.querySelectorAll('.session-header__actions > *')),
    ]
      .map((element) => element.getBoundingClientRect())
      .filter((rect) => rect.width > 1 && rect.height > 1);
    const tops: number[] = [];
    for (const rect of parts.sort((a, b) => a.top - b.top)) {
      if (!tops.some((top) => Math.abs(top - rect.top) < rect.height / 2)) tops.push(rect.top);
    }
    return tops.length;
  });
}

export async function scrollToTop(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
}
