import { officeOpening } from '../../core/offices/opening';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { OFFICES, officeText, sampleNote, shownHoursLines } from './support/office-data';
import { ui, type Lang } from './support/service-data';

/**
 * Issue 15: the start screen's "Ämter und Öffnungszeiten" opens every office of resources/offices/offices.json
 * with whether it is open now or when it opens next, its address, hours, step-free entrance and phone; axe,
 * 48 px targets and a screenshot in German and right-to-left Arabic, by pointer and by keyboard; back to start.
 * The kiosk has no fixed clock here: the open/closed line is compared with the core's function at the same time
 * (a run across a full minute when an office opens or closes could differ; none of the sample hours is near
 * the minute this would matter for more than once a day).
 */

test.describe.configure({ timeout: 240_000 });

/** Chromium's and Node's ICU may differ in which space stands before "ص" or "Uhr": compare with plain spaces. */
const flat = (text: string) => text.replace(/[\u00a0\u2009\u202f]/g, ' ');

for (const [lang, mode] of [
  ['de', 'pointer'],
  ['ar', 'keyboard'],
] as [Lang, 'pointer' | 'keyboard'][]) {
  test(`offices screen: every office, open now or next, address, hours, step-free, phone (${lang}, ${mode})`, async ({
    page,
    kiosk,
  }) => {
    const driver = new KioskDriver(page, { lang, mode });
    await driver.openStart(kiosk.url);
    if (lang !== 'de') await driver.chooseLanguage(lang);
    await driver.activate(driver.button(new RegExp(ui(lang, 'officesScreen.entry'))));
    await expect(driver.h1()).toHaveText(ui(lang, 'officesScreen.title'));
    if (lang === 'ar') await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const main = page.getByRole('main');
    await expect(main).toContainText(sampleNote(lang));
    const shown = async (id: string) =>
      flat((await page.locator(`[data-office="${id}"]`).innerText()).replace(/[\u2066-\u2069]/g, ''));
    for (const office of OFFICES.offices) {
      await expect(page.getByRole('heading', { level: 2, name: officeText(lang, office.id, 'name') })).toBeVisible();
      const block = page.locator(`[data-office="${office.id}"]`);
      // Numbers in Arabic text are kept in their order by bidi isolates (renderer/i18n/bidi.ts): compare without them.
      await expect.poll(() => shown(office.id)).toContain(officeText(lang, office.id, 'address'));
      await expect.poll(() => shown(office.id)).toContain(officeText(lang, office.id, 'access'));
      await expect(block).toContainText(office.phone);
      for (const line of shownHoursLines(lang, office.id)) {
        await expect.poll(() => shown(office.id)).toContain(flat(line));
      }
      // Open or closed as the core computes it, in the page's words.
      const opening = officeOpening(office, Date.now());
      const status = block.locator('.offices__status');
      await expect(status).toBeVisible();
      await expect(status).toHaveClass(new RegExp(`offices__status--${opening?.openNow ? 'open' : 'closed'}`));
    }
    await driver.screen(`offices-${lang}`);
    await driver.activate(driver.button(ui(lang, 'nav.back')));
    await expect(driver.h1()).toHaveText(ui(lang, 'start.title'));
  });
}
