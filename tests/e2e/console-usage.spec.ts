import { expect, test } from '@playwright/test';
import type { TerminalView } from '../../contract/hub';
import { dashboardFixture } from '../fixtures/dashboard-data';
import { expectNoAxeViolations } from './support/a11y';
import { ACCOUNTS, ConsoleTestHub } from './support/console-real-hub';
import { expectChartsDrawn, expectTablesMatchFixture } from './support/dashboard-checks';
import { tabTo } from './support/keyboard';
import { snap } from './support/snap';
import { watchCspViolations } from './support/csp-violations';

/**
 * The console's usage view of one terminal (issue 18): the real hub process and the built console
 * (support/console-real-hub.ts, needs `npm run build`), a staff member (not an admin) signed in through the login
 * screen. axe as in console.spec.ts (the console's targets are 44 px, its desktop density). Only GET
 * /api/console/usage is stubbed here, with a DashboardSchema-valid fixture that has every kind of cell ("<5" in each
 * chart), so the drawing is checked against known figures; the real endpoint is tested in hub-open-data.test.ts.
 * Everything else (login, terminals, the CSP) is the real hub.
 */

test.describe.configure({ timeout: 120_000 });

let hub: ConsoleTestHub;
let cspViolations: string[] = [];
test.beforeEach(async ({ page }) => {
  hub = new ConsoleTestHub();
  await hub.start();
  cspViolations = await watchCspViolations(page);
  await page.setViewportSize({ width: 1280, height: 800 });
});
test.afterEach(async () => {
  await hub.stop();
  expect(cspViolations, 'the console runs under the strict CSP without violations').toEqual([]);
});

test('staff open a terminal’s usage from the overview: the same charts and tables, by keyboard, axe clean', async ({
  page,
}) => {
  const terminals = await hub.admin.call<TerminalView[]>('GET', '/terminals');
  const rathaus = terminals.find((terminal) => terminal.name === 'Rathaus Eingang')!;
  const fixture = dashboardFixture({ terminalId: rathaus.terminalId, name: rathaus.name });
  const asked: string[] = [];
  // The stub: the usage endpoint only (see above). It answers for the terminal asked about, nothing else.
  await page.route('**/api/console/usage?*', async (route) => {
    const url = new URL(route.request().url());
    asked.push(url.searchParams.get('terminalId') ?? '');
    if (url.searchParams.get('terminalId') !== rathaus.terminalId) return route.fulfill({ status: 404, json: {} });
    return route.fulfill({ json: fixture });
  });

  await page.goto(hub.origin);
  await page.getByLabel('Benutzername').fill(ACCOUNTS.meyer.username);
  await page.getByLabel('Passwort').fill(ACCOUNTS.meyer.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hilfeanfragen' })).toBeVisible();

  // Keyboard only: to the terminal overview, then to the terminal's usage.
  const terminalsNav = page.getByRole('button', { name: 'Terminals', exact: true });
  await tabTo(page, terminalsNav);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Terminals' })).toBeVisible();
  const open = page.getByRole('button', { name: 'Nutzung von Rathaus Eingang ansehen' });
  await tabTo(page, open);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Nutzung: Rathaus Eingang' })).toBeFocused();
  // The page may focus its heading before its figures' request reaches the stub (seen under load): wait for it.
  await expect.poll(() => asked).toEqual([rathaus.terminalId]);
  await expectChartsDrawn(page);
  await expectTablesMatchFixture(page, fixture, 'de', [
    'Montag',
    'Dienstag',
    'Mittwoch',
    'Donnerstag',
    'Freitag',
    'Samstag',
    'Sonntag',
  ]);
  await expectNoAxeViolations(page, 'console usage de');
  await snap(page, 'console usage', { fullPage: true });

  // The other terminal has no figures here: said so, nothing drawn.
  await page.getByRole('button', { name: 'Zurück zu den Terminals' }).click();
  await page.getByRole('button', { name: 'Nutzung von Bürgerbüro ansehen' }).click();
  await expect(page.getByRole('alert')).toContainText('Für dieses Terminal gibt es keine Zahlen.');
  await expect(page.locator('main svg')).toHaveCount(0);

  // English: the console's own switch; the charts' texts follow.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Back to the terminals' }).click();
  await page.getByRole('button', { name: 'View usage of Rathaus Eingang' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Usage: Rathaus Eingang' })).toBeVisible();
  await expectChartsDrawn(page);
  await expectTablesMatchFixture(page, fixture, 'en', [
    'Monday',
    'Tuesday',
    'Wednesday',
    'Thursday',
    'Friday',
    'Saturday',
    'Sunday',
  ]);
  await expectNoAxeViolations(page, 'console usage en');
});
