import { expect, type Page } from '@playwright/test';
import type { Dashboard } from '../../../contract/open-data';
import type { PublishedCount } from '../../../contract/usage';

/** Checks of the usage charts (console/charts), shared by the public dashboard's and the console's specs. */

export const CHARTS = ['sessions', 'services', 'funnel', 'languages', 'help', 'feedback'] as const;

/** How the page must write a published count: the number as is (all fixture numbers are below 1000), "< 5". */
export const shown = (count: PublishedCount) => (count === '<5' ? '< 5' : String(count));

export async function tableOf(page: Page, chart: string): Promise<{ head: string[]; rows: string[][] }> {
  return page.locator(`[data-chart="${chart}"] table`).evaluate((table: HTMLTableElement) => ({
    head: Array.from(table.tHead!.rows[0]!.cells, (cell) => cell.textContent!.trim()),
    rows: Array.from(table.tBodies[0]!.rows, (row) => Array.from(row.cells, (cell) => cell.textContent!.trim())),
  }));
}

/** Every chart is an SVG with marks (bars or cells), inside a box hidden from screen readers. */
export async function expectChartsDrawn(page: Page): Promise<void> {
  for (const chart of CHARTS) {
    const plot = page.getByTestId(`chart-${chart}`);
    await expect(plot.locator('svg')).toHaveCount(1);
    await expect(plot).toHaveAttribute('aria-hidden', 'true');
    const marks = await plot.locator('svg rect').count();
    expect(marks, `${chart}: marks drawn`).toBeGreaterThan(0);
    // Plot's own inline <style> is removed (the CSP would refuse it).
    await expect(plot.locator('style')).toHaveCount(0);
    // A visible caption names the chart.
    await expect(page.locator(`[data-chart="${chart}"] figcaption`)).toBeVisible();
  }
}

export async function expectTablesMatchFixture(
  page: Page,
  fixture: Dashboard,
  language: 'de' | 'en',
  weekdays: string[],
): Promise<void> {
  const month = (value: string) =>
    new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${value}-01T00:00:00Z`),
    );
  const title = (text: { de: string; en: string }) => text[language];

  const sessions = await tableOf(page, 'sessions');
  expect(sessions.rows).toEqual(fixture.months.map((m, i) => [month(m), shown(fixture.sessionsByMonth[i]!)]));

  const services = await tableOf(page, 'services');
  expect(services.head.slice(1)).toEqual(fixture.months.map(month));
  expect(services.rows).toEqual(
    fixture.services.map((service) => [title(service.title), ...service.startedByMonth.map(shown)]),
  );

  const funnel = await tableOf(page, 'funnel');
  const first = fixture.services[0]!;
  expect(funnel.rows).toEqual(
    first.funnel.map((step) => [title(step.title), shown(step.reached), shown(step.givenUp)]),
  );

  const languages = await tableOf(page, 'languages');
  expect(languages.rows.map((row) => row[1])).toEqual(fixture.languages.map((entry) => shown(entry.sessions)));

  const help = await tableOf(page, 'help');
  expect(help.rows).toEqual(fixture.helpByWeekdayHour.map((hours, day) => [weekdays[day]!, ...hours.map(shown)]));

  const feedback = await tableOf(page, 'feedback');
  expect(feedback.rows.map((row) => row[1])).toEqual([
    shown(fixture.feedback.good),
    shown(fixture.feedback.okay),
    shown(fixture.feedback.bad),
  ]);
}
