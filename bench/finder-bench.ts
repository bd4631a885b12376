import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { FIRST_SCREEN_MARK } from '../renderer/app/first-screen-mark';
import { writeServicesDir } from '../tests/fixtures/generated-services';
import { SERVICES_DIR } from '../tests/e2e/support/paths';
import { ui } from '../tests/e2e/support/service-data';
import { servicesRoot } from '../tests/e2e/support/services-root';
import { spawnKiosk, stopKiosk, type SpawnedKiosk } from './kiosk-spawn';

/** What a resident types, letter by letter: many results, one, and none. */
const QUERIES = ['Sperrmüll', 'umziehen', 'Meldebeschienigung', 'kaputt', 'Xylophon'];

/** Loads the start page in a fresh context and returns when its first screen was painted (ms from navigation). */
async function startPainted(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await page.evaluate(async (mark) => {
      while (performance.getEntriesByName(mark).length === 0) await new Promise((r) => setTimeout(r, 5));
      return performance.getEntriesByName(mark)[0]!.startTime;
    }, FIRST_SCREEN_MARK);
  } finally {
    await context.close();
  }
}

/**
 * One keystroke into the focused search field through the browser's editing (as the on-screen keyboard
 * types), until the next frame is painted: React commits an input event's update before the event
 * returns, so the frame after it shows the results.
 */
function timedKeystroke(page: Page, char: string): Promise<number> {
  return page.evaluate(
    (char) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        document.execCommand('insertText', false, char);
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
      }),
    char,
  );
}

async function measureKeystrokes(browser: Browser, url: string, rounds: number): Promise<number[]> {
  const context = await browser.newContext();
  const samples: number[] = [];
  try {
    const page = await context.newPage();
    await page.goto(url);
    const field = page.getByRole('searchbox', { name: ui('de', 'finder.searchLabel') });
    await field.click();
    // Warm: the search code is loaded after the first paint; wait until a query is answered.
    await field.fill('Sperrmüll');
    await page
      .getByRole('status')
      .filter({ hasText: /Treffer/ })
      .waitFor();
    for (let round = 0; round < rounds; round++) {
      for (const query of QUERIES) {
        await field.fill('');
        await field.focus();
        for (const char of query) samples.push(await timedKeystroke(page, char));
      }
    }
    return samples;
  } finally {
    await context.close();
  }
}

export interface FinderFigures {
  startShippedMs: number[];
  startGeneratedMs: number[];
  keystrokeMs: number[];
  generatedCount: number;
}

/**
 * The start screen with the shipped services against the same with `extra` generated ones beside them
 * (two kiosks from the same build, loads interleaved so both see the same machine), and the search's
 * keystroke-to-painted time over the larger catalogue.
 */
export async function measureFinder(
  browser: Browser,
  tmp: string,
  extra: number,
  runs: number,
): Promise<FinderFigures> {
  const shippedDir = join(mkdtempSync(join(tmp, 'finder-shipped-')), 'services');
  writeServicesDir(shippedDir, SERVICES_DIR, 0);
  const generatedDir = join(mkdtempSync(join(tmp, 'finder-generated-')), 'services');
  const ids = writeServicesDir(generatedDir, SERVICES_DIR, extra);
  const roots = [servicesRoot(shippedDir), servicesRoot(generatedDir)];
  const kiosks: SpawnedKiosk[] = [];
  try {
    for (const root of roots) kiosks.push(await spawnKiosk(root.startScript, mkdtempSync(join(tmp, 'finder-data-'))));
    const [shipped, generated] = kiosks as [SpawnedKiosk, SpawnedKiosk];
    // One load each first: the core compiles a service's schema at start-up, the page's code is cached.
    await startPainted(browser, shipped.url);
    await startPainted(browser, generated.url);
    const startShippedMs: number[] = [];
    const startGeneratedMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      startShippedMs.push(await startPainted(browser, shipped.url));
      startGeneratedMs.push(await startPainted(browser, generated.url));
    }
    const keystrokeMs = await measureKeystrokes(browser, generated.url, 3);
    return { startShippedMs, startGeneratedMs, keystrokeMs, generatedCount: ids.length };
  } finally {
    for (const kiosk of kiosks) await stopKiosk(kiosk);
    for (const root of roots) root.dispose();
  }
}
