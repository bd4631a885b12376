import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { planValue } from './support/answer-plan';
import { loadService, ui } from './support/service-data';

/**
 * Speech keeps out of a step's way (issue 19): the next question's prompt is asked of the core only
 * once its heading is in the DOM and a frame has been painted, and a click on its own (a screen
 * reader or switch activating a button, with no touch or key before it) stops speech like a touch,
 * so the stopped screen's audio is not decoded while the next question is being shown. The timings
 * themselves are `npm run bench -- --only steps`.
 */

const service = loadService('meldebescheinigung');

test.use({ viewport: { width: 1080, height: 1920 } });

function speechBar(page: Page): Locator {
  return page.getByRole('region', { name: ui('de', 'speech.regionLabel') });
}

/**
 * In the page: every speech.synthesize request with the h1 at that moment and whether an animation
 * frame (whose paint follows its callbacks) has run since the h1 last changed.
 */
const PROBE = `(() => {
  const log = (window.__speechRequests = []);
  let heading = null;
  let changedAt = 0;
  let frameAt = 0;
  const frame = () => {
    frameAt = performance.now();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new MutationObserver(() => {
    const now = document.querySelector('h1')?.textContent ?? null;
    if (now === heading) return;
    heading = now;
    changedAt = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true });
  const nativeFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/api/call/speech.synthesize'))
      log.push({ heading: document.querySelector('h1')?.textContent ?? null, painted: frameAt > changedAt, changedAt, frameAt });
    return nativeFetch.call(this, input, init);
  };
})();`;

interface SpeechRequest {
  heading: string | null;
  painted: boolean;
}

const headingText = (page: Page) => page.evaluate(() => document.querySelector('h1')?.textContent ?? null);

const requests = (page: Page) =>
  page.evaluate(() => (window as unknown as { __speechRequests: SpeechRequest[] }).__speechRequests.slice());

test('the next question is spoken only after it is painted; a click on its own stops speech', async ({
  page,
  kiosk,
}) => {
  test.setTimeout(120_000);
  await page.addInitScript(PROBE);
  const driver = new KioskDriver(page, { audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseService(service);
  await expect(speechBar(page)).toHaveAttribute('data-speech-status', 'playing', { timeout: 20_000 });

  // Two steps forward: every prompt asked after "Weiter" is the new question's, asked after a paint.
  for (let round = 0; round < 2; round++) {
    const step = (await driver.currentStep(service))!;
    for (const field of step.fields) await driver.fillField(service, step, field, planValue(service, field));
    // A tap stops this screen's speech first: it would ask for its next sentence while it plays.
    await driver.h1().click();
    await expect(speechBar(page)).toHaveAttribute('data-speech-status', 'idle');
    const before = await headingText(page);
    const from = (await requests(page)).length;
    await driver.continue();
    const after = await headingText(page);
    expect(after).not.toBe(before);
    await expect.poll(async () => (await requests(page)).length, { timeout: 20_000 }).toBeGreaterThan(from);
    const asked = (await requests(page)).slice(from);
    for (const request of asked) {
      expect(request.heading).toBe(after);
      expect(request.painted, JSON.stringify(asked)).toBe(true);
    }
  }

  // A click with no touch or key before it (as a screen reader sends) stops speech at once …
  await expect(speechBar(page)).toHaveAttribute('data-speech-status', 'playing', { timeout: 20_000 });
  // Read two frames after the click: without the stop, the screen's several sentences still play then.
  const status = await page.evaluate(async () => {
    document.querySelector('h1')!.click();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return document.querySelector('[data-speech-status]')?.getAttribute('data-speech-status');
  });
  expect(status).toBe('idle');

  // … while a tap on "Vorlesen" (touch, then its click) still speaks: the click after a touch stops nothing.
  const plays = Number(await speechBar(page).getAttribute('data-speech-plays'));
  await speechBar(page)
    .getByRole('button', { name: ui('de', 'speech.readAloud'), exact: true })
    .click();
  await expect
    .poll(async () => Number(await speechBar(page).getAttribute('data-speech-plays')), { timeout: 20_000 })
    .toBeGreaterThan(plays);
  await expect(speechBar(page)).toHaveAttribute('data-speech-status', 'playing');
});
