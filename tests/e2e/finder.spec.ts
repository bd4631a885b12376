import { checkA11y } from './support/a11y';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { openKeyboardFor, tapText } from './support/onscreen-keyboard';
import { tabTo } from './support/keyboard';
import { escapeRegExp, loadServices, ui, type Lang } from './support/service-data';
import { snap } from './support/snap';

/**
 * Finding a service (issue 15): life-situation tiles, a situation's list, the search by the on-screen
 * keyboard with a typo, no result, by touch and by keyboard, and in Arabic, over the 18 shipped services
 * (more than six, so the start screen shows the life situations).
 */

// axe on long pages on a shared 2-CPU runner: more than the default.
test.describe.configure({ timeout: 300_000 });
test.use({ hasTouch: true });

let kiosk: KioskHandle;

test.beforeEach(async () => {
  kiosk = await startKiosk();
});

test.afterEach(async () => {
  await kiosk.dispose();
});

const shipped = loadServices();
const sperrmuell = shipped.find((service) => service.definition.id === 'sperrmuell')!;
const meldebescheinigung = shipped.find((service) => service.definition.id === 'meldebescheinigung')!;

/** A shipped service's tile, not its generated copies ("Sperrmüll anmelden · 5"). */
function shippedTile(driver: KioskDriver, title: string) {
  return driver.page.getByRole('button', { name: new RegExp(`^${title}(?! ·)`) });
}

const categoryName = (lang: Lang, category: string) => ui(lang, `finder.category.${category}`);
const searchField = (driver: KioskDriver) =>
  driver.page.getByRole('searchbox', { name: ui(driver.lang, 'finder.searchLabel') });
const status = (driver: KioskDriver) => driver.page.getByRole('status').filter({ hasText: /./ });

test('tiles, a life situation, its service; a situation with one service opens it directly (touch)', async ({
  page,
}) => {
  const driver = new KioskDriver(page, { mode: 'touch' });
  await driver.openStart(kiosk.url);
  // 8 life situations have a service: 8 tiles, no service tiles.
  const tiles = page.locator('.tile--category');
  await expect(tiles).toHaveCount(8);
  await expect(shippedTile(driver, 'Sperrmüll anmelden')).toHaveCount(0);
  await driver.screen('start-categories');

  await driver.activate(driver.control(new RegExp(`^${categoryName('de', 'abfall')}`)));
  await expect(driver.h1()).toHaveText(categoryName('de', 'abfall'));
  // Sperrmüll and Mängel melden.
  await expect(page.locator('.tile')).toHaveCount(2);
  await driver.screen('category-abfall');

  // Back to the tiles, and in again.
  await driver.activate(driver.button(ui('de', 'finder.backToCategories')));
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'));
  await expect(tiles).toHaveCount(8);
  await driver.activate(driver.control(new RegExp(`^${categoryName('de', 'abfall')}`)));
  await driver.activate(shippedTile(driver, 'Sperrmüll anmelden'));
  await expect(driver.h1()).toHaveText('Sperrmüll anmelden');

  // "Wahlen" holds one service: its tile names it and opens its start page.
  await driver.activate(driver.button(ui('de', 'nav.back')));
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'));
  const wahlen = driver.control(new RegExp(`^${categoryName('de', 'wahlen')}`));
  const onlyTitle = (await wahlen.innerText()).split('\n').map((line) => line.trim())[1]!;
  await driver.activate(wahlen);
  await expect(driver.h1()).toHaveText(onlyTitle);
});

