import type { Browser, Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/a11y';
import { expect, test } from './support/fixtures';
import { HUB_STAFF, HubAdmin, HUB_ADMIN, startHub, type HubProcess } from './support/hub-process';
import { KioskDriver } from './support/journey-driver';
import { startKiosk, type KioskHandle } from './support/kiosk-process';
import { officeText } from './support/office-data';
import { fieldLabel, loadService, svcText, ui } from './support/service-data';
import { snap } from './support/snap';
import { lastPrintedPdf, stubPrint } from './support/printed-pdf';

/**
 * In-person services (issue 15): the journey ends in a prepared visit, not a submission. By touch in German
 * with the help-desk hub (the desk's code, opened at the console with the prepared answers) and in Turkish
 * without a hub (the checklist still stands and says to bring it). The checklist receipt is printed in browser
 * mode (print() stubbed) and turned into a PNG to look at. Needs `npm run build`.
 */
test.describe.configure({ timeout: 180_000 });
test.use({ hasTouch: true });

const zeugnis = loadService('fuehrungszeugnis');
const ausweis = loadService('personalausweis');
const TERMINAL = 'Rathaus Foyer';

async function openConsole(browser: Browser, hub: HubProcess): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(hub.url);
  await page.getByLabel('Benutzername').fill(HUB_STAFF.username);
  await page.getByLabel('Passwort').fill(HUB_STAFF.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hilfeanfragen' })).toBeVisible();
  await expect(page.getByText('Verbunden', { exact: true })).toBeVisible();
  return page;
}

const money = (cents: number, lang: 'de' | 'tr') =>
  new Intl.NumberFormat(ui(lang, 'format.locale'), { style: 'currency', currency: 'EUR' }).format(cents / 100);

test.describe('with the help-desk hub', () => {
  let hub: HubProcess;
  let kiosk: KioskHandle | undefined;
  test.beforeEach(async () => {
    hub = await startHub();
    const admin = await HubAdmin.login(hub, HUB_ADMIN);
    const { enrolmentCode } = await admin.createTerminal(TERMINAL, 'Erdgeschoss');
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

  test('Führungszeugnis by touch in German: fee per piece, prepared visit with the desk code, checklist receipt, opened at the console', async ({
    page,
    browser,
  }) => {
    await page.addInitScript(stubPrint);
    const driver = new KioskDriver(page, { mode: 'touch', audit: false });
    await driver.openStart(kiosk!.url);
    await driver.chooseService(zeugnis);
    await driver.walkToCheck(zeugnis, { familyName: 'Brinkmann', copies: '2' });

    // The check page: the fee counted by the answer, and the main action prepares the visit.
    const feeLabel = ui('de', 'visit.feeCount', {
      fee: svcText(zeugnis, 'de', 'fees.certificate'),
      count: 2,
      unit: money(1300, 'de'),
    });
    await expect(page.getByText(feeLabel, { exact: true })).toBeVisible();
    await expect(page.getByText(money(2600, 'de'), { exact: true })).toBeVisible();
    await expect(driver.button(ui('de', 'check.submit'))).toHaveCount(0);
    await snap(page, 'check page of a visit');
    await driver.activate(driver.button(ui('de', 'visit.prepare')));

    await expect(driver.h1()).toHaveText(ui('de', 'visit.title'));
    const code = (await page.locator('.handover-code').innerText()).trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await expect(page.getByText(svcText(zeugnis, 'de', 'documents.id'), { exact: true })).toBeVisible();
    // "Für mich privat": no request letter, no authority's reference.
    await expect(page.getByText(svcText(zeugnis, 'de', 'documents.requestLetter'))).toHaveCount(0);
    await expect(page.getByText(officeText('de', zeugnis.definition.officeId, 'access'))).toBeVisible();
    await expectNoAxeViolations(page, 'prepared visit (de)');
    await snap(page, 'prepared visit with code', { fullPage: true });

    await driver.activate(driver.button(ui('de', 'visit.print')));
    await expect(page.getByRole('status').filter({ hasText: ui('de', 'visit.offered') })).toBeVisible({
      timeout: 20_000,
    });
    const text = (await lastPrintedPdf(page, 'prepared-visit', 'fuehrungszeugnis-de')).text;
    expect(text).toContain(ui('de', 'visit.title'));
    // pdftotext's layout mode sometimes splits the large code at its hyphen ("YUXS -7VQZ"), depending on the letters.
    expect(text.replace(/\s*-\s*/g, '-')).toContain(code);
    expect(text).toContain(svcText(zeugnis, 'de', 'documents.id'));
    expect(text).toMatch(/26,00\s€/); // pdftotext writes the no-break space as a space
    expect(text).not.toContain('Brinkmann');
    expect(kiosk!.output()).not.toContain(code);

    // At the desk: the code opens the prepared answers, nobody retypes them.
    const staff = await openConsole(browser, hub);
    await staff.getByRole('button', { name: 'Am Schalter fortsetzen' }).click();
    await staff.getByLabel('Übergabe-Code').fill(code);
    await staff.getByRole('button', { name: 'Entwurf öffnen' }).click();
    await expect(staff.getByRole('heading', { name: /^Entwurf: / })).toBeVisible();
    const step = zeugnis.definition.journey.steps.find((candidate) => candidate.id === 'family-name')!;
    // Done in person: the answers to read into the desk's own system, no "Antrag abschicken".
    const answers = staff.getByTestId('prepared-visit-answers');
    const row = answers.locator('div', { has: staff.getByText(fieldLabel(zeugnis, 'de', step, step.fields[0]!)) });
    await expect(row.getByRole('definition')).toHaveText('Brinkmann');
    await expect(staff.getByRole('button', { name: 'Antrag abschicken' })).toHaveCount(0);
    await snap(staff, 'console opens the prepared visit');
    await staff.getByRole('button', { name: 'Angaben übernommen – Entwurf löschen' }).click();
    await expect(staff.getByRole('status').filter({ hasText: 'Der Entwurf ist gelöscht.' })).toBeVisible();
    await staff.context().close();

    // "Fertig": the next resident starts afresh.
    await driver.activate(driver.button(ui('de', 'visit.done')));
    await expect(driver.h1()).toHaveText(ui('de', 'start.title'));
  });
});

test.describe('without a hub', () => {
  let kiosk: KioskHandle | undefined;
  test.beforeEach(async () => {
    kiosk = await startKiosk();
  });
  test.afterEach(async () => {
    await kiosk?.dispose();
    kiosk = undefined;
  });

  test('Personalausweis by touch in Turkish: fee by age, checklist without a code says to bring it', async ({
    page,
  }) => {
    await page.addInitScript(stubPrint);
    const driver = new KioskDriver(page, { mode: 'touch', lang: 'de', audit: false });
    await driver.openStart(kiosk!.url);
    await driver.chooseLanguage('tr');
    await driver.chooseService(ausweis);
    // Born 27 March 1958 (the driver's date of birth): the fee from 24 years applies.
    await driver.walkToCheck(ausweis, { reason: 'lost', photo: 'office' });
    await expect(page.getByText(svcText(ausweis, 'tr', 'fees.from24'), { exact: true })).toBeVisible();
    await expect(page.getByText(svcText(ausweis, 'tr', 'fees.under24'))).toHaveCount(0);
    await expect(page.getByText(money(3700 + 600, 'tr'), { exact: true })).toBeVisible();
    await driver.activate(driver.button(ui('tr', 'visit.prepare')));

    await expect(driver.h1()).toHaveText(ui('tr', 'visit.title'));
    await expect(page.getByText(ui('tr', 'visit.noCode'))).toBeVisible();
    await expect(page.locator('.handover-code')).toHaveCount(0);
    for (const key of ['documents.oldId', 'documents.lossReport']) {
      await expect(page.getByText(svcText(ausweis, 'tr', key), { exact: true })).toBeVisible();
    }
    await expect(page.getByText(svcText(ausweis, 'tr', 'documents.birthCertificate'))).toHaveCount(0);
    await expectNoAxeViolations(page, 'prepared visit (tr)');
    await snap(page, 'prepared visit without hub', { fullPage: true });

    await driver.activate(driver.button(ui('tr', 'visit.print')));
    await expect(page.getByRole('status').filter({ hasText: ui('tr', 'visit.offered') })).toBeVisible({
      timeout: 20_000,
    });
    const text = (await lastPrintedPdf(page, 'prepared-visit', 'personalausweis-tr')).text;
    // Turkish receipts are printed in Turkish (Arabic ones in English).
    expect(text).toContain('Ziyaretiniz için kontrol listesi');
    expect(text).toContain(money(3700 + 600, 'tr'));
  });
});
