import type { Page } from '@playwright/test';

/**
 * One timed "Weiter" inside a page, as a resident feels it: from the click to the next
 * question's heading in the DOM (a MutationObserver, called right after the DOM changed),
 * and to the next frame painted. "Painted" is a requestAnimationFrame after the change and a
 * second one: the second runs at the start of the frame after the one that showed the
 * change, so the change was on screen by then (at most one frame late, never early).
 */
export interface StepTiming {
  domMs: number;
  paintedMs: number;
}

export interface StepTarget {
  /** The element whose text is the question's heading (the kiosk's h1, SurveyJS's page title). */
  heading: string;
  /** The button: by its visible text, or by a selector. */
  buttonText?: string;
  buttonSelector?: string;
}

export function timedStep(page: Page, target: StepTarget): Promise<StepTiming> {
  return page.evaluate(
    ({ heading, buttonText, buttonSelector }) =>
      new Promise<StepTiming>((resolve, reject) => {
        const before = document.querySelector(heading)?.textContent;
        const button = buttonSelector
          ? document.querySelector<HTMLElement>(buttonSelector)
          : Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === buttonText);
        if (!button) return reject(new Error(`no button ${buttonText ?? buttonSelector}`));
        const timeout = setTimeout(
          () =>
            reject(
              new Error(
                `no new ${heading} within 5 s after ${buttonText ?? buttonSelector} on ${before ?? 'no heading'}`,
              ),
            ),
          5000,
        );
        let start = 0;
        const observer = new MutationObserver(() => {
          const now = document.querySelector(heading);
          if (!now || now.textContent === before) return;
          const domMs = performance.now() - start;
          observer.disconnect();
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              clearTimeout(timeout);
              resolve({ domMs, paintedMs: performance.now() - start });
            }),
          );
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        start = performance.now();
        button.click();
      }),
    target,
  );
}

/** The heading's text now (normalised), or '' without one. */
export function headingText(page: Page, selector: string): Promise<string> {
  return page.evaluate(
    (selector) => document.querySelector(selector)?.textContent?.trim().replace(/\s+/g, ' ') ?? '',
    selector,
  );
}
