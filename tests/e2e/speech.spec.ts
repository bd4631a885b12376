import type { Locator, Page, Request } from '@playwright/test';
import { checkA11y } from './support/a11y';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { loadService, ui } from './support/service-data';
import { snap } from './support/snap';

/**
 * The terminal speaks (DESIGN §4): a new screen starts playback, "Vorlesen"
 * repeats it, a tap stops it, the resident's answers are spoken only when they
 * switch it on, and rate, volume and that switch reset with the session.
 * Playback is observed through the speech bar's data-speech-status and
 * data-speech-plays, and the prompts asked of the core through its API calls.
 */

const service = loadService('meldebescheinigung');
const CANARY = 'Kanarienvogelweg';

test.use({ viewport: { width: 1080, height: 1920 } });

function speechBar(page: Page): Locator {
  return page.getByRole('region', { name: ui('de', 'speech.regionLabel') });
}

async function plays(page: Page): Promise<number> {
  return Number(await speechBar(page).getAttribute('data-speech-plays'));
}

/** Resolves once a sentence started playing after `before` sentences. */
async function expectPlaybackAfter(page: Page, before: number): Promise<void> {
  await expect.poll(() => plays(page), { timeout: 10_000 }).toBeGreaterThan(before);
}

test('screens are spoken, repeated, stopped by a tap; answers only when chosen; settings reset', async ({
  page,
  kiosk,
}) => {
  // About 20 s on a quiet machine; speech is real, so a loaded one takes longer.
  test.setTimeout(120_000);
  const prompts: string[] = [];
  page.on('request', (request: Request) => {
    if (request.url().endsWith('/api/call/speech.synthesize')) prompts.push(request.postData() ?? '');
  });
  const driver = new KioskDriver(page, { audit: false });
  const t = (key: string, params?: Record<string, string | number>) => driver.t(key, params);
  await driver.openStart(kiosk.url);
  // The start screen speaks as it appears.
  await expectPlaybackAfter(page, 0);

  // A new screen starts playback, with the caption highlighting the sentence.
  let before = await plays(page);
  await driver.chooseService(service);
  await expectPlaybackAfter(page, before);
  await expect(speechBar(page)).toHaveAttribute('data-speech-status', 'playing');
  await expect(speechBar(page).locator('mark')).not.toBeEmpty();
  await snap(page, 'question-speaking');
  await checkA11y(page, 'question with speech bar', [t('nav.continue'), t('speech.readAloud')]);

  // A tap anywhere stops speech.
  await driver.h1().click();
  await expect(speechBar(page)).toHaveAttribute('data-speech-status', 'idle');

  // "Vorlesen" repeats the screen from its start.
  before = await plays(page);
  await speechBar(page)
    .getByRole('button', { name: t('speech.readAloud'), exact: true })
    .click();
  await expectPlaybackAfter(page, before);

  // The resident's answer (a canary) is never sent for synthesis while the switch is off …
  for (let guard = 0; guard < 5; guard++) {
    const step = await driver.currentStep(service);
    if (!step || step.fields.some((field) => field.name === 'familyName')) break;
    await driver.answerStep(service, step);
  }
  const nameStep = (await driver.currentStep(service))!;
  await driver.answerStep(service, nameStep, { familyName: CANARY });
  before = await plays(page);
  await driver.activate(driver.button(t('nav.back')));
  await expect(page.getByRole('textbox').first()).toHaveValue(CANARY);
  await expectPlaybackAfter(page, before);
  // The whole question is spoken (the answer would come last) before the prompts are checked.
  await expect(speechBar(page)).toHaveAttribute('data-speech-status', 'idle', { timeout: 20_000 });
  expect(prompts.length).toBeGreaterThan(5);
  expect(prompts.filter((body) => body.includes(CANARY))).toEqual([]);

  // … and is, marked personal (never cached), once they switch it on. Rate and volume change too.
  await speechBar(page)
    .getByRole('button', { name: t('speech.openSettings'), exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: t('speech.settingsTitle') });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: t('speech.rateSlow') }).check();
  await dialog.getByRole('button', { name: t('speech.volumeUp'), exact: true }).click();
  await dialog.getByRole('switch', { name: t('speech.speakAnswers') }).check();
  await expect(dialog).toContainText(t('speech.volumeLevel', { level: 4, max: 5 }));
  await snap(page, 'speech-settings');
  await checkA11y(page, 'speech settings', [t('speech.close')]);
  await dialog.getByRole('button', { name: t('speech.close'), exact: true }).click();
  await speechBar(page)
    .getByRole('button', { name: t('speech.readAloud'), exact: true })
    .click();
  await expect
    .poll(() => prompts.filter((body) => body.includes(CANARY)).map((body) => JSON.parse(body) as unknown), {
      timeout: 20_000,
    })
    .toContainEqual(expect.objectContaining({ personal: true, rate: 'slow' }));

  // The session ends: the next resident gets the default rate and volume, and their answers unspoken.
  await driver.endSession();
  await speechBar(page)
    .getByRole('button', { name: t('speech.openSettings'), exact: true })
    .click();
  await expect(dialog.getByRole('radio', { name: t('speech.rateNormal') })).toBeChecked();
  await expect(dialog).toContainText(t('speech.volumeLevel', { level: 3, max: 5 }));
  await expect(dialog.getByRole('switch', { name: t('speech.speakAnswers') })).not.toBeChecked();
});