test('the journey driver reaches a shipped service through its life situation', async ({ page }) => {
  const driver = new KioskDriver(page, { mode: 'pointer', audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseService(meldebescheinigung);
  expect(await driver.currentStep(meldebescheinigung)).toBeDefined();
});

test('search on the on-screen keyboard with a typo, results announced, then a result (touch)', async ({ page }) => {
  const driver = new KioskDriver(page, { mode: 'touch' });
  await driver.openStart(kiosk.url);
  await openKeyboardFor(page, searchField(driver));
  await tapText(page, 'sperrmül');
  await expect(searchField(driver)).toHaveValue('sperrmül');
  // "Sperrmüll anmelden" first.
  const results = page.getByRole('list', { name: ui('de', 'finder.resultsLabel') });
  await expect(results.getByRole('button').first()).toHaveAccessibleName(/^Sperrmüll anmelden(?! ·)/);
  await expect(status(driver)).toHaveText(/^\d+ Treffer$/);
  await expect(page.locator('.tile--category')).toHaveCount(0);
  await driver.screen('search-results');
  await driver.activate(shippedTile(driver, 'Sperrmüll anmelden'));
  await expect(driver.h1()).toHaveText('Sperrmüll anmelden');
});

test('no result: the life situations and the way to a person', async ({ page }) => {
  const driver = new KioskDriver(page, { mode: 'touch' });
  await driver.openStart(kiosk.url);
  await openKeyboardFor(page, searchField(driver));
  await tapText(page, 'xylophon');
  await expect(status(driver)).toHaveText(ui('de', 'finder.noResult'));
  await expect(page.getByText(ui('de', 'finder.noResultAdvice'))).toBeVisible();
  await expect(page.locator('.tile--category')).toHaveCount(8);
  await expect(driver.button(ui('de', 'header.help'))).toBeVisible();
  await driver.screen('search-no-result');
  // "Suche löschen" empties the field and the tiles stay.
  await driver.activate(driver.button(ui('de', 'finder.clearSearch')));
  await expect(searchField(driver)).toHaveValue('');
  await expect(page.getByText(ui('de', 'finder.noResultAdvice'))).toHaveCount(0);
});

test('keyboard only: search with a typo, Tab to the result; a life situation and back', async ({ page }) => {
  const driver = new KioskDriver(page, { mode: 'keyboard' });
  await driver.openStart(kiosk.url);
  await tabTo(page, searchField(driver));
  await page.keyboard.type('Meldebeschienigung');
  const first = page
    .getByRole('list', { name: ui('de', 'finder.resultsLabel') })
    .getByRole('button')
    .first();
  await expect(first).toHaveAccessibleName(/^Meldebescheinigung beantragen(?! ·)/);
  // Tab never opened the on-screen keyboard.
  await expect(page.getByRole('region', { name: ui('de', 'keyboard.label'), exact: true })).toHaveCount(0);
  await driver.activate(first);
  await expect(driver.h1()).toHaveText('Meldebescheinigung beantragen');
  await driver.activate(driver.button(ui('de', 'nav.back')));
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'));

  await driver.activate(driver.control(new RegExp(`^${categoryName('de', 'ausweis')}`)));
  await expect(driver.h1()).toHaveText(categoryName('de', 'ausweis'));
  await expect(driver.h1()).toBeFocused();
  await driver.activate(driver.button(ui('de', 'finder.backToCategories')));
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'));
});

test('Arabic: tiles, results and no result right to left', async ({ page }) => {
  const driver = new KioskDriver(page, { mode: 'touch' });
  await driver.openStart(kiosk.url);
  await driver.chooseLanguage('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(driver.control(new RegExp(`^${categoryName('ar', 'abfall')}`))).toBeVisible();
  await driver.screen('ar-start-categories');

  await openKeyboardFor(page, searchField(driver), { lang: 'ar' });
  await tapText(page, 'قمامة', { lang: 'ar' });
  const results = page.getByRole('list', { name: ui('ar', 'finder.resultsLabel') });
  await expect(results.getByRole('button').first()).toBeVisible();
  await expect(results.getByRole('button').first()).toHaveAccessibleName(
    new RegExp(`^${escapeRegExp(sperrmuell.texts.ar.title as string)}`),
  );
  await driver.screen('ar-search-results');

  await searchField(driver).fill('');
  await tapText(page, 'طائرة', { lang: 'ar' });
  await expect(status(driver)).toHaveText(ui('ar', 'finder.noResult'));
  await checkA11y(page, 'ar-search-no-result');
  await snap(page, 'ar-search-no-result');

  await searchField(driver).fill('');
  await driver.activate(driver.control(new RegExp(`^${categoryName('ar', 'abfall')}`)));
  await expect(driver.h1()).toHaveText(categoryName('ar', 'abfall'));
  await driver.screen('ar-category-abfall');
});
