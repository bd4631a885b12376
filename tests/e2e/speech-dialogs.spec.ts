import type { Locator, Page, Request, Route } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { loadService, ui } from './support/service-data';
import { snap } from './support/snap';

/**
 * Issue 4, spoken prompts for what is not a page: each dialog (language, display, speech
 * settings, "Beenden", "Hilfe") is spoken when it opens and falls silent when it closes, without the
 * page beneath being read again; the start screen waits silently for the next resident after
 * a session and speaks at the first touch; the waiting screen is spoken too.
 * What is spoken is read from the prompts the page asks the core for (the real synthesiser).
 */

const service = loadService('meldebescheinigung');
test.use({ viewport: { width: 1080, height: 1920 } });

const bar = (page: Page): Locator => page.getByRole('region', { name: ui('de', 'speech.regionLabel') });
const plays = async (page: Page): Promise<number> => Number(await bar(page).getAttribute('data-speech-plays'));

/** The texts the page asked the core to speak, in order. */
function recordPrompts(page: Page): string[] {
  const prompts: string[] = [];
  page.on('request', (request: Request) => {
    if (!request.url().endsWith('/api/call/speech.synthesize')) return;
    prompts.push((JSON.parse(request.postData() ?? '{}') as { text?: string }).text ?? '');
  });
  return prompts;
}

/**
 * Past the moment a screen's or dialog's speech would start (useScreenSpeech: the next frame,
 * then a task), so that "nothing started" can be checked without waiting on a clock.
 */
async function pastSpeechStart(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => setTimeout(resolve, 0), 0))),
      ),
  );
}

