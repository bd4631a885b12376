import { expect, test } from '@playwright/test';
import { DASHBOARD_PATH, DashboardSchema, type Dashboard } from '../../contract/open-data';
import { dashboardFixture } from '../fixtures/dashboard-data';
import { checkA11y } from './support/a11y';
import { expectTextContrast } from './support/contrast';
import { expectChartsDrawn, expectTablesMatchFixture, shown, tableOf } from './support/dashboard-checks';
import { DashboardFixtureServer } from './support/dashboard-server';
import { connectTerminal, HUB_ADMIN, HubAdmin, startHub } from './support/hub-process';
import { usageReport } from '../fixtures/usage-reports';
import { tabTo } from './support/keyboard';
import { snap } from './support/snap';
import { watchCspViolations } from './support/csp-violations';

/**
 * The public usage dashboard (issue 18), built into dist/console/dashboard/ (needs `npm run build`), in real
 * Chromium. Most tests take their figures from support/dashboard-server.ts, which serves the built page and a
 * fixture with every kind of cell ("<5" in each chart) at the hub's paths under the hub's CSP; the last test runs
 * the real hub process, lets a terminal report over the real socket and checks the page against what the hub
 * publishes (its dashboard JSON and monthly CSV).
 */

test.describe.configure({ timeout: 90_000 });

const DE = { weekday: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'] };

let server: DashboardFixtureServer;
let fixture: Dashboard;
let cspViolations: string[] = [];

test.beforeAll(async () => {
  server = new DashboardFixtureServer();
  await server.start();
});
test.afterAll(async () => server.stop());
test.beforeEach(async ({ page }) => {
  fixture = dashboardFixture();
  server.figures = { body: fixture };
  cspViolations = await watchCspViolations(page);
  await page.setViewportSize({ width: 1280, height: 800 });
});
test.afterEach(() => {
  expect(cspViolations, 'the dashboard runs under the hub CSP without violations').toEqual([]);
});

test('German: every chart drawn, every table equals the published figures, "< 5" shown and explained', async ({
  page,
}) => {
  await page.goto(`${server.origin}/dashboard/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Der Bürgerkiosk in Zahlen' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expectChartsDrawn(page);
  await expectTablesMatchFixture(page, fixture, 'de', DE.weekday);
  // Suppressed cells read "< 5", and each table with one is followed by the explanation.
  await expect(page.locator('[data-chart="languages"] td', { hasText: '< 5' })).toHaveCount(1);
  await expect(page.locator('[data-chart="languages"] .chart-note')).toContainText('weniger als 5 Sitzungen');
  await expect(page.locator('[data-chart="sessions"] .chart-note')).toHaveCount(0);
  // The drawing writes "< 5" too (no meaning by colour or bar length alone).
  await expect(page.getByTestId('chart-languages').locator('text', { hasText: '< 5' })).toHaveCount(1);
  await expect(page.getByTestId('duration-value')).toHaveText('6,4 Minuten');
  await checkA11y(page, 'dashboard de');
  await expectTextContrast(page, 'dashboard de');
  await snap(page, 'dashboard de desktop', { fullPage: true });
});

test('English by keyboard: the language switch, the service picker; tables and axe in English', async ({ page }) => {
  await page.goto(`${server.origin}/dashboard/`);
  await expect(page.getByTestId('chart-funnel').locator('svg')).toHaveCount(1);
  const toEnglish = page.getByRole('button', { name: 'English' });
  await tabTo(page, toEnglish);
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'The citizens’ kiosk in figures' })).toBeVisible();
  // The switch is named in the language it switches to, and says so.
  await expect(page.getByRole('button', { name: 'Deutsch' }).locator('span')).toHaveAttribute('lang', 'de');
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
  await checkA11y(page, 'dashboard en');

  // The service picker, by keyboard only: Tab to it, arrow down to the second service.
  const picker = page.getByLabel('Choose a service');
  await tabTo(page, picker);
  await page.keyboard.press('ArrowDown');
  const second = fixture.services[1]!;
  await expect(page.locator('[data-chart="funnel"] figcaption')).toContainText(second.title.en);
  const funnel = await tableOf(page, 'funnel');
  expect(funnel.rows).toEqual(second.funnel.map((step) => [step.title.en, shown(step.reached), shown(step.givenUp)]));
  await expect(page.getByTestId('chart-funnel').locator('svg rect')).toHaveCount(second.funnel.length);
  // The choice of language is kept for the next visit.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('phone width, 200 % zoom and print: no sideways scrolling of the page, every chart still drawn', async ({
  page,
}) => {
  for (const [name, width, height] of [
    ['phone', 390, 844],
    // 1280×800 at 200 % zoom lays out like a 640×400 window.
    ['zoom 200', 640, 400],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(`${server.origin}/dashboard/`);
    await expectChartsDrawn(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name}: the page does not scroll sideways`).toBeLessThanOrEqual(0);
    await snap(page, `dashboard ${name}`, { fullPage: true });
  }
  // At phone width the weekday × hour grid turns: hours down, so 24 rows of cells.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId('chart-help').locator('svg')).toHaveCount(1);
  const helpBox = await page.getByTestId('chart-help').locator('svg').boundingBox();
  expect(helpBox!.height).toBeGreaterThan(helpBox!.width);

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ media: 'print' });
  await page.reload();
  await expectChartsDrawn(page);
  await expect(page.getByRole('button', { name: 'English' })).toBeHidden();
  // On paper nothing scrolls: every table fits the page's width.
  const printOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(printOverflow, 'print: nothing wider than the page').toBeLessThanOrEqual(0);
  await snap(page, 'dashboard print', { fullPage: true });
});

