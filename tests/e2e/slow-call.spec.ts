import type { Page, WebSocketRoute } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectNoAxeViolations } from './support/a11y';
import { planValue } from './support/answer-plan';
import { KioskDriver } from './support/journey-driver';
import { loadService, svcText } from './support/service-data';

/**
 * Issue 14, item 16: while the core is slow to answer "Weiter", the button shows its pending state.
 * react-aria's own pending state announced it through a live region as a `div[role="img"]` labelled by
 * the button's id, which stayed for seconds after the next page had replaced that button: a nameless
 * image for axe (role-img-alt), seen only on a busy machine. Here the call is made slow on purpose:
 * the journey's calls travel on the WebSocket, and the test holds the page's `session.answer` frame
 * until it has checked the pending page, then lets it through to the real core.
 */

const service = loadService('meldebescheinigung');

interface HeldCalls {
  hold: boolean;
  held: string[];
  server?: WebSocketRoute;
  release(): void;
}

async function holdAnswerCalls(page: Page): Promise<HeldCalls> {
  const calls: HeldCalls = {
    hold: false,
    held: [],
    release() {
      calls.hold = false;
      for (const frame of calls.held.splice(0)) calls.server?.send(frame);
    },
  };
  await page.routeWebSocket(/\/api\/events$/, (socket) => {
    const server = socket.connectToServer();
    calls.server = server;
    socket.onMessage((frame) => {
      const text = typeof frame === 'string' ? frame : frame.toString('utf8');
      if (calls.hold && text.includes('"session.answer"')) calls.held.push(text);
      else server.send(frame);
    });
  });
  return calls;
}

test('a slow "Weiter": pending button and the next page pass axe', async ({ page, kiosk }) => {
  const calls = await holdAnswerCalls(page);
  const driver = new KioskDriver(page, { auditWalk: false });
  await driver.openStart(kiosk.url);
  await driver.chooseService(service);
  for (let round = 0; round < 2; round++) {
    const step = (await driver.currentStep(service))!;
    const before = svcText(service, 'de', step.titleKey);
    calls.hold = true;
    const next = driver.button(driver.t('nav.continue'));
    // Pressed with the pointer, so the button has focus as a resident's tap gives it.
    for (const field of step.fields) await driver.fillField(service, step, field, planValue(service, field, {}));
    await driver.activate(next);
    // The page shows the pending state only once the call is slow (renderer/app/useSessionActions.ts).
    await expect(next).toHaveAttribute('data-busy', 'true');
    await expect(next).toHaveAttribute('aria-disabled', 'true');
    expect(calls.held.length).toBe(1);
    await expectNoAxeViolations(page, `pending on ${step.id}`);
    calls.release();
    await expect(driver.h1()).not.toHaveText(before);
    await expect(next).not.toHaveAttribute('data-busy', 'true');
    await expectNoAxeViolations(page, `after a slow answer on ${step.id}`);
    // No element anywhere is an image without a name (the live region's leftovers included).
    const namelessImages = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('[role="img"]')).filter((element) => {
          const label = element.getAttribute('aria-label')?.trim();
          const ids = element.getAttribute('aria-labelledby')?.split(/\s+/) ?? [];
          const labelled = ids.some((id) => (document.getElementById(id)?.textContent ?? '').trim() !== '');
          return !label && !labelled;
        }).length,
    );
    expect(namelessImages).toBe(0);
  }
});
