import type { UsageDay, UsageServiceDay } from '../../contract/usage';
import { weekdayOf } from './local-day';

/**
 * One terminal's usage totals of one month at one location (issue 18): the sum of its day reports, kept up to date
 * when a report arrives (hub migration 0008), so the dashboard and the monthly CSV read a row per terminal and month
 * instead of a year of days. Every published figure is a sum of day counts, so a sum of the days gives the same
 * figures; help by weekday is the one count a month cannot say from its days' sum, so it is summed alongside.
 */
export interface MonthSum {
  /** The days summed (a row with none left goes). */
  days: number;
  /** The summed report; its `day` is the month's first, `revision` is 1. */
  report: UsageDay;
  /** Help requests by weekday (0 = Monday) and hour. */
  helpByWeekdayHour: number[][];
}

export function emptyMonthSum(month: string): MonthSum {
  return {
    days: 0,
    report: {
      day: `${month}-01`,
      revision: 1,
      sessions: 0,
      sessionsByHour: new Array<number>(24).fill(0),
      durations: {},
      services: [],
      languages: {},
      settings: { largeText: 0, highContrast: 0, speech: 0 },
      help: { called: 0, offered: 0, takenOver: 0, continuedAtDesk: 0 },
      helpByHour: new Array<number>(24).fill(0),
      feedback: {},
    },
    helpByWeekdayHour: Array.from({ length: 7 }, () => new Array<number>(24).fill(0)),
  };
}

function addRecord<K extends string>(into: Partial<Record<K, number>>, from: Partial<Record<K, number>>, sign: number) {
  for (const [key, value] of Object.entries(from) as [K, number | undefined][])
    into[key] = (into[key] ?? 0) + sign * (value ?? 0);
}

function addService(into: UsageServiceDay, from: UsageServiceDay, sign: number): void {
  into.started += sign * from.started;
  into.completed += sign * from.completed;
  addRecord(into.stepsReached, from.stepsReached, sign);
  for (const [stepId, reasons] of Object.entries(from.givenUp)) addRecord((into.givenUp[stepId] ??= {}), reasons, sign);
  addRecord(into.durations, from.durations, sign);
}

/** Adds (sign 1) or takes away (sign -1) one day's report. */
export function addToMonthSum(sum: MonthSum, report: UsageDay, sign: 1 | -1): void {
  const into = sum.report;
  sum.days += sign;
  into.sessions += sign * report.sessions;
  report.sessionsByHour.forEach((value, hour) => (into.sessionsByHour[hour]! += sign * value));
  addRecord(into.durations, report.durations, sign);
  for (const service of report.services) {
    let known = into.services.find((entry) => entry.serviceId === service.serviceId);
    if (!known) {
      known = { serviceId: service.serviceId, started: 0, completed: 0, stepsReached: {}, givenUp: {}, durations: {} };
      into.services.push(known);
    }
    addService(known, service, sign);
  }
  addRecord(into.languages, report.languages, sign);
  addRecord(into.settings, report.settings, sign);
  addRecord(into.help, report.help, sign);
  addRecord(into.feedback, report.feedback, sign);
  const weekday = sum.helpByWeekdayHour[weekdayOf(report.day)]!;
  report.helpByHour.forEach((value, hour) => {
    into.helpByHour[hour]! += sign * value;
    weekday[hour]! += sign * value;
  });
}