test('figures that cannot be loaded, or do not fit the contract, are explained; "Erneut laden" fetches again', async ({
  page,
}) => {
  server.figures = { status: 503 };
  await page.goto(`${server.origin}/dashboard/`);
  await expect(page.getByRole('alert')).toContainText('Die Zahlen konnten nicht geladen werden');
  await expect(page.locator('svg')).toHaveCount(0);

  // A count below zero is not a published figure: nothing of the answer is drawn.
  server.figures = { body: { ...fixture, sessionsByMonth: fixture.sessionsByMonth.map(() => -1) } };
  await page.getByRole('button', { name: 'Erneut laden' }).click();
  await expect(page.getByRole('alert')).toContainText('nicht das erwartete Format');
  await expect(page.locator('svg')).toHaveCount(0);
  await checkA11y(page, 'dashboard invalid');

  server.figures = { body: fixture };
  const before = server.requests;
  await tabTo(page, page.getByRole('button', { name: 'Erneut laden' }));
  await page.keyboard.press('Enter');
  await expectChartsDrawn(page);
  expect(server.requests).toBe(before + 1);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the real hub: figures a terminal reported are drawn, its tables equal the published JSON and CSV, no login', async ({
  page,
}) => {
  const hub = await startHub();
  try {
    // A terminal reports three recent days over the real terminal socket, as a kiosk does after each session.
    const admin = await HubAdmin.login(hub, HUB_ADMIN);
    const { credential } = await admin.enrolTerminal('Foyer', 'Rathaus Stade', '0.1.0-e2e');
    const kiosk = await connectTerminal(hub, credential);
    await kiosk.next('welcome');
    for (const [index, ago] of [3, 2, 1].entries()) {
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(Date.now() - ago * 86_400_000);
      const started = 6 + index;
      kiosk.send({
        type: 'usage.report',
        report: usageReport(day, 1, started, { meldebescheinigung: { started, completed: started - 1 } }),
      });
      await kiosk.next('usage.stored', (message) => message.day === day);
    }
    kiosk.close();
    // The hub publishes new reports within about ten seconds (hub/open-data/publisher.ts), then the page shows them.
    await expect
      .poll(
        async () => DashboardSchema.parse(await (await page.request.get(`${hub.url}${DASHBOARD_PATH}`)).json()).months,
        {
          timeout: 30_000,
        },
      )
      .not.toEqual([]);

    const response = await page.goto(`${hub.url}/dashboard`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${hub.url}/dashboard/`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    await expect(page.getByRole('heading', { level: 1, name: 'Der Bürgerkiosk in Zahlen' })).toBeVisible();
    await expectChartsDrawn(page);
    // With one or two months (three recent days), each month's label is written whole, never cut with "…".
    await expect(page.getByTestId('chart-sessions').locator('svg text', { hasText: '…' })).toHaveCount(0);

    const published = DashboardSchema.parse(await (await page.request.get(`${hub.url}${DASHBOARD_PATH}`)).json());
    await expectTablesMatchFixture(page, published, 'de', DE.weekday);
    const melde = published.services.find((service) => service.serviceId === 'meldebescheinigung')!;
    expect(melde.startedByMonth.reduce<number>((sum, value) => sum + (value === '<5' ? 0 : value), 0)).toBe(21);

    // The monthly CSV says the same as the page.
    const csv = await (await page.request.get(`${hub.url}/open-data/usage-monthly.csv`)).text();
    published.months.forEach((month, index) => {
      const value = melde.startedByMonth[index]!;
      if (value === 0) return;
      expect(
        csv.split('\r\n').filter((line) => line.startsWith(`${month},`) && line.endsWith(`,started,${value}`)),
      ).toHaveLength(1);
    });
    await snap(page, 'dashboard-real-hub');
  } finally {
    await hub.dispose();
  }
});
