import type { Browser, Page } from '@playwright/test';
import { checkA11y, expectNoAxeViolations } from './support/a11y';
import { scanForCanary } from './support/canary-scan';
import { expectTextContrast } from './support/contrast';
import { expect, test } from './support/fixtures';
import { HUB_STAFF, HubAdmin, HUB_ADMIN, startHub, type HubProcess } from './support/hub-process';
import { KioskDriver } from './support/journey-driver';
import { tabTo } from './support/keyboard';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { openKeyboardFor, tapText } from './support/onscreen-keyboard';
import { loadService, ui } from './support/service-data';
import { snap } from './support/snap';

/**
 * "Wie war es?" (issue 18) at the end of a sent journey, by touch (the comment typed on the kiosk's own keyboard)
 * and by keyboard only (typed on a physical one), with the real hub: the comment arrives in the staff console's
 * "Rückmeldungen" stripped of the resident's own answers, an IBAN and an e-mail address, and the hub's files hold
 * none of them. "Was wir zählen" from the start screen in German and Arabic. Needs `npm run build`.
 */
test.describe.configure({ timeout: 240_000 });

const sperrmuell = loadService('sperrmuell');
const zeugnis = loadService('fuehrungszeugnis');
/** Typed as the contact name in the journey: the comment that names them must lose both words. */
const NAME = { given: 'Kunigunde', family: 'Wackerbarth' };
const IBAN = 'DE89 3704 0044 0532 0130 00';
const EMAIL = 'kunigunde.w@example.org';
const CANARIES = [NAME.given, NAME.family, 'DE89', '0532 0130', EMAIL, 'example.org'];

async function openFeedbackList(browser: Browser, hub: HubProcess): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(hub.url);
  await page.getByLabel('Benutzername').fill(HUB_STAFF.username);
  await page.getByLabel('Passwort').fill(HUB_STAFF.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: 'Rückmeldungen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rückmeldungen' })).toBeVisible();
  return page;
}

