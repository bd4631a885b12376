import type { Dashboard } from '../../contract/open-data';
import { LANGUAGE_CODES } from '../../contract/languages';
import { DURATION_BUCKETS, FEEDBACK_RATINGS, SUPPRESSED, type PublishedCount } from '../../contract/usage';
import type { StoredUsageDay } from '../stores/usage-store';
import { weekdayOf } from './local-day';
import type { ServiceDirectory } from './service-directory';
import { PRIMARY_LIMIT, suppress, type Equation } from './suppression';
import { publishFunnel } from './funnel';
import { publishTable, type PublishedTable } from './tables';
import { axesOf, countByPeriod, tableOf, type Figure, type PeriodCounts } from './usage-figures';

/** Midpoints of the duration buckets, in minutes, for the average. */
const BUCKET_MINUTES = { under2: 1, '2to5': 3.5, '5to10': 7.5, '10to20': 15, over20: 25 } as const;
const MAX_MONTHS = 36;

/**
 * A list of counts with their sum as one more, published, total: suppressed like a table's row. `forced` entries
 * (non-zero) are suppressed whatever they count, and another with them, so the line's sum cannot be formed.
 */
function publishLine(values: readonly number[], forced: readonly boolean[] = []): PublishedCount[] {
  const all = [...values, values.reduce((sum, value) => sum + value, 0)];
  const equations: Equation[] = [{ total: values.length, parts: values.map((_, index) => index) }];
  const fixed = new Map<number, boolean>();
  values.forEach((value, index) => forced[index] && value > 0 && fixed.set(index, true));
  const { suppressed } = suppress({ values: all, equations, fixed });
  return values.map((value, index) => (suppressed[index] ? SUPPRESSED : value));
}

type MonthTotals = ((column: string) => PublishedCount)[];
/**
 * The figures over the whole period are sums over the months. Where a month's town-wide total of the same figure is
 * suppressed, a whole-period figure that could be formed would give that month away (the whole period minus the
 * published months), so it is suppressed too.
 */
const anyMonthSuppressed = (totals: MonthTotals, column: string) =>
  totals.some((total) => total(column) === SUPPRESSED);

/** The town-wide (column) totals of one figure in one month, by column. */
function monthTotals(counts: PeriodCounts | undefined, figure: Figure): (column: string) => PublishedCount {
  const [rows, cols] = axesOf([counts], figure);
  const table: PublishedTable = publishTable(tableOf(counts, figure, rows, cols));
  return (column) => {
    const index = cols.indexOf(column);
    return index === -1 ? 0 : table.colTotal(index);
  };
}

/**
 * What the dashboard draws (contract/open-data.ts), from the stored days or their sums per month (UsageStore.months,
 * which carry help by weekday): the whole town's, or one terminal's
 * for the console. The monthly figures are the column totals of the same suppressed tables the monthly CSV is cut
 * from; the figures over the whole period are suppressed as lines (languages, feedback, each service's funnel) or
 * a table (help by weekday and hour).
 */
