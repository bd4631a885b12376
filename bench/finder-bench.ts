import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Locator, Page } from '@playwright/test';
import { FIRST_SCREEN_MARK } from '../renderer/app/first-screen-mark';
import { copyShippedServices, writeGeneratedServices } from '../tests/fixtures/generated-services';
import { SERVICES_DIR, START_SCRIPT } from '../tests/e2e/support/paths';
import { keyboardKey, onScreenKeyboard } from '../tests/e2e/support/onscreen-keyboard';
import { ui } from '../tests/e2e/support/service-data';
import { servicesRoot } from '../tests/e2e/support/services-root';
import { spawnKiosk, stopKiosk, type SpawnedKiosk } from './kiosk-spawn';

/** The three services the kiosk had before the catalogue (issue 15's baseline: "today's 3 services"). */
const TODAYS_SERVICES = ['maengel-melden', 'meldebescheinigung', 'sperrmuell'];

/**
 * What a resident types, letter by letter: many results, one, a typo, and none. On a physical keyboard
 * only letters that have a key of their own on a US layout: Playwright types others without a key event.
 */
export const PHYSICAL_QUERIES = ['Perso', 'umziehen', 'Meldebeschienigung', 'Hund', 'kaputt', 'Sperrmull', 'Xylophon'];
/** On the kiosk's own keyboard, lower case (a capital costs a second tap, which is not a search). */
export const ON_SCREEN_QUERIES = ['sperrmüll', 'umziehen', 'pass', 'wahl', 'xylophon'];

/** The terminal's screen: portrait, with touch. */
export const TERMINAL = { viewport: { width: 1080, height: 1920 }, hasTouch: true } as const;

/** How long a finger rests on a key before it is lifted (a quick tap is 50 to 100 ms). */
const FINGER_REST_MS = 50;

/**
 * A tap as a finger makes it: down, a rest, then up, each its own touch event. Playwright's `tap()`
 * sends both at once, so the lift's time stamp is taken before the touch down has even reached the
 * page, and every key's figure held the touch down's trip through the renderer, which a finger
 * resting on the key has long finished when it lifts. Returns when the lift was sent.
 */
