import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** What a spec reads of an axe violation. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary: string | undefined }[];
}

/** A navigation between the check and the run destroys the page's context; the run is then repeated once. */
const CONTEXT_GONE = /Execution context was destroyed|Cannot find context|navigation/i;

/**
 * axe-core's violations for the page's document, with the given rule tags.
 *
 * axe is injected once per document and run with `axe.run` in the page. AxeBuilder (@axe-core/playwright)
 * injects the 500 kB script again for every check and finishes each analysis in a newly opened blank page: on a
 * 2-core runner that was about eight times the cost of the check itself, for some 300 screens a test run.
 * The kiosk, the console and the dashboard are single documents; the receipt's print frame exists only while
 * printing and its content is checked in the receipt tests.
 */
export async function axeViolations(page: Page, tags: readonly string[]): Promise<AxeViolation[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      await settled(page);
      const loaded = await page.evaluate(() => typeof (window as { axe?: { run?: unknown } }).axe?.run === 'function');
      if (!loaded) await page.evaluate(AXE_SOURCE);
      return await page.evaluate(async (runOnly) => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } })
          .axe;
        const results = await axe.run(document, {
          runOnly: { type: 'tag', values: runOnly },
          // Only violations are read: passes and incomplete results are not serialised.
          resultTypes: ['violations'],
        });
        return results.violations.map((violation) => ({
          id: violation.id,
          impact: violation.impact ?? null,
          help: violation.help,
          nodes: violation.nodes.map((node) => ({
            target: node.target.map((part) => String(part)),
            html: node.html.slice(0, 200),
            failureSummary: node.failureSummary,
          })),
        }));
      }, tags);
    } catch (error) {
      if (attempt >= 2 || !CONTEXT_GONE.test(String(error))) throw error;
    }
  }
}

/**
 * Waits until the page has shown the same scroll position, focus and layout for two frames with no finite
 * animation running (at most 2 s): a check right after a page change would otherwise measure the frame before the
 * page's own focus and scroll, and find targets "obscured" that no resident ever sees so.
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        // What a resident sees once the page's transitions are over, as Playwright's screenshots (animations
        // disabled) show it: finite animations and transitions are finished first.
        for (const animation of document.getAnimations())
          if (animation.effect?.getComputedTiming().iterations !== Infinity) animation.finish();
        const started = performance.now();
        let last = '';
        let same = 0;
        const tick = () => {
          const moving = document
            .getAnimations()
            .filter((animation) => animation.playState === 'running')
            .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity).length;
          // The page, the dock and the on-screen keyboard's room: the dock follows the keyboard as it closes.
          const main = document.querySelector('main')?.getBoundingClientRect();
          const dock = document.querySelector('.dock')?.getBoundingClientRect();
          const keyboard = getComputedStyle(document.documentElement).getPropertyValue('--osk-height');
          const now = [
            scrollX,
            scrollY,
            document.activeElement?.id,
            main?.top,
            main?.height,
            dock?.top,
            keyboard,
            moving,
          ];
          // A keyboard just closed keeps its room a moment after the tap (renderer/keyboard/pointer-release.ts).
          const roomHeld = keyboard.trim() !== '' && !document.querySelector('.osk, .osk-show');
          const key = now.join('|');
          same = key === last && moving === 0 && !roomHeld ? same + 1 : 0;
          last = key;
          if (same >= 2 || performance.now() - started > 2000) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}
