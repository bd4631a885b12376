import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { installRenderProbe, takeCommits } from './support/render-probe';
import { loadServices } from './support/service-data';

/**
 * WCAG 2.2.1: the resident is warned before the session ends, can extend it
 * with "Weitermachen", and the countdown is announced (an aria-live region, and
 * spoken by the terminal), not only shown. Short timeouts via the kiosk's --idle-* flags. "Weitermachen"
 * moves the idle clock only: nothing on the page renders again (issue 19, renderer/app/idle-clock.ts).
 */

// Long enough that axe and a screenshot fit inside the warning before "Weitermachen" is pressed.
const TIMEOUT_S = 30;
const WARNING_S = 20;
const service = loadServices()[0]!;

test.use({ kioskOptions: { idleTimeoutS: TIMEOUT_S, idleWarningS: WARNING_S } });

test('idle warning: announced countdown, "Weitermachen" extends, then the session ends', async ({ page, kiosk }) => {
  test.setTimeout(4 * TIMEOUT_S * 1000);
  await installRenderProbe(page, ['main']);
  const driver = new KioskDriver(page, { auditWalk: false });
  await driver.openStart(kiosk.url);
  await driver.chooseService(service);
  const firstStep = service.definition.journey.steps[0]!;
  await driver.answerStep(service, firstStep);
  const question = await driver.h1().innerText();
  // The terminal speaks the warning too (the resident may not be looking): playback starts with it.
  const speechBar = page.locator('[data-speech-plays]');
  const playsBefore = Number(await speechBar.getAttribute('data-speech-plays'));

  const warning = page.getByRole('alertdialog').or(page.getByRole('dialog'));
  await expect(warning).toBeVisible({ timeout: (TIMEOUT_S + 5) * 1000 });
  await expect(warning).toContainText(driver.t('idle.title'));
  await expect.poll(async () => Number(await speechBar.getAttribute('data-speech-plays'))).toBeGreaterThan(playsBefore);
  await expect(warning.getByRole('button', { name: driver.t('speech.readAloud') })).toBeVisible();

  // The countdown sits in a live region, and starts at (about) the warning time.
  const seconds = Number(/(\d+)/.exec(await warning.innerText())?.[1]);
  expect(seconds).toBeGreaterThanOrEqual(WARNING_S - 2);
  expect(seconds).toBeLessThanOrEqual(WARNING_S);
  // The live region is filled a moment after the dialog opens (so its first text is announced): poll for it.
  const liveRegions = () =>
    warning.evaluate((dialog) => {
      const regions = Array.from(dialog.querySelectorAll('[aria-live],[role=status],[role=alert],[role=timer]'));
      if (dialog.matches('[aria-live],[role=alertdialog]')) regions.push(dialog);
      return regions
        .filter((el) => /\d/.test(el.textContent ?? ''))
        .map((el) => ({ role: el.getAttribute('role'), live: el.getAttribute('aria-live') }));
    });
  await expect
    .poll(
      async () =>
        (await liveRegions()).some(
          (region) => region.live === 'polite' || region.live === 'assertive' || region.role === 'status',
        ),
      { message: 'countdown in an aria-live region' },
    )
    .toBe(true);
  await driver.screen('idle-warning');

  // "Weitermachen": the warning goes, the resident is where they were, the answers kept.
  await takeCommits(page);
  await driver.activate(warning.getByRole('button', { name: driver.t('idle.continue'), exact: true }));
  // Hidden once the keep-alive's answer has set the idle clock anew.
  await expect(warning).toBeHidden();
  const renderedInPage = (await takeCommits(page)).flatMap((commit) =>
    commit.rendered.filter((part) => part.inside.includes('main')).map((part) => part.host),
  );
  expect(renderedInPage, 'rendered inside the page on "Weitermachen"').toEqual([]);
  await expect(driver.h1()).toHaveText(question);
  await driver.activate(driver.button(driver.t('nav.back')));
  const firstOption = firstStep.fields[0]!.options?.[0];
  if (firstOption) await expect(page.getByRole('radio').first()).toBeChecked();

  // Left alone again: the warning comes back, then the session ends.
  await expect(warning).toBeVisible({ timeout: (TIMEOUT_S + 5) * 1000 });
  await expect(driver.h1()).toHaveText(driver.t('start.title'), { timeout: (WARNING_S + 5) * 1000 });
  await expect(page.getByText(driver.t('notice.idleEnded'))).toBeVisible();
});