/** From now on, every sentence shown in the caption, in order (read with the returned function). */
async function recordCaptions(page: Page): Promise<() => Promise<string[]>> {
  await bar(page).evaluate((region) => {
    const seen: string[] = [];
    (window as unknown as { captions: string[] }).captions = seen;
    new MutationObserver(() => {
      const text = region.querySelector('mark')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(region, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { captions: string[] }).captions);
}

/** Silent now, and nothing starts by itself. */
async function expectSilence(page: Page): Promise<void> {
  await expect(bar(page)).toHaveAttribute('data-speech-status', 'idle');
  const before = await plays(page);
  await pastSpeechStart(page);
  await expect(bar(page)).toHaveAttribute('data-speech-status', 'idle');
  expect(await plays(page)).toBe(before);
}

/** Opens a dialog by its button, checks that it speaks from its title on, closes it and checks the silence. */
async function dialogSpeaks(
  page: Page,
  prompts: string[],
  open: Locator,
  dialog: Locator,
  first: string,
  close: Locator,
  shot: string,
): Promise<void> {
  const asked = prompts.length;
  const started = await plays(page);
  await open.click();
  await expect(dialog).toBeVisible();
  await expect.poll(() => prompts.slice(asked), { timeout: 15_000 }).toContain(first);
  await expect.poll(() => plays(page), { timeout: 15_000 }).toBeGreaterThan(started);
  await snap(page, shot);
  await close.click();
  await expect(dialog).toBeHidden();
  await expectSilence(page);
}

test('dialogs speak while open; the start screen waits silently for the next resident', async ({ page, kiosk }) => {
  test.setTimeout(90_000);
  const prompts = recordPrompts(page);
  const driver = new KioskDriver(page, { audit: false });
  const t = (key: string, params?: Record<string, string | number>) => driver.t(key, params);
  await driver.openStart(kiosk.url);
  await expect.poll(() => plays(page), { timeout: 15_000 }).toBeGreaterThan(0); // the terminal's first start screen
  await driver.chooseService(service);
  await expect.poll(() => prompts.length, { timeout: 15_000 }).toBeGreaterThan(0);

  // Each dialog: its opener, role, title (the first thing said) and the button that closes it.
  const dialogs = [
    { open: driver.button(t('display.button')), title: 'display.dialogTitle', close: 'display.close' },
    {
      open: driver.button(t('language.current', { name: t('language.nativeName') })),
      title: 'language.dialogTitle',
      close: 'language.close',
    },
    {
      open: bar(page).getByRole('button', { name: t('speech.openSettings'), exact: true }),
      title: 'speech.settingsTitle',
      close: 'speech.close',
    },
    {
      open: driver.button(t('sessionCancel.label')),
      title: 'end.title',
      close: 'end.cancel',
      role: 'alertdialog' as const,
    },
    { open: driver.button(t('header.help')), title: 'help.title', close: 'help.close' },
  ];
  for (const { open, title, close, role } of dialogs) {
    const dialog = page.getByRole(role ?? 'dialog', { name: t(title) });
    const closeButton = dialog.getByRole('button', { name: t(close), exact: true });
    await dialogSpeaks(page, prompts, open, dialog, t(title), closeButton, `dialog-${title}`);
  }

  // A setting changed in a dialog is said there; the page beneath does not start reading.
  await bar(page)
    .getByRole('button', { name: t('speech.openSettings'), exact: true })
    .click();
  const settings = page.getByRole('dialog', { name: t('speech.settingsTitle') });
  const captions = await recordCaptions(page);
  await settings.getByRole('switch', { name: t('speech.speakAnswers') }).check();
  // "Meine Angaben vorlesen: Ja." is spoken as two sentences; the page's heading is not spoken at all.
  await expect.poll(captions, { timeout: 15_000 }).toEqual(expect.arrayContaining([`${t('check.yes')}.`]));
  await expect(bar(page)).toHaveAttribute('data-speech-status', 'idle', { timeout: 15_000 });
  await expectSilence(page);
  expect(await captions()).not.toContain((await driver.h1().innerText()).trim());
  await settings.getByRole('button', { name: t('speech.close'), exact: true }).click();
  await expectSilence(page);

  // "Vorlesen" in a dialog repeats the dialog, not the page beneath.
  const end = page.getByRole('alertdialog', { name: t('end.title') });
  await driver.button(t('sessionCancel.label')).click();
  await expect(end).toBeVisible();
  await end.getByRole('button', { name: t('speech.readAloud'), exact: true }).click();
  await expect(bar(page).locator('mark')).toHaveText(t('end.title'), { timeout: 15_000 });

  // The resident ends: the start screen comes back without a word …
  await end.getByRole('button', { name: t('end.confirm'), exact: true }).click();
  await expect(driver.h1()).toHaveText(t('start.title'));
  await expectSilence(page);
  // … until the next resident touches it.
  const before = await plays(page);
  await driver.h1().click();
  await expect.poll(() => plays(page), { timeout: 15_000 }).toBeGreaterThan(before);
  await expect(bar(page).locator('mark')).not.toBeEmpty();
});

test('the waiting screen is spoken', async ({ page, kiosk }) => {
  const prompts = recordPrompts(page);
  // kiosk.info held back: the renderer cannot boot and shows the waiting screen; speech still works.
  const held: Route[] = [];
  await page.route('**/api/call/kiosk.info', (route) => void held.push(route));
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui('de', 'waiting.title'));
  await expect.poll(() => prompts, { timeout: 15_000 }).toContain(ui('de', 'waiting.title'));
  await expect.poll(() => plays(page), { timeout: 15_000 }).toBeGreaterThan(0);
  await snap(page, 'waiting-speaking');
  // Unrouting lets the held calls and the renderer's retries through.
  await page.unroute('**/api/call/kiosk.info');
  expect(held.length).toBeGreaterThan(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui('de', 'start.title'), { timeout: 15_000 });
});

test('the waiting overlay is spoken while the core is away (its prompt was made ahead)', async ({ page, kiosk }) => {
  test.setTimeout(120_000);
  const prompts = recordPrompts(page);
  const driver = new KioskDriver(page, { audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseService(service);
  const question = await driver.h1().innerText();
  // Made ahead once the page is quiet, in the language and rate shown.
  // Its sentences are made one after the other; the last one is the hint to the desk.
  await expect.poll(() => prompts, { timeout: 60_000 }).toContain(ui('de', 'waiting.staff'));
  // The question's own speech ends first (slow on a loaded machine: the synthesiser is real).
  await expect(bar(page)).toHaveAttribute('data-speech-status', 'idle', { timeout: 60_000 });
  const asked = prompts.length;
  const before = await plays(page);

  // The core goes away (a kill -9 of the kiosk here; a crash of the core process in Electron).
  await kiosk.kill9();
  const overlay = page.getByRole('dialog', { name: ui('de', 'waiting.title') });
  await expect(overlay).toBeVisible({ timeout: 15_000 });
  await expect(bar(page).locator('mark')).toHaveText(ui('de', 'waiting.title'), { timeout: 15_000 });
  expect(await plays(page)).toBeGreaterThan(before);
  expect(prompts.length).toBe(asked);
  await snap(page, 'waiting-overlay-speaking');

  // Back: the overlay goes, and the session is where it was.
  await kiosk.restart({ samePort: true });
  await expect(overlay).toBeHidden({ timeout: 30_000 });
  await expect(driver.h1()).toHaveText(question);
});