export function buildDashboard(
  days: readonly StoredUsageDay[],
  directory: ServiceDirectory,
  generatedAt: number,
  terminal: Dashboard['terminal'],
): Dashboard {
  const byMonth = countByPeriod(days, (day) => day.slice(0, 7));
  const months = [...byMonth.keys()].sort().slice(-MAX_MONTHS);
  const shown = days.filter((stored) => months.includes(stored.report.day.slice(0, 7)));
  const sessions = months.map((month) => monthTotals(byMonth.get(month), 'sessions'));
  const started = months.map((month) => monthTotals(byMonth.get(month), 'started'));
  const completed = months.map((month) => monthTotals(byMonth.get(month), 'completed'));
  const givenUpTotals = months.map((month) => monthTotals(byMonth.get(month), 'given_up'));
  const languageTotals = months.map((month) => monthTotals(byMonth.get(month), 'language'));
  const feedbackTotals = months.map((month) => monthTotals(byMonth.get(month), 'feedback'));
  const helpTotals = months.map((month) => monthTotals(byMonth.get(month), 'help'));

  const startedInPeriod = new Map<string, number>();
  const completedInPeriod = new Map<string, number>();
  const reached = new Map<string, number>();
  const givenUp = new Map<string, number>();
  const languages = new Map<string, number>();
  const feedback = new Map<string, number>();
  const help = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const durations = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, value: number) => map.set(key, (map.get(key) ?? 0) + value);
  for (const { report, helpByWeekdayHour } of shown) {
    for (const service of report.services) {
      add(startedInPeriod, service.serviceId, service.started);
      add(completedInPeriod, service.serviceId, service.completed);
      for (const [stepId, value] of Object.entries(service.stepsReached))
        add(reached, `${service.serviceId}/${stepId}`, value);
      for (const [stepId, reasons] of Object.entries(service.givenUp))
        for (const value of Object.values(reasons)) add(givenUp, `${service.serviceId}/${stepId}`, value);
    }
    for (const [language, value] of Object.entries(report.languages)) add(languages, language, value);
    for (const [rating, value] of Object.entries(report.feedback)) add(feedback, rating, value);
    for (const [bucket, value] of Object.entries(report.durations)) add(durations, bucket, value);
    if (helpByWeekdayHour)
      helpByWeekdayHour.forEach((hours, weekday) => hours.forEach((value, hour) => (help[weekday]![hour]! += value)));
    else {
      const weekday = weekdayOf(report.day);
      report.helpByHour.forEach((value, hour) => (help[weekday]![hour]! += value));
    }
  }

  const services = directory.services.map((service) => {
    const key = (stepId: string) => `${service.serviceId}/${stepId}`;
    const funnel = publishFunnel({
      started: startedInPeriod.get(service.serviceId) ?? 0,
      completed: completedInPeriod.get(service.serviceId) ?? 0,
      reached: service.steps.map((step) => reached.get(key(step.stepId)) ?? 0),
      givenUp: service.steps.map((step) => givenUp.get(key(step.stepId)) ?? 0),
      startedHidden: anyMonthSuppressed(started, service.serviceId),
      completedHidden: anyMonthSuppressed(completed, service.serviceId),
      givenUpHidden: anyMonthSuppressed(givenUpTotals, service.serviceId),
    });
    return {
      serviceId: service.serviceId,
      leikaKey: service.leikaKey,
      title: service.title,
      startedByMonth: started.map((totals) => totals(service.serviceId)),
      completedByMonth: completed.map((totals) => totals(service.serviceId)),
      funnel: service.steps.map((step, index) => ({
        stepId: step.stepId,
        title: step.title,
        reached: funnel.reached[index]!,
        givenUp: funnel.givenUp[index]!,
      })),
    };
  });

  const languageCounts = publishLine(
    LANGUAGE_CODES.map((language) => languages.get(language) ?? 0),
    LANGUAGE_CODES.map((language) => anyMonthSuppressed(languageTotals, language)),
  );
  const feedbackCounts = publishLine(
    FEEDBACK_RATINGS.map((rating) => feedback.get(rating) ?? 0),
    FEEDBACK_RATINGS.map((rating) => anyMonthSuppressed(feedbackTotals, rating)),
  );
  // Help by weekday and hour sums to the help requests of the period: one cell more hidden when a month's are.
  const helpHidden = anyMonthSuppressed(helpTotals, 'called') || anyMonthSuppressed(helpTotals, 'offered');
  const helpCells = help.flatMap((row, weekday) => row.map((value, hour) => ({ value, at: [weekday, hour] as const })));
  const smallestHelp = helpCells.filter((cell) => cell.value > 0).sort((a, b) => a.value - b.value)[0];
  const helpTable = publishTable(
    {
      rows: help.map((_, weekday) => String(weekday)),
      cols: help[0]!.map((_, hour) => String(hour)),
      values: help,
    },
    helpHidden && smallestHelp ? [[smallestHelp.at[0], smallestHelp.at[1]]] : [],
  );
  const durationTotal = DURATION_BUCKETS.reduce((sum, bucket) => sum + (durations.get(bucket) ?? 0), 0);
  const durationMinutes = DURATION_BUCKETS.reduce(
    (sum, bucket) => sum + (durations.get(bucket) ?? 0) * BUCKET_MINUTES[bucket],
    0,
  );
  return {
    generatedAt: new Date(generatedAt).toISOString(),
    terminal,
    months,
    sessionsByMonth: sessions.map((totals) => totals('sessions')),
    services,
    languages: LANGUAGE_CODES.map((language, index) => ({ language, sessions: languageCounts[index]! })),
    helpByWeekdayHour: help.map((row, weekday) => row.map((_, hour) => helpTable.cell(weekday, hour))),
    averageDurationMinutes:
      durationTotal < PRIMARY_LIMIT ? null : Math.round((durationMinutes / durationTotal) * 10) / 10,
    feedback: {
      good: feedbackCounts[0]!,
      okay: feedbackCounts[1]!,
      bad: feedbackCounts[2]!,
    },
  };
}
