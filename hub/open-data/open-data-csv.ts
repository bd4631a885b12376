import type { PublishedCount } from '../../contract/usage';
import type { StoredUsageDay } from '../stores/usage-store';
import type { ServiceDirectory } from './service-directory';
import { publishStacked, publishTable, type PublishedTable } from './tables';
import { axesOf, countByPeriod, FIGURES, SERVICE_FIGURES, tableOf, type Figure } from './usage-figures';

/**
 * The open data as CSV (RFC 4180: comma, CRLF, fields with a comma, quote or line break quoted, quotes doubled;
 * UTF-8 without a byte order mark). One row per period, terminal location, service and figure; a row whose count
 * is 0 is left out; a suppressed count is "<5".
 */
export const CSV_HEADER = ['period', 'location', 'service_leika_key', 'service_name', 'figure', 'value'] as const;

function field(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (fields: readonly (string | number)[]) => `${fields.map(field).join(',')}\r\n`;

function figureName(figure: Figure, column: string): string {
  return SERVICE_FIGURES.has(figure) || figure === 'sessions' ? figure : `${figure}_${column}`;
}

function tableRows(
  period: string,
  figure: Figure,
  table: PublishedTable,
  truthIsZero: (row: number, col: number) => boolean,
  directory: ServiceDirectory,
): string {
  let text = '';
  const service = SERVICE_FIGURES.has(figure);
  table.rows.forEach((location, r) =>
    table.cols.forEach((column, c) => {
      if (truthIsZero(r, c)) return;
      const known = service ? directory.byId.get(column) : undefined;
      const value: PublishedCount = table.cell(r, c);
      text += line([
        period,
        location,
        known?.leikaKey ?? '',
        service ? (known?.title.de ?? column) : '',
        figureName(figure, column),
        value,
      ]);
    }),
  );
  return text;
}

/** Every month of the stored days, oldest first. */
export function monthlyCsv(days: readonly StoredUsageDay[], directory: ServiceDirectory): string {
  const months = countByPeriod(days, (day) => day.slice(0, 7));
  let text = line(CSV_HEADER);
  for (const month of [...months.keys()].sort())
    for (const figure of FIGURES) {
      const [rows, cols] = axesOf([months.get(month)], figure);
      const table = tableOf(months.get(month), figure, rows, cols);
      text += tableRows(month, figure, publishTable(table), (r, c) => table.values[r]![c] === 0, directory);
    }
  return text;
}

/** The days of one month (YYYY-MM), suppressed together with the month's figures (fixed as the monthly file has them). */
export function dailyCsv(days: readonly StoredUsageDay[], month: string, directory: ServiceDirectory): string {
  const inMonth = days.filter((stored) => stored.report.day.startsWith(month));
  const byMonth = countByPeriod(inMonth, (day) => day.slice(0, 7)).get(month);
  const byDay = countByPeriod(inMonth, (day) => day);
  const dayKeys = [...byDay.keys()].sort();
  let text = line(CSV_HEADER);
  const parts: string[][] = dayKeys.map(() => []);
  for (const figure of FIGURES) {
    const [rows, cols] = axesOf([byMonth], figure);
    if (rows.length === 0) continue;
    const monthTable = publishTable(tableOf(byMonth, figure, rows, cols));
    const dayTables = dayKeys.map((day) => tableOf(byDay.get(day), figure, rows, cols));
    const published = publishStacked(dayTables, monthTable);
    dayKeys.forEach((day, index) =>
      parts[index]!.push(
        tableRows(day, figure, published[index]!, (r, c) => dayTables[index]!.values[r]![c] === 0, directory),
      ),
    );
  }
  for (const part of parts) text += part.join('');
  return text;
}

/** The months the stored days cover, oldest first. */
export function monthsOf(days: readonly StoredUsageDay[]): string[] {
  return [...new Set(days.map((stored) => stored.report.day.slice(0, 7)))].sort();
}
