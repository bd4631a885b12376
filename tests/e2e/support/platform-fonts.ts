import type { Locator } from '@playwright/test';

export interface UsedFont {
  familyName: string;
  glyphCount: number;
}

/**
 * The fonts Chromium really drew an element's own text with, and how many glyphs each drew
 * (CDP `CSS.getPlatformFontsForNode`): a computed font-family only says what was asked for.
 */
export async function platformFonts(target: Locator): Promise<UsedFont[]> {
  const page = target.page();
  const marker = `platform-fonts-${Math.random().toString(36).slice(2)}`;
  await target.evaluate((element, id) => element.setAttribute('data-platform-fonts', id), marker);
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: `[data-platform-fonts="${marker}"]`,
    });
    // Chromium answers for the element's own text nodes (not its descendants' text).
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map(({ familyName, glyphCount }) => ({ familyName, glyphCount }));
  } finally {
    await target.evaluate((element) => element.removeAttribute('data-platform-fonts')).catch(() => undefined);
    await cdp.detach();
  }
}