/** The newest comment's row, once the hub has it (sent over the terminal socket: "Aktualisieren" until it is). */
async function newestComment(console: Page, text: string) {
  const row = console.getByTestId('feedback-table').getByRole('row').nth(1);
  await expect(async () => {
    await console.getByRole('button', { name: 'Aktualisieren' }).click();
    await expect(row).toContainText(text, { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  return row;
}

function expectNoCanaryOnHub(hub: HubProcess): void {
  for (const canary of CANARIES) {
    expect(scanForCanary(hub.dataDir, canary).hits, `${canary} in the hub's files`).toEqual([]);
  }
}

test.describe('with the help-desk hub', () => {
  let hub: HubProcess;
  let kiosk: KioskHandle | undefined;
  test.beforeEach(async () => {
    hub = await startHub();
    const admin = await HubAdmin.login(hub, HUB_ADMIN);
    const { enrolmentCode } = await admin.createTerminal('Rathaus Foyer', 'Erdgeschoss');
    kiosk = await startKiosk({ hub: { url: hub.url, enrolmentCode } });
    await expect
      .poll(async () => (await admin.call<{ online: boolean }[]>('GET', '/terminals')).some((t) => t.online), {
        timeout: 30_000,
      })
      .toBe(true);
  });
  test.afterEach(async () => {
    await kiosk?.dispose();
    kiosk = undefined;
    await hub.dispose();
  });

  test.describe('by touch', () => {
    test.use({ hasTouch: true });
    test('a face and a comment typed on the on-screen keyboard; the console shows it without the name', async ({
      page,
      browser,
    }) => {
      const driver = new KioskDriver(page, { mode: 'touch', audit: false });
      await driver.openStart(kiosk!.url);
      await driver.chooseService(sperrmuell);
      await driver.walkToCheck(sperrmuell, { contactName: `${NAME.given} ${NAME.family}` });
      await driver.submit();

      const question = page.getByRole('region', { name: ui('de', 'feedback.heading') });
      await expect(question).toBeVisible();
      for (const face of ['good', 'okay', 'bad']) {
        await expect(question.getByRole('button', { name: ui('de', `feedback.${face}`), exact: true })).toBeVisible();
      }
      await question.scrollIntoViewIfNeeded();
      await checkA11y(page, 'feedback question (de)');
      await expectTextContrast(page, 'feedback question (de)');
      await snap(page, 'feedback question');

      const good = question.getByRole('button', { name: ui('de', 'feedback.good'), exact: true });
      await driver.activate(good);
      await expect(good).toHaveAttribute('aria-pressed', 'true');
      await driver.activate(question.getByRole('button', { name: ui('de', 'feedback.writeAction') }));
      const field = question.getByRole('textbox', { name: ui('de', 'feedback.commentLabel') });
      await expect(field).toBeFocused();
      await openKeyboardFor(page, field);
      await tapText(page, `${NAME.family} war nett`);
      await expect(field).toHaveValue(`${NAME.family} war nett`);
      await checkA11y(page, 'feedback comment (de)');
      await snap(page, 'feedback comment on the keyboard');
      await driver.activate(question.getByRole('button', { name: ui('de', 'feedback.send'), exact: true }));
      await expect(page.getByTestId('feedback-thanks')).toHaveText(ui('de', 'feedback.thanks'));
      await snap(page, 'feedback thanks');

      const console = await openFeedbackList(browser, hub);
      const row = await newestComment(console, 'war nett');
      await expect(console.getByTestId('feedback-table').getByRole('row')).toHaveCount(2);
      await expect(row).toContainText('[entfernt]');
      await expect(row).toContainText('Gut');
      await expect(row).not.toContainText(NAME.family);
      await expectNoAxeViolations(console, 'console feedback');
      await snap(console, 'console feedback');
      expectNoCanaryOnHub(hub);
    });
  });

  test('by keyboard only: a face, a comment with an IBAN and an e-mail address, all stripped', async ({
    page,
    browser,
  }) => {
    const driver = new KioskDriver(page, { mode: 'keyboard', audit: false });
    await driver.openStart(kiosk!.url);
    await driver.chooseService(sperrmuell);
    await driver.walkToCheck(sperrmuell, { contactName: `${NAME.given} ${NAME.family}` });
    await driver.submit();

    const question = page.getByRole('region', { name: ui('de', 'feedback.heading') });
    const okay = question.getByRole('button', { name: ui('de', 'feedback.okay'), exact: true });
    await driver.activate(okay);
    await expect(okay).toHaveAttribute('aria-pressed', 'true');
    await driver.activate(question.getByRole('button', { name: ui('de', 'feedback.writeAction') }));
    const field = question.getByRole('textbox', { name: ui('de', 'feedback.commentLabel') });
    await expect(field).toBeFocused();
    await page.keyboard.type(`${NAME.given} fand die Schrift zu klein. IBAN ${IBAN}, Mail ${EMAIL}`);
    await tabTo(page, question.getByRole('button', { name: ui('de', 'feedback.send'), exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('feedback-thanks')).toBeFocused();

    const console = await openFeedbackList(browser, hub);
    const row = await newestComment(console, 'fand die Schrift zu klein');
    await expect(row).toContainText('Geht so');
    for (const canary of CANARIES) await expect(row).not.toContainText(canary);
    expectNoCanaryOnHub(hub);
  });
});

test.describe('on the prepared-visit page, without a hub', () => {
  test.use({ hasTouch: true });
  let kiosk: KioskHandle | undefined;
  test.beforeAll(async () => {
    kiosk = await startKiosk();
  });
  test.afterAll(async () => {
    await kiosk?.dispose();
  });

  test('the question is there (axe, targets), a face is sent and thanked', async ({ page }) => {
    const driver = new KioskDriver(page, { mode: 'touch', audit: false });
    await driver.openStart(kiosk!.url);
    await driver.chooseService(zeugnis);
    await driver.walkToCheck(zeugnis, { familyName: NAME.family });
    await driver.submit();
    await expect(driver.h1()).toHaveText(ui('de', 'visit.title'));
    const question = page.getByRole('region', { name: ui('de', 'feedback.heading') });
    await expect(question).toBeVisible();
    await checkA11y(page, 'feedback on the visit page');
    const bad = question.getByRole('button', { name: ui('de', 'feedback.bad'), exact: true });
    await driver.activate(bad);
    await expect(bad).toHaveAttribute('aria-pressed', 'true');
    await driver.activate(question.getByRole('button', { name: ui('de', 'feedback.send'), exact: true }));
    await expect(page.getByTestId('feedback-thanks')).toHaveText(ui('de', 'feedback.thanks'));
    await expect(question.getByRole('button', { name: ui('de', 'feedback.skip') })).toHaveCount(0);
    await snap(page, 'visit page after feedback');
  });
});

test.describe('Was wir zählen', () => {
  let kiosk: KioskHandle | undefined;
  test.beforeAll(async () => {
    kiosk = await startKiosk();
  });
  test.afterAll(async () => {
    await kiosk?.dispose();
  });

  for (const lang of ['de', 'ar'] as const) {
    test(`opens from the start screen and goes back (${lang})`, async ({ page }) => {
      const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
      await driver.openStart(kiosk!.url);
      if (lang !== 'de') await driver.chooseLanguage(lang);
      const link = page.getByRole('button', { name: ui(lang, 'counting.link'), exact: true });
      await link.scrollIntoViewIfNeeded();
      await snap(page, `start with the counting link ${lang}`, { fullPage: false });
      await driver.activate(link);
      await expect(driver.h1()).toHaveText(ui(lang, 'counting.title'));
      for (const key of ['countedHeading', 'publishedHeading', 'neverHeading']) {
        await expect(page.getByRole('heading', { level: 2, name: ui(lang, `counting.${key}`) })).toBeVisible();
      }
      await expect(page.getByText(ui(lang, 'counting.never2'))).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
      await checkA11y(page, `counting (${lang})`, [ui(lang, 'counting.back')]);
      await expectTextContrast(page, `counting (${lang})`);
      await snap(page, `counting ${lang}`, { fullPage: true });
      await driver.activate(driver.button(ui(lang, 'counting.back')));
      await expect(driver.h1()).toHaveText(ui(lang, 'start.title'));
    });
  }
});
