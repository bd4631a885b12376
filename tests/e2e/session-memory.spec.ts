import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { planValue } from './support/answer-plan';
import { loadService, ui } from './support/service-data';

/**
 * Renderer memory over residents (issue 19): ended sessions leave nothing behind in the page. After a full
 * garbage collection on the start screen, the second and the fourth ended session leave the same number of
 * event listeners, DOM nodes and DOM nodes outside the document (detached trees). The heap's size over 100
 * sessions is the benchmark's (`npm run bench -- --only steps`): its growth is V8's compiled code
 * (bench/heap-snapshot.ts), which levels off.
 */

const service = loadService('meldebescheinigung');

test.use({ viewport: { width: 1080, height: 1920 } });

interface Counts {
  listeners: number;
  nodes: number;
  detached: number;
}

async function counts(cdp: CDPSession, page: Page): Promise<Counts> {
  await expect(page.locator('[data-speech-status]')).toHaveAttribute('data-speech-status', 'idle');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  const inDocument = await page.evaluate(() => {
    let count = 0;
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
    for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) count += 1;
    return count;
  });
  return { listeners: jsEventListeners, nodes, detached: nodes - inDocument };
}

test('ended sessions leave no listeners, nodes or detached trees behind', async ({ page, kiosk }) => {
  test.setTimeout(240_000);
  // Speech answers "no audio" here: a sentence playing at the moment of counting holds listeners of its own,
  // and the start screen speaks again and again. Every screen still asks for its speech.
  await page.route('**/api/call/speech.synthesize', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'internal', detail: 'no audio in this test' } }),
    }),
  );
  const driver = new KioskDriver(page, { audit: false });
  await driver.openStart(kiosk.url);
  const cdp = await page.context().newCDPSession(page);
  const seen: Counts[] = [];
  for (let session = 1; session <= 4; session++) {
    await driver.chooseService(service);
    // Three questions, as a resident who gives up early: pages, fields, validation and speech all ran.
    for (let question = 0; question < 3; question++) {
      const step = (await driver.currentStep(service))!;
      for (const field of step.fields) await driver.fillField(service, step, field, planValue(service, field));
      await driver.continue();
    }
    await driver.endSession();
    await expect(page.locator('h1')).toHaveText(ui('de', 'start.title'));
    if (session === 2 || session === 4) seen.push(await counts(cdp, page));
  }
  const [second, fourth] = seen as [Counts, Counts];
  expect(fourth).toEqual(second);
});
