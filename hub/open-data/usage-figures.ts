import { FEEDBACK_RATINGS, DURATION_BUCKETS, type UsageDay } from '../../contract/usage';
import type { StoredUsageDay } from '../stores/usage-store';
import type { CountTable } from './tables';

/**
 * The figures the open data publish, each a table of terminal locations (rows) by a column: per service (started,
 * completed, given up; the columns are service ids) or per location (sessions; languages; help; feedback; display
 * and speech settings; durations). The figure's name in the CSV is `figure` for a service table and
 * `figure_column` otherwise (e.g. language_de), `sessions` alone.
 */
export const FIGURES = [
  'started',
  'completed',
  'given_up',
  'sessions',
  'language',
  'help',
  'feedback',
  'setting',
  'duration',
] as const;
export type Figure = (typeof FIGURES)[number];
export const SERVICE_FIGURES: ReadonlySet<Figure> = new Set(['started', 'completed', 'given_up']);

const SETTING_NAMES = { largeText: 'large_text', highContrast: 'high_contrast', speech: 'speech' } as const;
const HELP_NAMES = {
  called: 'called',
  offered: 'offered',
  takenOver: 'taken_over',
  continuedAtDesk: 'continued_at_desk',
} as const;

/** Every non-zero count of one report, as (figure, column, value). */
export function countsOf(report: UsageDay): [Figure, string, number][] {
  const counts: [Figure, string, number][] = [['sessions', 'sessions', report.sessions]];
  for (const service of report.services) {
    const givenUp = Object.values(service.givenUp)
      .flatMap((reasons) => Object.values(reasons))
      .reduce((sum, value) => sum + value, 0);
    counts.push(['started', service.serviceId, service.started]);
    counts.push(['completed', service.serviceId, service.completed]);
    counts.push(['given_up', service.serviceId, givenUp]);
  }
  for (const [language, value] of Object.entries(report.languages)) counts.push(['language', language, value]);
  for (const [key, name] of Object.entries(HELP_NAMES))
    counts.push(['help', name, report.help[key as keyof typeof HELP_NAMES]]);
  for (const rating of FEEDBACK_RATINGS) counts.push(['feedback', rating, report.feedback[rating] ?? 0]);
  for (const [key, name] of Object.entries(SETTING_NAMES))
    counts.push(['setting', name, report.settings[key as keyof typeof SETTING_NAMES]]);
  for (const bucket of DURATION_BUCKETS) counts.push(['duration', bucket, report.durations[bucket] ?? 0]);
  return counts.filter((count) => count[2] > 0);
}

/** figure → location → column → count, for one period. */
export type PeriodCounts = Map<Figure, Map<string, Map<string, number>>>;

/** Sums the reports by period (`periodOf(day)`, e.g. the month) into PeriodCounts. */
export function countByPeriod(
  days: readonly StoredUsageDay[],
  periodOf: (day: string) => string,
): Map<string, PeriodCounts> {
  const periods = new Map<string, PeriodCounts>();
  for (const { location, report } of days) {
    const period = periodOf(report.day);
    let figures = periods.get(period);
    if (!figures) periods.set(period, (figures = new Map()));
    for (const [figure, column, value] of countsOf(report)) {
      let byLocation = figures.get(figure);
      if (!byLocation) figures.set(figure, (byLocation = new Map()));
      let byColumn = byLocation.get(location);
      if (!byColumn) byLocation.set(location, (byColumn = new Map()));
      byColumn.set(column, (byColumn.get(column) ?? 0) + value);
    }
  }
  return periods;
}

/** One figure of one period as a table over the given rows and columns (zeros where nothing was counted). */
export function tableOf(
  counts: PeriodCounts | undefined,
  figure: Figure,
  rows: readonly string[],
  cols: readonly string[],
): CountTable {
  const byLocation = counts?.get(figure);
  return {
    rows,
    cols,
    values: rows.map((row) => cols.map((col) => byLocation?.get(row)?.get(col) ?? 0)),
  };
}

/** The rows and columns a figure has over one or more periods, sorted. */
export function axesOf(periods: readonly (PeriodCounts | undefined)[], figure: Figure): [string[], string[]] {
  const rows = new Set<string>();
  const cols = new Set<string>();
  for (const counts of periods)
    for (const [row, byColumn] of counts?.get(figure) ?? []) {
      rows.add(row);
      for (const col of byColumn.keys()) cols.add(col);
    }
  return [[...rows].sort(), [...cols].sort()];
}