export async function fingerTap(page: Page, target: Locator | { x: number; y: number }): Promise<void> {
  const point =
    'x' in target
      ? target
      : await target.boundingBox().then((box) => ({ x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 }));
  const cdp = await cdpFor(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
  await new Promise((resolve) => setTimeout(resolve, FINGER_REST_MS));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
function cdpFor(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

/** Loads the start page in a fresh context and returns when its first screen was painted (ms from navigation). */
async function startPainted(browser: Browser, url: string): Promise<{ paintedMs: number; catalogBytes: number }> {
  const context = await browser.newContext(TERMINAL);
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await page.evaluate(async (mark) => {
      while (performance.getEntriesByName(mark).length === 0) await new Promise((r) => setTimeout(r, 5));
      const catalog = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/catalog.get')) as
        PerformanceResourceTiming | undefined;
      return {
        paintedMs: performance.getEntriesByName(mark)[0]!.startTime,
        catalogBytes: catalog?.decodedBodySize ?? Number.NaN,
      };
    }, FIRST_SCREEN_MARK);
  } finally {
    await context.close();
  }
}

/**
 * In the page: from a key's event to the frame that shows the results for the text typed, painted (a
 * frame callback, then a task). The key's event is its `keydown` on a physical keyboard and, on the
 * on-screen keyboard, the finger leaving the key (`pointerup`; the key types on the `click` Chromium makes
 * of the tap, which carries the same time stamp). Its `timeStamp` is when the input arrived: the time a
 * busy page leaves it waiting counts, as the resident waits it. The results are those of the element
 * with `data-results-for` equal to the field's new text (the finder's answer, ServiceChoice.tsx): a page
 * that answered a key later than it showed the letter would be measured to its answer, not its letter.
 */
export function installKeyProbe(page: Page): Promise<void> {
  return page.evaluate(() => {
    const probe = {
      start: null as number | null,
      samples: [] as number[],
      begun: 0,
      committedAt: 0,
      script: [] as number[],
      // Each key's phases, in the page's clock (for the profile, bench/finder-profile.ts).
      keys: [] as { start: number; input: number; committed: number; frame: number; painted: number }[],
    };
    (window as unknown as { keyProbe: typeof probe }).keyProbe = probe;
    // The page's own work for the key: from its input event to the end of what that event set off in
    // the same task (React renders and commits a key's update in it), without style, layout and paint.
    // Only a key's input (the probe has its start): not the field emptied between queries.
    window.addEventListener('input', () => (probe.begun = probe.start === null ? -1 : performance.now()), {
      capture: true,
    });
    window.addEventListener('input', () => {
      const begun = probe.begun;
      if (begun >= 0)
        queueMicrotask(() => {
          probe.committedAt = performance.now();
          probe.script.push(probe.committedAt - begun);
        });
    });
    // No named functions in here: the bench's bundler would wrap them in a helper the page does not have.
    // A physical key counts when it types a letter: Playwright's fill('') between queries presses Delete,
    // whose sample (the tiles back) was taken for the next letter's and shifted every later one by one.
    window.addEventListener('keydown', (event) => (probe.start = event.key.length === 1 ? event.timeStamp : null), {
      capture: true,
    });
    window.addEventListener('pointerup', (event) => (probe.start = event.timeStamp), { capture: true });
    window.addEventListener(
      'input',
      (event) => {
        const start = probe.start;
        probe.start = null;
        if (start === null) return;
        const text = (event.target as HTMLInputElement).value;
        const input = performance.now();
        void (async () => {
          // Frame by frame until one shows the answer; then the task after it, when that frame is painted.
          let frame = input;
          for (;;) {
            frame = await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
            const answer = document.querySelector('[data-results-for]');
            if (answer?.getAttribute('data-results-for') === text) break;
          }
          setTimeout(() => {
            const painted = performance.now();
            probe.keys.push({ start, input, committed: probe.committedAt, frame, painted });
            probe.samples.push(painted - start);
          });
        })();
      },
      { capture: true },
    );
  });
}

/** Waits for the probe's next sample and returns it. */
export function nextSample(page: Page, count: number): Promise<number> {
  return page.evaluate(async (count) => {
    const probe = (window as unknown as { keyProbe: { samples: number[] } }).keyProbe;
    while (probe.samples.length <= count) await new Promise((r) => setTimeout(r, 2));
    return probe.samples[count]!;
  }, count);
}

/** The page's own work per key so far (see installKeyProbe). */
function scriptSamples(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { keyProbe: { script: number[] } }).keyProbe.script);
}

/** The start page, its search code loaded and its index built (one query answered), and the probe in it. */
export async function searchReady(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  const field = page.getByRole('searchbox', { name: ui('de', 'finder.searchLabel') });
  await field.fill('Sperrmüll');
  await page
    .getByRole('status')
    .filter({ hasText: /Treffer/ })
    .waitFor();
  await field.fill('');
  await field.blur();
  await installKeyProbe(page);
  return page;
}

/**
 * The same measurement on a page with a bare field and a bare key that types into it: what Chromium
 * itself takes on this machine now, from a key or a tap to a painted frame, with no kiosk code at all.
 */
