import { checkA11y } from './support/a11y';
import { dailyRotation } from './support/daily-rotation';
import { expect, test } from './support/fixtures';
import { KioskDriver } from './support/journey-driver';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { VIEWPORTS, setDisplay, type TextSize, type ViewportName } from './support/display';
import { onScreenKeyboard, openKeyboardFor, tapText } from './support/onscreen-keyboard';
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
  // A letter key types when the finger leaves it, before the click the browser makes of the tap
  // (touch-press.ts); that click types nothing, also on the key that replaced it after Shift.
  await page.evaluate(() => {
    const order: string[] = [];
    (window as unknown as { keyOrder: string[] }).keyOrder = order;
    for (const type of ['pointerup', 'input', 'click']) {
      window.addEventListener(type, (event) => order.push(`${type}:${(event.target as Element).tagName}`), {
        capture: true,
      });
    }
  });
  await tapText(page, 'Sperrmül');
  await expect(searchField(driver)).toHaveValue('Sperrmül');
  const order = await page.evaluate(() => (window as unknown as { keyOrder: string[] }).keyOrder);
  const typed = order.flatMap((event, at) => (event.startsWith('input:') ? [order[at - 1]] : []));
  // Eight letters, each typed inside its key's pointerup (Shift before the capital types nothing).
  expect(typed).toEqual(Array(8).fill('pointerup:BUTTON'));
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

test('a long result list: six tiles with each key, all of them once typing pauses', async ({ page }) => {
  // The page's clock, paused while typing: the rest of the list must wait for a pause, not for the
  // machine's speed (ResultTiles.tsx, FIRST_RESULTS and REST_AFTER_MS).
  await page.clock.install();
  const driver = new KioskDriver(page, { mode: 'keyboard', audit: false });
  await driver.openStart(kiosk.url);
  // The search code loaded and its index built before the clock stops.
  await searchField(driver).fill('Hund');
  await expect(status(driver)).toHaveText(/^\d+ Treffer$/);
  await searchField(driver).fill('');
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  await searchField(driver).focus();
  await page.keyboard.type('anmelden');
  // More than six services hold "anmelden"; six tiles show while the clock stands.
  await expect(page.locator('[data-results-for="anmelden"]')).toHaveCount(1);
  await expect(status(driver)).toHaveText(/^\d+ Treffer$/);
  const count = Number((await status(driver).textContent())!.match(/\d+/)![0]);
  expect(count).toBeGreaterThan(6);
  const tiles = resultList(driver).getByRole('button');
  await expect(tiles).toHaveCount(6);
  const firstSix = await tiles.allTextContents();
  // Marked, to see that the six are kept (the same elements) when the rest comes, not mounted again.
  await tiles.evaluateAll((buttons) => buttons.forEach((button) => button.setAttribute('data-kept', '')));
  await page.clock.runFor(400);
  await expect(tiles).toHaveCount(count);
  expect((await tiles.allTextContents()).slice(0, 6)).toEqual(firstSix);
  await expect(resultList(driver).locator('button[data-kept]')).toHaveCount(6);
  await expect(searchField(driver)).toBeFocused();
});

