import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { FIRST_SCREEN_MARK } from '../renderer/app/first-screen-mark';
import { ui, type LoadedService } from '../tests/e2e/support/service-data';
import { currentStep, fillStep, heading, openService } from './bench-journey';
import { spawnKiosk, stopKiosk } from './kiosk-spawn';
import { msSince } from './stats';

/**
 * Cold start: from spawning the kiosk process to the first start screen painted with its
 * services, in an already running Chromium with a fresh profile (no HTTP or code cache).
 * The end is the page's own performance mark (see renderer/app/first-screen-mark.ts), on the
 * same clock as the spawn; `observedMs` is when Playwright saw an enabled language button,
 * which adds its polling and round trips and is reported next to it.
 */
export async function measureColdStart(browser: Browser, startScript: string, tmp: string, runs: number) {
  const samples: { interactiveMs: number; observedMs: number; serverReadyMs: number }[] = [];
  for (let run = 0; run < runs; run++) {
    const dataDir = mkdtempSync(join(tmp, 'cold-'));
    const context = await browser.newContext();
    const page = await context.newPage();
    const spawnedAt = Date.now();
    const start = process.hrtime.bigint();
    const kiosk = await spawnKiosk(startScript, dataDir);
    const serverReadyMs = msSince(start);
    try {
      await page.goto(kiosk.url);
      const button = page.getByRole('button', { name: ui('de', 'language.nativeName'), exact: true });
      await button.waitFor({ state: 'visible' });
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll('button')).some((b) => !b.disabled && b.offsetParent !== null),
      );
      const observedMs = msSince(start);
      const paintedAt = await page.evaluate(async (mark) => {
        while (performance.getEntriesByName(mark).length === 0) await new Promise((r) => setTimeout(r, 10));
        return performance.timeOrigin + performance.getEntriesByName(mark)[0]!.startTime;
      }, FIRST_SCREEN_MARK);
      samples.push({ interactiveMs: paintedAt - spawnedAt, observedMs, serverReadyMs });
    } finally {
      await context.close();
      await stopKiosk(kiosk);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return samples;
}

/**
 * Node starting and ending with nothing to run, as often as `runs`: the part of every cold start that is
 * Node's own, in this environment (NODE_EXTRA_CA_CERTS, for one, makes Node parse a CA file first).
 */
export function measureBareNodeStart(runs: number): number[] {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    samples.push(msSince(start));
  }
  return samples;
}

/**
 * Presses the button named `name` inside the page and resolves with the time
 * until the h1 changed and the next frame was painted (rAF, then a task).
 * The core answers only after the answer's transaction committed, so the
 * new question on screen also means the answer is durable.
 */
function timedPress(page: Page, name: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const before = document.querySelector('h1')?.textContent;
        const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === name);
        if (!button) return reject(new Error(`no button ${name}`));
        const timeout = setTimeout(() => reject(new Error('no transition within 5 s')), 5000);
        let start = 0;
        const observer = new MutationObserver(() => {
          const heading = document.querySelector('h1');
          if (!heading || heading.textContent === before) return;
          observer.disconnect();
          requestAnimationFrame(() =>
            setTimeout(() => {
              clearTimeout(timeout);
              resolve(performance.now() - start);
            }),
          );
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        start = performance.now();
        button.click();
      }),
    name,
  );
}

/** Step transitions: "Weiter" over and over, going back through the journey between passes. */
export async function measureStepTransitions(browser: Browser, url: string, service: LoadedService, count: number) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const next = ui('de', 'nav.continue');
  const back = ui('de', 'nav.back');
  const checkTitle = ui('de', 'check.title');
  const samples: number[] = [];
  try {
    await openService(page, url, service);
    const firstTitle = await heading(page);
    let filled = false;
    while (samples.length < count) {
      // Forward to the check page, timing every "Weiter".
      for (let guard = 0; guard < 45 && samples.length < count; guard++) {
        if ((await heading(page)) === checkTitle) break;
        if (!filled) {
          const step = await currentStep(page, service);
          if (!step) throw new Error('left the journey');
          await fillStep(page, service, step);
        }
        samples.push(await timedPress(page, next));
      }
      filled = true;
      // Back to the first question (not timed); its answers stay filled in.
      for (let guard = 0; guard < 45; guard++) {
        if ((await heading(page)) === firstTitle) break;
        await timedPress(page, back);
      }
    }
    return samples;
  } finally {
    await context.close();
  }
}