async function browserFloor(browser: Browser, count: number): Promise<{ physical: number[]; tap: number[] }> {
  const context = await browser.newContext(TERMINAL);
  try {
    const page = await context.newPage();
    await page.setContent(
      '<input id="field" style="font-size:24px">' +
        '<button id="key" style="font-size:24px;min-width:64px;min-height:64px">a</button>' +
        '<p id="answer" data-results-for=""></p>',
    );
    await page.evaluate(() => {
      const key = document.getElementById('key')!;
      const field = document.getElementById('field') as HTMLInputElement;
      const answer = document.getElementById('answer')!;
      key.addEventListener('mousedown', (event) => event.preventDefault());
      key.addEventListener('click', () => document.execCommand('insertText', false, 'a'));
      // The bare page's "results": the text itself, answered at once.
      field.addEventListener('input', () => {
        answer.dataset.resultsFor = field.value;
        answer.textContent = field.value;
      });
    });
    await installKeyProbe(page);
    await page.focus('#field');
    const physical: number[] = [];
    const tap: number[] = [];
    let taken = 0;
    for (let n = 0; n < count; n++) {
      await page.keyboard.press('a');
      physical.push(await nextSample(page, taken++));
    }
    for (let n = 0; n < count; n++) {
      await fingerTap(page, page.locator('#key'));
      tap.push(await nextSample(page, taken++));
    }
    return { physical, tap };
  } finally {
    await context.close();
  }
}

/** Each key's time to its results painted, and the page's own work for it. */
interface KeyFigures {
  painted: number[];
  script: number[];
}

/** Key by key on a physical keyboard (CDP key events, as a USB keyboard's reach Chromium). */
async function physicalKeystrokes(browser: Browser, url: string, rounds: number): Promise<KeyFigures> {
  const context = await browser.newContext(TERMINAL);
  const samples: number[] = [];
  try {
    const page = await searchReady(context, url);
    const field = page.getByRole('searchbox', { name: ui('de', 'finder.searchLabel') });
    for (let round = 0; round < rounds; round++) {
      for (const query of PHYSICAL_QUERIES) {
        await field.fill('');
        await field.focus();
        for (const char of query) {
          await page.keyboard.press(char);
          samples.push(await nextSample(page, samples.length));
        }
      }
    }
    return { painted: samples, script: await scriptSamples(page) };
  } finally {
    await context.close();
  }
}

/** Tap by tap on the kiosk's on-screen keyboard, opened by tapping the field, as a resident types. */
async function onScreenKeystrokes(browser: Browser, url: string, rounds: number): Promise<KeyFigures> {
  const context = await browser.newContext(TERMINAL);
  const samples: number[] = [];
  try {
    const page = await searchReady(context, url);
    const field = page.getByRole('searchbox', { name: ui('de', 'finder.searchLabel') });
    await field.tap();
    await onScreenKeyboard(page).waitFor();
    for (let round = 0; round < rounds; round++) {
      for (const query of ON_SCREEN_QUERIES) {
        await field.fill('');
        await field.focus();
        for (const char of query) {
          const key = keyboardKey(page, char);
          // Out from under nothing: the keyboard is fixed at the bottom; tapping it never scrolls.
          await fingerTap(page, key);
          samples.push(await nextSample(page, samples.length));
        }
      }
    }
    return { painted: samples, script: await scriptSamples(page) };
  } finally {
    await context.close();
  }
}

/**
 * A CPU profile of the renderer while the on-screen keyboard types over the large catalogue, and one of
 * its start (Chrome DevTools' .cpuprofile), for `--finder-profile <dir>`: where the time goes.
 */
async function profile(browser: Browser, url: string, dir: string): Promise<void> {
  const context = await browser.newContext(TERMINAL);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.goto(url);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIRST_SCREEN_MARK);
    const start = await cdp.send('Profiler.stop');
    writeFileSync(join(dir, 'finder-start.cpuprofile'), JSON.stringify(start.profile));
    const field = page.getByRole('searchbox', { name: ui('de', 'finder.searchLabel') });
    await field.fill('Sperrmüll');
    await page
      .getByRole('status')
      .filter({ hasText: /Treffer/ })
      .waitFor();
    await field.fill('');
    await field.blur();
    await field.tap();
    await onScreenKeyboard(page).waitFor();
    await cdp.send('Profiler.start');
    for (const query of ON_SCREEN_QUERIES) {
      await field.fill('');
      await field.focus();
      for (const char of query) await keyboardKey(page, char).tap();
    }
    const typing = await cdp.send('Profiler.stop');
    writeFileSync(join(dir, 'finder-typing.cpuprofile'), JSON.stringify(typing.profile));
  } finally {
    await context.close();
  }
}