test('what the search found is spoken once typing pauses (the search reports it to the start screen)', async ({
  page,
}) => {
  const prompts: string[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/call/speech.synthesize')) return;
    prompts.push((JSON.parse(request.postData() ?? '{}') as { text?: string }).text ?? '');
  });
  const driver = new KioskDriver(page, { mode: 'keyboard', audit: false });
  await driver.openStart(kiosk.url);
  await tabTo(page, searchField(driver));
  await page.keyboard.type('Sperrmüll');
  await expect(status(driver)).toHaveText(/^\d+ Treffer$/);
  const count = (await status(driver).textContent())!;
  // The count and the first result's name, as searchScript says them.
  await expect.poll(() => prompts.some((text) => text.includes(count))).toBe(true);
  await expect.poll(() => prompts.some((text) => text.startsWith('Sperrmüll anmelden'))).toBe(true);
  // Nothing found: said as such.
  await searchField(driver).fill('');
  await page.keyboard.type('xylophon');
  await expect.poll(() => prompts.some((text) => text.includes(ui('de', 'finder.noResult')))).toBe(true);
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
  // Back at the search with its words; Escape in the field empties it and brings the life situations.
  await expect(searchField(driver)).toHaveValue('Meldebeschienigung');
  await tabTo(page, searchField(driver));
  await page.keyboard.press('Escape');
  await expect(searchField(driver)).toHaveValue('');

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

const resultList = (driver: KioskDriver) =>
  driver.page.getByRole('list', { name: ui(driver.lang, 'finder.resultsLabel') });

/**
 * The first result is on screen above the on-screen keyboard and the dock above it: its box ends above
 * the keyboard's top and its title is what the screen shows at its place (nothing lies over it).
 */
async function expectFirstResultAboveKeyboard(driver: KioskDriver): Promise<void> {
  const first = resultList(driver).getByRole('listitem').first();
  const box = await first.boundingBox();
  const keyboard = await onScreenKeyboard(driver.page, driver.lang).boundingBox();
  expect(box, 'first result on screen').not.toBeNull();
  expect(keyboard, 'keyboard open').not.toBeNull();
  expect(box!.y, 'first result below the top').toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, 'first result above the keyboard').toBeLessThanOrEqual(keyboard!.y);
  // Where its title and its text begin (top and bottom of the line's start, and the tile's bottom corner
  // there) the screen shows the result itself: neither the dock nor the keyboard lies over it. (The
  // end of a long title may pass under the "Weiter unten" hint, which floats at the line's end.)
  const uncovered = await first.evaluate((item) => {
    const title = item.querySelector('.tile__title')!.getBoundingClientRect();
    const tile = item.getBoundingClientRect();
    const rtl = getComputedStyle(item).direction === 'rtl';
    const start = (rect: DOMRect, inset: number) => (rtl ? rect.right - inset : rect.left + inset);
    const points = [
      [start(title, 2), title.top + 2],
      [start(title, 2), title.bottom - 2],
      [start(tile, 4), tile.bottom - 4],
    ] as const;
    return points.every(([x, y]) => item.contains(document.elementFromPoint(x, y)));
  });
  expect(uncovered, 'first result not covered by the dock or the keyboard').toBe(true);
}

/** Two of the four layouts a day, so all four are seen every two days of runs; FINDER_FULL=1 runs all four. */
const KEYBOARD_LAYOUTS: [ViewportName, TextSize][] = [
  ['portrait', 'normal'],
  ['landscape', 'normal'],
  ['portrait', 'xlarge'],
  ['landscape', 'xlarge'],
];
for (const [viewport, textSize] of process.env.FINDER_FULL === '1'
  ? KEYBOARD_LAYOUTS
  : dailyRotation(KEYBOARD_LAYOUTS, 2)) {
  test(`the first result shows above the on-screen keyboard while typing (${viewport}, ${textSize} text)`, async ({
    page,
  }) => {
    await page.setViewportSize(VIEWPORTS[viewport]);
    const driver = new KioskDriver(page, { mode: 'touch', audit: false });
    await driver.openStart(kiosk.url);
    if (textSize !== 'normal') await setDisplay(page, { textSize }, { mode: 'touch' });
    await openKeyboardFor(page, searchField(driver));
    // Letter by letter: the first result stays in sight from the first letters on.
    await tapText(page, 'pa');
    await expect(resultList(driver).getByRole('button').first()).toBeVisible();
    await expectFirstResultAboveKeyboard(driver);
    await tapText(page, 'ss');
    await expect(status(driver)).toHaveText(/^\d+ Treffer$/);
    await expectFirstResultAboveKeyboard(driver);
    await expect(searchField(driver)).toBeFocused();
    if (textSize === 'normal') await snap(page, `search-keyboard-${viewport}`);
  });
}

