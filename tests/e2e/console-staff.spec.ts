import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/a11y';
import { ACCOUNTS, ConsoleTestHub } from './support/console-real-hub';
import { tabTo } from './support/keyboard';
import { snap } from './support/snap';

/**
 * Issue 17 in the staff console (dist/console served by the real hub process): the staff screen's account
 * actions, the forced password change after a reset and the own password change. Two browser contexts: the
 * admin and the member of staff concerned, each with their own cookies. Needs `node build/build.mjs`.
 */
test.describe.configure({ mode: 'parallel', timeout: 90_000 });
const { admin, meyer, koch } = ACCOUNTS;

let hub: ConsoleTestHub;
test.beforeEach(async () => {
  hub = new ConsoleTestHub();
  await hub.start();
});
test.afterEach(async () => {
  await hub.stop();
});

async function signIn(browser: Browser, account: { username: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(hub.origin);
  await page.getByLabel('Benutzername').fill(account.username);
  await page.getByLabel('Passwort', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  return page;
}

async function staffScreen(browser: Browser): Promise<Page> {
  const page = await signIn(browser, admin);
  await expect(page.getByRole('heading', { level: 1, name: 'Hilfeanfragen' })).toBeVisible();
  await page.getByRole('button', { name: 'Mitarbeitende' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mitarbeitende' })).toBeVisible();
  return page;
}

test('admin disables an account: the open console of that person ends at once; enabled again, they get in', async ({
  browser,
}) => {
  const staffPage = await signIn(browser, meyer);
  await expect(staffPage.getByText('Verbunden', { exact: true })).toBeVisible();
  const page = await staffScreen(browser);
  const row = page.getByRole('row', { name: /Frau Meyer/ });
  await expect(row).toContainText('Aktiv');
  await expect(page.getByRole('row', { name: /Frau Admin/ })).toContainText('Ihr Konto');
  await snap(page, 'staff accounts');
  await expectNoAxeViolations(page, 'staff accounts');

  await row.getByRole('button', { name: 'Frau Meyer sperren' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Frau Meyer sperren?' });
  await expect(confirm).toContainText('sofort überall abgemeldet');
  await expectNoAxeViolations(page, 'disable dialog');
  await confirm.getByRole('button', { name: 'Sperren' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'gesperrt' })).toHaveText(
    'Frau Meyer ist gesperrt und überall abgemeldet.',
  );
  await expect(row).toContainText('Gesperrt');
  // Her console, without her doing anything: the socket closed, the session is gone, back to the login.
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  await expect(staffPage.getByRole('status')).toContainText('Ihre Sitzung ist abgelaufen.');

  await row.getByRole('button', { name: 'Frau Meyer entsperren' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Entsperren' }).click();
  await expect(row).toContainText('Aktiv');
  await staffPage.getByLabel('Benutzername').fill(meyer.username);
  await staffPage.getByLabel('Passwort', { exact: true }).fill(meyer.password);
  await staffPage.getByRole('button', { name: 'Anmelden' }).click();
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Hilfeanfragen' })).toBeVisible();

  // The same screen in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Frau Meyer' })).toHaveText('Frau Meyer is enabled.');
  await expect(page.getByRole('row', { name: /Frau Meyer/ })).toContainText('Active');
  await expect(page.getByRole('button', { name: 'Reset password: Herr Koch' })).toBeVisible();
  await snap(page, 'staff accounts english');
  await expectNoAxeViolations(page, 'staff accounts english');
});

test('password reset: the next login only lets the person choose a new one, with the rules explained', async ({
  browser,
}) => {
  const page = await staffScreen(browser);
  await page.getByRole('button', { name: 'Passwort zurücksetzen: Herr Koch' }).click();
  const dialog = page.getByRole('dialog', { name: 'Passwort von Herr Koch zurücksetzen' });
  await expect(dialog.getByLabel('Vorläufiges Passwort')).toBeFocused();
  await dialog.getByLabel('Vorläufiges Passwort').fill('koch-am-Schalter-1');
  await dialog.getByRole('button', { name: 'Zurücksetzen' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Der Benutzername darf nicht im Passwort vorkommen.');
  await snap(page, 'reset dialog with error');
  await expectNoAxeViolations(page, 'reset dialog');
  const temporary = 'Schwinge-Ufer-Vorlaeufig';
  await dialog.getByLabel('Vorläufiges Passwort').fill(temporary);
  await dialog.getByRole('button', { name: 'Zurücksetzen' }).click();
  await expect(page.getByRole('row', { name: /Herr Koch/ })).toContainText('Muss Passwort ändern');

  const kochPage = await signIn(browser, { username: koch.username, password: temporary });
  await expect(kochPage.getByRole('heading', { level: 1, name: 'Neues Passwort wählen' })).toBeVisible();
  await expect(kochPage.getByText('Herr Koch, Ihr Passwort wurde von der Verwaltung zurückgesetzt.')).toBeVisible();
  // Nothing else: no navigation, no queue.
  await expect(kochPage.getByRole('button', { name: 'Hilfeanfragen' })).toHaveCount(0);
  await kochPage.getByLabel('Jetziges Passwort').fill(temporary);
  await kochPage.getByLabel('Neues Passwort', { exact: true }).fill('Sommer2024!!!');
  await kochPage.getByLabel('Neues Passwort wiederholen').fill('Sommer2024!!!');
  await kochPage.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(kochPage.getByRole('alert')).toContainText('Dieses Passwort ist zu bekannt');
  await snap(kochPage, 'forced change refused common password');
  await expectNoAxeViolations(kochPage, 'forced change');
  await kochPage.getByLabel('Jetziges Passwort').fill(temporary);
  await kochPage.getByLabel('Neues Passwort', { exact: true }).fill('Zwei Reiher am Fleet');
  await kochPage.getByLabel('Neues Passwort wiederholen').fill('Zwei Reiher am Fleet');
  await kochPage.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(kochPage.getByRole('heading', { level: 1, name: 'Hilfeanfragen' })).toBeVisible();
  await expect(kochPage.getByText('Verbunden', { exact: true })).toBeVisible();
});

test('own password change from the header, by keyboard; other sessions of the account end', async ({ browser }) => {
  const other = await signIn(browser, meyer);
  await expect(other.getByRole('heading', { level: 1, name: 'Hilfeanfragen' })).toBeVisible();
  const page = await signIn(browser, meyer);
  await expect(page.getByRole('heading', { level: 1, name: 'Hilfeanfragen' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Passwort ändern' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Eigenes Passwort ändern' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Passwort ändern' })).toBeFocused();

  await page.keyboard.press('Enter');
  await tabTo(page, dialog.getByLabel('Jetziges Passwort'));
  await page.keyboard.type('not-my-password');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Deichschaf-Wolke-7');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Deichschaf-Wolke-7');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('Das jetzige Passwort stimmt nicht.');
  await expectNoAxeViolations(page, 'change password dialog');
  await snap(page, 'change password wrong current');
  await dialog.getByLabel('Jetziges Passwort').fill(meyer.password);
  await dialog.getByLabel('Neues Passwort', { exact: true }).fill('Deichschaf-Wolke-7');
  await dialog.getByLabel('Neues Passwort wiederholen').fill('Deichschaf-Wolke-7');
  await dialog.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(dialog.getByRole('status')).toContainText('Ihr Passwort ist geändert.');
  await dialog.getByRole('button', { name: 'Schließen' }).click();
  // The other browser of the same account is signed out; this one goes on.
  await expect(other.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  await expect(page.getByText('Verbunden', { exact: true })).toBeVisible();

  // The header in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Change password' })).toBeVisible();
});