export interface FinderFigures {
  startTodayMs: number[];
  startLargeMs: number[];
  catalogTodayBytes: number;
  catalogLargeBytes: number;
  physicalKeyMs: number[];
  /** From the finger leaving the key. */
  onScreenKeyMs: number[];
  /** The page's own work per key (script, no style or paint), physical and on-screen. */
  physicalScriptMs: number[];
  onScreenScriptMs: number[];
  /** A bare page's key and tap to painted, measured in the same run. */
  floorPhysicalMs: number[];
  floorTapMs: number[];
  todayCount: number;
  generatedCount: number;
}

/**
 * Today's three services against the terminal as shipped with `generated` more in a `--services-dir`
 * (two kiosks from the same build, loads interleaved so both see the same machine), and the search's
 * key-to-painted time over the larger catalogue, on a physical keyboard and on the on-screen one.
 */
export async function measureFinder(
  browser: Browser,
  tmp: string,
  generated: number,
  runs: number,
  profileDir?: string,
): Promise<FinderFigures> {
  const todayDir = join(mkdtempSync(join(tmp, 'finder-today-')), 'services');
  copyShippedServices(todayDir, SERVICES_DIR, TODAYS_SERVICES);
  const townDir = join(mkdtempSync(join(tmp, 'finder-town-')), 'services');
  const ids = writeGeneratedServices(townDir, SERVICES_DIR, generated);
  // The launcher reads the shipped services next to dist/: today's three need a copy of the build.
  const todayRoot = servicesRoot(todayDir);
  const kiosks: SpawnedKiosk[] = [];
  try {
    kiosks.push(await spawnKiosk(todayRoot.startScript, mkdtempSync(join(tmp, 'finder-data-'))));
    // Compiling 200 schemas at start-up takes longer than the default wait on a shared machine.
    kiosks.push(
      await spawnKiosk(START_SCRIPT, mkdtempSync(join(tmp, 'finder-data-')), 120_000, ['--services-dir', townDir]),
    );
    const [today, large] = kiosks as [SpawnedKiosk, SpawnedKiosk];
    // One load each first: the page's code is then in the HTTP cache for both alike.
    await startPainted(browser, today.url);
    await startPainted(browser, large.url);
    const startTodayMs: number[] = [];
    const startLargeMs: number[] = [];
    let catalogTodayBytes = Number.NaN;
    let catalogLargeBytes = Number.NaN;
    for (let run = 0; run < runs; run++) {
      const small = await startPainted(browser, today.url);
      const big = await startPainted(browser, large.url);
      startTodayMs.push(small.paintedMs);
      startLargeMs.push(big.paintedMs);
      catalogTodayBytes = small.catalogBytes;
      catalogLargeBytes = big.catalogBytes;
    }
    const physical = await physicalKeystrokes(browser, large.url, 2);
    const onScreen = await onScreenKeystrokes(browser, large.url, 2);
    const floor = await browserFloor(browser, 40);
    if (profileDir) await profile(browser, large.url, profileDir);
    return {
      startTodayMs,
      startLargeMs,
      catalogTodayBytes,
      catalogLargeBytes,
      physicalKeyMs: physical.painted,
      onScreenKeyMs: onScreen.painted,
      physicalScriptMs: physical.script,
      onScreenScriptMs: onScreen.script,
      floorPhysicalMs: floor.physical,
      floorTapMs: floor.tap,
      todayCount: TODAYS_SERVICES.length,
      generatedCount: ids.length,
    };
  } finally {
    for (const kiosk of kiosks) await stopKiosk(kiosk);
    todayRoot.dispose();
  }
}