test('Arabic: the first result shows above the on-screen keyboard', async ({ page }) => {
  const driver = new KioskDriver(page, { mode: 'touch', audit: false });
  await driver.openStart(kiosk.url);
  await driver.chooseLanguage('ar');
  await openKeyboardFor(page, searchField(driver), { lang: 'ar' });
  await tapText(page, 'قمامة', { lang: 'ar' });
  await expect(resultList(driver).getByRole('button').first()).toBeVisible();
  await expectFirstResultAboveKeyboard(driver);
  await snap(page, 'ar-search-keyboard');
});

test('"Zurück" from a search result\'s service returns to the search with its words (touch)', async ({ page }) => {
  const driver = new KioskDriver(page, { mode: 'touch', audit: false });
  await driver.openStart(kiosk.url);
  await openKeyboardFor(page, searchField(driver));
  await tapText(page, 'perso');
  const first = resultList(driver).getByRole('button').first();
  const chosen = (await first.innerText()).split('\n')[0]!.trim();
  const count = await status(driver).innerText();
  await driver.activate(first);
  await expect(driver.h1()).toHaveText(chosen);
  await driver.activate(driver.button(ui('de', 'nav.back')));
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'));
  // The words, the same results and their count; not the life situations.
  await expect(searchField(driver)).toHaveValue('perso');
  await expect(resultList(driver).getByRole('button').first()).toHaveAccessibleName(
    new RegExp(`^${escapeRegExp(chosen)}`),
  );
  await expect(status(driver)).toHaveText(count);
  await expect(page.locator('.tile--category')).toHaveCount(0);
  await driver.screen('search-returned');

  // A started session does not hand its search to whoever comes next: after it ends, the tiles.
  await driver.activate(first);
  await driver.activate(driver.button(ui('de', 'servicePages.startNow')));
  await expect(driver.h1()).not.toHaveText(chosen);
  await driver.activate(driver.button(ui('de', 'nav.back')));
  const dialog = page.getByRole('alertdialog');
  await driver.activate(dialog.getByRole('button', { name: ui('de', 'leave.confirm'), exact: true }));
  await expect(driver.h1()).toHaveText(ui('de', 'start.title'));
  await expect(searchField(driver)).toHaveValue('');
  await expect(page.locator('.tile--category')).toHaveCount(8);
});

for (const viewport of ['portrait', 'landscape'] as ViewportName[]) {
  test(`results one tile per row, their titles whole, at 200 % text (${viewport})`, async ({ page }) => {
    await page.setViewportSize(VIEWPORTS[viewport]);
    const driver = new KioskDriver(page, { mode: 'touch', audit: false });
    await driver.openStart(kiosk.url);
    await setDisplay(page, { textSize: 'xlarge' }, { mode: 'touch' });
    await searchField(driver).fill('pass');
    const items = resultList(driver).getByRole('listitem');
    await expect(items.first()).toBeVisible();
    const layout = await resultList(driver).evaluate((list) => {
      const listBox = list.getBoundingClientRect();
      return [...list.querySelectorAll(':scope > li')].map((item) => {
        const box = item.getBoundingClientRect();
        const title = item.querySelector<HTMLElement>('.tile__title')!;
        return {
          left: box.left - listBox.left,
          width: box.width / listBox.width,
          titleClipped: title.scrollWidth > title.clientWidth + 1,
          titleVisible: getComputedStyle(title).display !== 'none',
        };
      });
    });
    expect(layout.length).toBeGreaterThan(1);
    for (const item of layout) {
      expect(item.left, 'one column').toBeLessThan(1);
      expect(item.width, 'the whole row').toBeGreaterThan(0.99);
      expect(item.titleClipped, 'title not cut off').toBe(false);
      expect(item.titleVisible).toBe(true);
    }
    await items.first().evaluate((element) => element.scrollIntoView({ block: 'start', behavior: 'instant' }));
    await snap(page, `search-results-200-${viewport}`);
  });
}
